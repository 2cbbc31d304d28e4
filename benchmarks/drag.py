"""Does the figure follow the hand? Run by ``make bench-drag`` (≈ 5 min).

In JupyterLab with Debian's Chromium (the browser test's harness, tests/browser/lab), every
live explorer of the course is built in a notebook of its own, and the handle of its main continuous
slider is dragged with real mouse events across its whole track: a fixed number of pointer
moves at a fixed interval (default 60 moves, one every 16 ms, ≈ 62 moves per second, so
that ≥ 30 frames per second can show). For each drag it reports frames per second painted
during the drag, the share of the slider's values that reached the screen, the lag from
the last move to the last frame, and bytes per frame (the PNG, and everything the page's
websockets received), with where each frame's time went.

Two set-ups run side by side in the same run, each its own JupyterLab server:

- **before**: the course's ``helpers`` as of ``--before-rev`` (the commit before issue 19's
  work), imported by the kernel from a ``git archive`` copy (PYTHONPATH), and the server
  without TCP_NODELAY on the kernel websocket (``CLASSROOM_KERNEL_WS_NODELAY=0``);
- **after**: this working tree, with the course's server settings as ``make lab`` loads them.

The modes alternate explorer by explorer, so a load spike hits both. The load average is
recorded next to every row. Writes benchmarks/drag.md (``--out``) and artifacts/drag.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import nbformat  # noqa: E402
from explorer_testing import all_builders  # noqa: E402
from lab import LabServer, launch_chromium  # noqa: E402
from lab.drag import (  # noqa: E402
    DragResult,
    drag_slider,
    explorer_notebook,
    install_recorder,
    kernel_execute,
    kernel_round_trip_ms,
    track_websockets,
)
from lab.page import NotebookPage  # noqa: E402
from lab.scripts import INSTRUMENTATION_JS  # noqa: E402
from lab.settings import VIEWPORT  # noqa: E402

BEFORE_REV = "66afe71"  # main when issue 19 was taken up: the course before this work
TARGET_FPS = 30.0
TARGET_LAG_MS = 50.0
def notebook_name(builder: str) -> str:
    return f"drag_{builder.removeprefix('make_')}.ipynb"


# The floor: what the page, the server and ipympl cost per frame when the course's own work
# is next to nothing. An Explorer (the same mechanism, figure size, controls and readout)
# whose update moves one vertical line across empty axes; "noise" puts a fixed random image
# behind it, so every frame is a large PNG (≈ 3× a typical explorer's) that is costly to
# decode. If these cannot reach the targets either, the limit is outside the course's code.
FLOOR_SETUP = """
import numpy as np
from helpers.controls import slider
from helpers.explorer import Explorer

def floor_explorer(noise, readout=True):
    def setup(fig):
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        if noise:
            ax.imshow(np.random.default_rng(0).random((120, 300)), extent=(0, 1, 0, 1),
                      aspect="auto", cmap="gray")
        return ax.plot([0, 0], [0, 1], lw=3)[0]

    def update(line, values):
        line.set_xdata([values["x"], values["x"]])
        return f"x = {values['x']:.2f}" if readout else None

    return Explorer(title="floor", hint="", setup=setup, update=update, figsize=(8.0, 3.4),
                    controls={"x": slider("x", 0.0, 0.0, 1.0, 0.01)},
                    animated=lambda line: [line])
"""
FLOORS = {"floor_line": "floor_explorer(noise=False)", "floor_noise": "floor_explorer(noise=True)",
          "floor_no_readout": "floor_explorer(noise=False, readout=False)"}


def floor_notebook(call: str):
    """A benchmark notebook whose one explorer is a floor (see FLOOR_SETUP)."""
    notebook = explorer_notebook([call])
    notebook.cells.insert(1, nbformat.v4.new_code_cell(FLOOR_SETUP))
    return notebook


def live_explorers(only: list[str] | None = None) -> list[tuple[str, int, str]]:
    """(builder name, index of its main slider, its name) for every explorer that has a
    continuous numeric slider: the first such control is the one a learner drags."""
    import ipywidgets as widgets

    found = []
    for name, builder in sorted(all_builders().items()):
        if only and name not in only:
            continue
        explorer = builder()
        for index, (control_name, control) in enumerate(explorer.controls.items()):
            if (isinstance(control, (widgets.FloatSlider, widgets.IntSlider,
                                     widgets.FloatLogSlider))
                    and control.continuous_update):
                found.append((name, index, control_name))
                break
        explorer.close()
    return found


def snapshot_helpers(rev: str, into: Path) -> Path:
    """The ``helpers`` package as of ``rev`` (git archive), unpacked under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "helpers"],
                                 check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"--before-rev {rev!r}: git archive failed ({exc.stderr.decode()}); "
                         "give a commit of this repository (a full clone is needed)") from exc
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def cpu_seconds_by_role() -> dict[str, float]:
    """CPU seconds (user + system) used so far by this benchmark's processes, by role:
    Chromium (all its processes), the JupyterLab servers, the kernels."""
    import psutil

    totals = {"browser": 0.0, "server": 0.0, "kernel": 0.0}
    for proc in psutil.Process().children(recursive=True):
        try:
            with proc.oneshot():
                command = " ".join(proc.cmdline())
                times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        role = ("kernel" if "ipykernel" in command else "server" if "jupyterlab" in command
                else "browser" if "chrom" in command.lower() else None)
        if role:
            totals[role] += times.user + times.system
    return totals


def load() -> float:
    return round(os.getloadavg()[0], 2)


def new_page(context):
    page = context.new_page()
    page.set_default_timeout(60_000)
    track_websockets(page)
    return page


def open_notebook(page, server: LabServer, name: str):
    """Open notebook ``name`` in ``page`` (its kernel fresh), Run All, install the recorder."""
    notebook = NotebookPage(page, server, name, index=0, artifacts_dir=None)
    notebook.open()
    notebook.run_all()
    if notebook.report.problems:
        raise SystemExit(f"{server.extra_env.get('DRAG_MODE')}: the benchmark notebook did "
                         f"not run cleanly: {notebook.report.problems}")
    install_recorder(page)


def check_helpers_source(page, mode: str, expected: Path) -> None:
    """The kernel imported ``helpers`` from where this mode says (the snapshot or this tree)."""
    found = kernel_execute(page, "import helpers; print(helpers.__file__)").strip()
    if not Path(found).is_relative_to(expected):
        raise SystemExit(f"{mode}: the kernel imported helpers from {found}, not {expected}")


def summarise(results: list[DragResult]) -> dict:
    """Medians over the repeats of one explorer in one mode."""
    def med(values):
        values = [v for v in values if v is not None]
        return round(statistics.median(values), 1) if values else None
    frames = [r.frames_total for r in results]
    return {
        "fps": med([r.fps for r in results]),
        "share": med([100 * r.share for r in results]),
        "lag_ms": med([r.lag_ms for r in results]),
        "png_kib": med([r.median_frame_bytes / 1024 if r.median_frame_bytes else None
                        for r in results]),
        "ws_kib_per_frame": med([r.websocket_bytes / 1024 / f if f else None
                                 for r, f in zip(results, frames, strict=True)]),
        "moves": med([r.moves for r in results]),
        "moves_per_s": med([1000 * (r.moves - 1) / r.drag_ms for r in results if r.drag_ms]),
        "values": med([r.value_changes for r in results]),
        "frames": med(frames),
        "sent": med([len(r.frame_bytes) for r in results]),
        "blank": sum(r.blank_paints + r.final_blank for r in results),
        **{k: med([r.breakdown.get(k) for r in results])
           for k in ("cycle_ms", "busy_to_idle_ms", "idle_to_next_busy_ms",
                     "frame_to_paint_ms", "frame_to_idle_ms", "browser_data_url_ms",
                     "cpu_browser_ms_per_frame", "cpu_server_ms_per_frame",
                     "cpu_kernel_ms_per_frame", "browser_cores_busy")},
    }


def fmt(value, spec="{:.1f}") -> str:
    return "—" if value is None else spec.format(value)


def meets_targets(s: dict) -> str:
    """'met' or 'MISSED (…)'. The frame-rate target applies to a slider that takes at least
    TARGET_FPS distinct values in the drag; one with fewer steps must show every value."""
    missed = []
    if s["lag_ms"] is None or s["lag_ms"] > TARGET_LAG_MS:
        missed.append("lag")
    if (s["values"] or 0) >= TARGET_FPS:
        if s["fps"] is None or s["fps"] < TARGET_FPS:
            missed.append("fps")
    elif (s["share"] or 0) < 100:
        missed.append("not every value shown")
    return "met" if not missed else f"MISSED ({', '.join(missed)})"


def tables(rows: list[dict], modes: list[str]) -> list[str]:
    lines = ["| explorer (slider) | mode | fps | values on screen | lag ms | PNG KiB/frame "
             "| ws KiB/painted frame | moves → values → frames sent → painted | moves/s | load "
             "| targets |",
             "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|"]
    for row in rows:
        for mode in modes:
            s = row[mode]
            met = meets_targets(s)
            lines.append(
                f"| {row['explorer'].removeprefix('make_')} ({row['slider']}) | {mode} "
                f"| {fmt(s['fps'])} | {fmt(s['share'], '{:.0f}%')} | {fmt(s['lag_ms'], '{:.0f}')} "
                f"| {fmt(s['png_kib'])} | {fmt(s['ws_kib_per_frame'])} "
                f"| {fmt(s['moves'], '{:.0f}')} → {fmt(s['values'], '{:.0f}')} → "
                f"{fmt(s['sent'], '{:.0f}')} → {fmt(s['frames'], '{:.0f}')} "
                f"| {fmt(s['moves_per_s'], '{:.0f}')} "
                f"| {row['load'][mode]} "
                f"| {met}{' BLANK' if s['blank'] else ''} |")
    lines += ["", "Where a frame's time goes (medians over the drag's kernel cycles, ms):", "",
              "| explorer | mode | cycle (idle → idle) | idle → next busy | kernel busy → idle "
              "| frame → idle | frame → painted | browser toDataURL "
              "| CPU ms per frame sent: browser / server / kernel | Chromium's cores busy |",
              "|---|---|---:|---:|---:|---:|---:|---:|---|---:|"]
    for row in rows:
        for mode in modes:
            s = row[mode]
            lines.append(
                f"| {row['explorer'].removeprefix('make_')} | {mode} | {fmt(s['cycle_ms'])} "
                f"| {fmt(s['idle_to_next_busy_ms'])} | {fmt(s['busy_to_idle_ms'])} "
                f"| {fmt(s['frame_to_idle_ms'])} | {fmt(s['frame_to_paint_ms'])} "
                f"| {fmt(s['browser_data_url_ms'])} "
                f"| {fmt(s['cpu_browser_ms_per_frame'])} / {fmt(s['cpu_server_ms_per_frame'])} "
                f"/ {fmt(s['cpu_kernel_ms_per_frame'])} "
                f"| {fmt(s['browser_cores_busy'], '{:.2f}')} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60)
    parser.add_argument("--interval-ms", type=float, default=16.0)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--before-rev", default=BEFORE_REV)
    parser.add_argument("--modes", default="before,after",
                        help="comma-separated: before, after, nodelay-only (before's code "
                             "with TCP_NODELAY), code-only (after's code without it)")
    parser.add_argument("--only", nargs="*", help="builder names (make_…_explorer)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "drag.md"))
    parser.add_argument("--no-fail", action="store_true",
                        help="exit 0 even when an 'after' row misses a target")
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the floor rows (an explorer that does next to nothing)")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    explorers = live_explorers(args.only)
    floors = [] if args.no_floor else [(name, 0, "x") for name in FLOORS
                                       if not args.only or name in args.only]
    work = Path(tempfile.mkdtemp(prefix="drag-bench-"))
    # One notebook per explorer, as in the course (a page holding all 17 live figures costs
    # the browser about twice as much per frame).
    notebooks = {}
    for name, _, _ in explorers + floors:
        notebooks[notebook_name(name)] = work / notebook_name(name)
        nbformat.write(floor_notebook(FLOORS[name]) if name in FLOORS
                       else explorer_notebook([f"helpers.widgets.{name}()"]),
                       notebooks[notebook_name(name)])
    explorers += floors
    old_helpers = None
    settings = {}
    for mode in modes:
        old_code = mode in ("before", "nodelay-only")
        nodelay = mode in ("after", "nodelay-only")
        env = {"CLASSROOM_KERNEL_WS_NODELAY": "1" if nodelay else "0", "DRAG_MODE": mode}
        if old_code:
            old_helpers = old_helpers or snapshot_helpers(args.before_rev, work / "before")
            env["PYTHONPATH"] = os.pathsep.join(
                [str(old_helpers), *filter(None, [os.environ.get("PYTHONPATH")])])
        settings[mode] = env
    print(f"drag benchmark: {len(explorers)} explorers, modes {modes}, {args.moves} moves "
          f"every {args.interval_ms:g} ms, {args.repeats} repeats; load {os.getloadavg()}")
    servers = {mode: LabServer(notebooks, workdir=work / mode,
                               extra_env=settings[mode]) for mode in modes}
    results: dict[tuple[str, str], list[DragResult]] = {}
    loads: dict[tuple[str, str], list[float]] = {}
    started = time.monotonic()
    round_trips: dict[str, tuple[float, float]] = {}
    from playwright.sync_api import sync_playwright
    try:
        for server in servers.values():
            server.start()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(INSTRUMENTATION_JS)
            pages = {mode: new_page(context) for mode in modes}
            for index, (name, control_index, _slider) in enumerate(explorers):
                for mode in modes:
                    open_notebook(pages[mode], servers[mode], notebook_name(name))
                    if index == 0:
                        old_code = mode in ("before", "nodelay-only")
                        check_helpers_source(pages[mode], mode,
                                             old_helpers if old_code else ROOT)
                        pages[mode].bring_to_front()
                        round_trips[mode] = (round(kernel_round_trip_ms(pages[mode]), 1),
                                             load())
                        print(f"  [{mode}] kernel round trip (kernel_info) "
                              f"{round_trips[mode][0]} ms; load {round_trips[mode][1]}",
                              flush=True)
                for repeat in range(args.repeats):
                    order = modes if repeat % 2 == 0 else modes[::-1]
                    for mode in order:
                        page = pages[mode]
                        page.bring_to_front()
                        cpu_before, wall = cpu_seconds_by_role(), time.monotonic()
                        result = drag_slider(page, 0, control_index, moves=args.moves,
                                             interval_ms=args.interval_ms)
                        cpu_after, wall = cpu_seconds_by_role(), time.monotonic() - wall
                        frames = max(1, len(result.frame_bytes))
                        result.breakdown["browser_cores_busy"] = round(
                            (cpu_after["browser"] - cpu_before["browser"]) / wall, 2)
                        result.breakdown.update({
                            f"cpu_{role}_ms_per_frame": round(
                                1000 * (cpu_after[role] - cpu_before[role]) / frames, 1)
                            for role in cpu_after})
                        results.setdefault((name, mode), []).append(result)
                        loads.setdefault((name, mode), []).append(load())
                        print(f"  {name} [{mode}] fps {result.fps:.1f}, lag "
                              f"{fmt(result.lag_ms, '{:.0f}')} ms, {result.frames_total} "
                              f"frames for {result.value_changes} values; load {load()}",
                              flush=True)
                for server in servers.values():
                    server.shutdown_kernels()  # 2 cores: one explorer's kernels at a time
            context.close()
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    rows = [{"explorer": name, "slider": slider,
             "load": {m: round(statistics.median(loads[(name, m)]), 1) for m in modes},
             **{m: summarise(results[(name, m)]) for m in modes}}
            for name, _, slider in explorers]
    lines = tables(rows, modes)
    lines += ["", "Kernel round trip with nothing drawn (kernel_info request → reply from the "
              "page, median of 15): " + "; ".join(
                  f"{mode} {ms} ms (load {ld})" for mode, (ms, ld) in round_trips.items()) + "."]
    print("\n".join(lines))
    header = [
        "# Drag benchmark: does the figure follow the hand?", "",
        "Written by `make bench-drag` (benchmarks/drag.py); how to read it: "
        "benchmarks/README.md, \"Dragging a slider in the browser\".", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M:%S %z')} on {os.cpu_count()} CPUs "
        f"({platform.machine()}), Debian Chromium headless, {args.moves} pointer moves every "
        f"{args.interval_ms:g} ms across each slider's track, {args.repeats} drags per "
        f"explorer and mode (medians shown); load average (1 min) next to each row; "
        f"{time.monotonic() - started:.0f} s in all. "
        f"before = helpers at {args.before_rev}, no TCP_NODELAY; after = this tree, the "
        "course's server settings.", "",
        f"Targets: ≥ {TARGET_FPS:.0f} frames per second during the drag (for a slider with "
        f"fewer than {TARGET_FPS:.0f} steps on its track: every value shown) and ≤ "
        f"{TARGET_LAG_MS:.0f} ms from the last move that changed the value to the last frame. "
        "fps = frames painted between the first and the last pointer move ÷ that time; "
        "values on screen = frames painted ÷ distinct values the handle took; moves/s = "
        "pointer moves the page received per second (Chromium coalesces moves while busy); "
        "frames sent = PNGs that reached the page, painted = those it drew (ipympl drops a "
        "frame whose successor arrives before it is decoded).",
        "",
    ]
    Path(args.out).write_text("\n".join(header + lines) + "\n")
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "drag.json").write_text(json.dumps(
        {"rows": rows, "raw": {f"{n}|{m}": [asdict(r) for r in rs]
                               for (n, m), rs in results.items()}}, indent=1))
    print(f"written: {args.out}, artifacts/drag.json")
    missed = [row["explorer"] for row in rows if "after" in row
              and row["explorer"] not in FLOORS and meets_targets(row["after"]) != "met"]
    blank = [row["explorer"] for row in rows if any(row[m]["blank"] for m in modes)]
    if blank:
        print(f"BLANK frames painted: {blank}")
        return 1
    if missed and not args.no_fail:
        print(f"targets missed (after): {missed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
