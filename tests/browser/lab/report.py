"""What a notebook's browser check found, and the latency tables written from it."""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lab.settings import (
    ARTIFACTS_DIR,
    LATENCY_BOUND_MS,
    LATENCY_TARGET_MS,
    PRESSES_PER_SLIDER,
    ROOT,
)


# ------------------------------------------------------------------------------------------
# The per-notebook harness
# ------------------------------------------------------------------------------------------
class NotebookCheckFailed(AssertionError):
    """The notebook failed in the browser; the message names the notebook and the controls."""


@dataclass
class ControlResult:
    kind: str
    label: str
    cell: int
    canvas: str | None
    changed: bool | None = None  # None: not a figure check (buttons)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class NotebookReport:
    name: str
    open_seconds: float = 0.0
    run_all_seconds: float = 0.0
    controls_seconds: float = 0.0
    screenshot_seconds: float = 0.0
    total_seconds: float = 0.0
    canvases: int = 0
    controls: list[ControlResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    screenshots: list[str] = field(default_factory=list)

    @property
    def latencies_ms(self) -> list[float]:
        return [v for c in self.controls for v in c.latencies_ms]

    def latency_summary(self) -> dict:
        values = sorted(self.latencies_ms)
        return {"notebook": self.name, "presses": len(values),
                "median_ms": round(statistics.median(values), 1) if values else None,
                "p95_ms": round(percentile(values, 95), 1) if values else None,
                "max_ms": round(values[-1], 1) if values else None,
                "sliders": sum(c.kind == "slider" for c in self.controls),
                "dropdowns": sum(c.kind == "dropdown" for c in self.controls),
                "buttons": sum(c.kind == "button" for c in self.controls),
                "canvases": self.canvases,
                "open_s": round(self.open_seconds, 1),
                "run_all_s": round(self.run_all_seconds, 1),
                "controls_s": round(self.controls_seconds, 1),
                "screenshots_s": round(self.screenshot_seconds, 1),
                "total_s": round(self.total_seconds, 1)}

    def to_json(self) -> dict:
        return {**self.latency_summary(), "controls": [asdict(c) for c in self.controls],
                "problems": self.problems}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))  # ceil
    return sorted_values[int(rank) - 1]


def error_summary(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"(Error|Exception)\b", line):
            return line[:300]
    return (lines[-1] if lines else text)[:300]

# ------------------------------------------------------------------------------------------
# Results: printed in the terminal summary, written to artifacts/ (and benchmarks/ on request)
# ------------------------------------------------------------------------------------------
RESULTS: list[tuple[str, NotebookReport]] = []  # (status, report), filled by the tests
BENCHMARK_MD = ROOT / "benchmarks" / "browser_latency.md"


def _cell(value, unit: str = "") -> str:
    return "–" if value is None else f"{value}{unit}"


def latency_table(results: list[tuple[str, NotebookReport]]) -> list[str]:
    lines = ["| notebook | status | sliders | dropdowns | buttons | figures | key presses timed "
             "| median ms | p95 ms | max ms | Run All s | total s |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    every = []
    for status, report in results:
        s = report.latency_summary()
        every += report.latencies_ms
        lines.append(f"| {s['notebook']} | {status} | {s['sliders']} | {s['dropdowns']} "
                     f"| {s['buttons']} | {s['canvases']} | {s['presses']} "
                     f"| {_cell(s['median_ms'])} | {_cell(s['p95_ms'])} | {_cell(s['max_ms'])} "
                     f"| {s['run_all_s']} | {s['total_s']} |")
    if every:
        every.sort()
        lines.append(f"| **all** | | | | | | {len(every)} | {statistics.median(every):.1f} "
                     f"| {percentile(every, 95):.1f} | {every[-1]:.1f} | | |")
    return lines


def write_results(results: list[tuple[str, NotebookReport]], *, artifacts_dir: Path = ARTIFACTS_DIR,
                  benchmark_md: Path | None = None) -> list[Path]:
    """latency.json + latency.md in artifacts/browser; the markdown also to `benchmark_md`."""
    if not results:
        return []
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    every = sorted(v for _, r in results for v in r.latencies_ms)
    payload = {
        "measured": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "what": "key press (keydown, capture phase) → first drawImage that changes the pixels "
                "of the ipympl canvas tied to the slider, in headless Chromium",
        "target_p95_ms": LATENCY_TARGET_MS, "bound_ms": LATENCY_BOUND_MS,
        "machine": {"cpus": os.cpu_count(), "load_average": list(os.getloadavg())},
        "all": {"presses": len(every),
                "median_ms": round(statistics.median(every), 1) if every else None,
                "p95_ms": round(percentile(every, 95), 1) if every else None},
        "notebooks": [{"status": status, **report.to_json()} for status, report in results],
    }
    json_path = artifacts_dir / "latency.json"
    json_path.write_text(json.dumps(payload, indent=2))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    markdown = "\n".join([
        "# Browser latency: slider key press → changed figure",
        "",
        "Written by `tests/browser` (the real-browser test). Each slider of each notebook is",
        f"pressed {PRESSES_PER_SLIDER} times (→ → ← ←); a press is timed from its `keydown` to the",
        "first paint (`drawImage`) that changes the pixels of the ipympl canvas of the same",
        "explorer, in headless Chromium driving JupyterLab on this machine. Sliders without an",
        "ipympl canvas are checked by masked screenshots and not timed.",
        "",
        f"Target: p95 ≤ {LATENCY_TARGET_MS:.0f} ms. The test fails a slider whose median press "
        f"takes more than {LATENCY_BOUND_MS:.0f} ms (a broken redraw, not a slow machine).",
        "",
        f"Measured {payload['measured']} on {os.cpu_count()} CPUs, load average {load} "
        "(1, 5, 15 min) when the run ended.",
        "",
        *latency_table(results),
        "",
        "Regenerate: `BROWSER_LATENCY_UPDATE=1 .venv/bin/python -m pytest -m browser "
        "tests/browser` (artifacts/browser/ gets the same table, latency.json and screenshots "
        "on every run).",
        "",
    ])
    md_path = artifacts_dir / "latency.md"
    md_path.write_text(markdown)
    written = [json_path, md_path]
    if benchmark_md is not None:
        benchmark_md.parent.mkdir(parents=True, exist_ok=True)
        benchmark_md.write_text(markdown)
        written.append(benchmark_md)
    return written
