"""How fast does every explorer answer a slider move? Run by ``make bench``.

For each explorer the course uses (the same builders the notebooks call) every control is
swept the way a drag would move it, and the kernel-side time from setting the value to the
image being ready for the browser (update + Agg draw or blit + ipympl's PNG diff) is timed.
In the same run the same figure is drawn the naive way — what re-running the cell (or
``interact`` with the inline backend) does on each move: the explorer rebuilt from its
builder with the new values, a full draw, a PNG encode (bbox_inches="tight").
Then the training loops the notebooks re-run inside one update are timed, next to PyTorch
(CPU) when it happens to be installed.

Prints a table and writes it to benchmarks/latest.md.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from explorer_testing import all_builders, apply, drag_values  # noqa: E402

import helpers  # noqa: E402
from helpers.controls import is_choice  # noqa: E402

TARGET_P95_MS = 16.0
TARGET_RATIO = 5.0


def percentile(samples, q):
    return float(np.percentile(np.asarray(samples), q))


def kind_of(control) -> str:
    """How a learner moves a control: 'drag' (live slider), 'click' (a choice), or
    'release' (a slider that updates once, on release)."""
    if is_choice(control):
        return "click"
    return "drag" if getattr(control, "continuous_update", True) else "release"


def time_explorer(builder, steps_per_control: int, naive_samples: int):
    """Per kind of control, the ms of each move; and the naive redraw's ms."""
    explorer = builder()
    explorer.canvas.syncing_data_url = False  # as once a browser is attached
    ours, moves = {"drag": [], "click": [], "release": []}, []
    for name, control in explorer.controls.items():
        for value in drag_values(control, steps_per_control):
            start = time.perf_counter()
            apply(control, value)
            explorer.draw_now()
            ours[kind_of(control)].append((time.perf_counter() - start) * 1e3)
            moves.append((name, value))
        explorer.reset()
    for button in explorer.buttons.values():
        for _ in range(3):
            start = time.perf_counter()
            button.click()
            explorer.draw_now()
            ours["click"].append((time.perf_counter() - start) * 1e3)
    naive = []
    picks = np.linspace(0, len(moves) - 1, min(naive_samples, len(moves))).astype(int)
    for index in picks:
        name, value = moves[index]
        apply(explorer.controls[name], value)
        values = explorer.values()
        start = time.perf_counter()
        rebuilt = builder()
        rebuilt.set(**values)
        rebuilt.figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")
        naive.append((time.perf_counter() - start) * 1e3)
    return ours, naive


def time_call(function, repeat: int) -> float:
    """Median wall time of ``function()`` in ms."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def training_rows(repeat: int, with_torch: bool = True):
    X_xor, T_xor = helpers.xor()
    X_sym, T_sym = helpers.symmetry_data()
    cases = [
        ("2-2-1 XOR, 500 epochs", [2, 2, 1], X_xor, T_xor, 500, 0.5, 0.0, "mean"),
        ("6-2-1 symmetry (64 patterns), 1,500 sweeps", [6, 2, 1], X_sym, T_sym, 1500, 0.1,
         0.9, "sum"),
    ]
    torch = (importlib.import_module("torch")
             if with_torch and importlib.util.find_spec("torch") else None)
    rows = []
    for label, sizes, X, T, epochs, lr, momentum, reduction in cases:
        net = helpers.Network(sizes, seed=0, init_scale=0.3)
        run = functools.partial(helpers.train, net, X, T, lr=lr, epochs=epochs,
                                momentum=momentum, reduction=reduction)
        ours = time_call(run, repeat)
        theirs = time_torch(torch, sizes, X, T, epochs, lr, momentum, reduction, repeat)
        rows.append((label, ours, theirs))
    return rows


def time_torch(torch, sizes, X, T, epochs, lr, momentum, reduction, repeat):
    """The same full-batch training written plainly in PyTorch (CPU), or None."""
    if torch is None:
        return None
    torch.set_num_threads(1)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [torch.nn.Linear(n_in, n_out, dtype=torch.float64), torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    Xt, Tt = torch.tensor(X), torch.tensor(T)

    def run():
        optimiser = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        for _ in range(epochs):
            optimiser.zero_grad()
            error = 0.5 * ((model(Xt) - Tt) ** 2).sum(dim=1)
            (error.sum() if reduction == "sum" else error.mean()).backward()
            optimiser.step()

    return time_call(run, repeat)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40, help="values per control sweep")
    parser.add_argument("--naive", type=int, default=20, help="naive redraws per explorer")
    parser.add_argument("--quick", action="store_true", help="tiny run (smoke test)")
    parser.add_argument("--only", nargs="*", default=None, metavar="BUILDER",
                        help="benchmark only these builders (and skip the training rows)")
    args = parser.parse_args(argv)
    if args.quick:  # the smoke test: every explorer and every code path once, fast
        args.steps, args.naive = 2, 1

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, numpy {np.__version__}, "
             f"matplotlib {matplotlib.__version__}, {time.strftime('%Y-%m-%d')}", "",
             "Drag = live sliders (the 16 ms target); click = dropdowns and buttons; "
             "release = sliders that update once, on release.", "",
             "| explorer | drag moves | drag median ms | drag p95 ms | click p95 ms | "
             "release p95 ms | naive median ms | naive/ours (median) | drag targets |",
             "|---|---|---|---|---|---|---|---|---|"]
    all_met = True
    builders = all_builders()
    for name in args.only or []:
        if name not in builders:
            parser.error(f"--only {name}: no such builder; choose from {sorted(builders)}")
    for name, builder in sorted(builders.items()):
        if args.only and name not in args.only:
            continue
        ours, naive = time_explorer(builder, args.steps, args.naive)
        naive_median = statistics.median(naive)
        drag = ours["drag"]
        if drag:
            median, p95 = statistics.median(drag), percentile(drag, 95)
            met = p95 <= TARGET_P95_MS and naive_median / median >= TARGET_RATIO
            drag_text = f"{median:.1f} | {p95:.1f}"
            ratio = f"{naive_median / median:.0f}×"
        else:
            met, drag_text = True, "— | —"
            ratio = f"{naive_median / statistics.median(ours['click']):.0f}× (click)"
        all_met &= met
        click, release = (f"{percentile(ours[k], 95):.1f}" if ours[k] else "—"
                          for k in ("click", "release"))
        lines.append(f"| {name} | {len(drag)} | {drag_text} | {click} | {release} | "
                     f"{naive_median:.0f} | {ratio} | "
                     f"{'met' if met else 'MISSED'} |")
        print(lines[-1], flush=True)
    lines += ["", "| training run | helpers.train ms | PyTorch CPU ms | ratio |",
              "|---|---|---|---|"]
    rows = ([] if args.only else training_rows(repeat=1, with_torch=False) if args.quick
            else training_rows(repeat=7))
    for label, ours, theirs in rows:
        torch_text = "not installed" if theirs is None else f"{theirs:.1f}"
        ratio = "—" if theirs is None else f"{theirs / ours:.1f}×"
        lines.append(f"| {label} | {ours:.1f} | {torch_text} | {ratio} |")
        print(lines[-1], flush=True)
    lines += ["", f"Drag targets: p95 ≤ {TARGET_P95_MS:g} ms and ≥ {TARGET_RATIO:g}× faster "
              f"than naive (medians). All explorers {'met' if all_met else 'did NOT all meet'} "
              "them."]
    report = "\n".join(lines)
    print("\n" + report)
    if not args.quick:
        (Path(__file__).parent / "latest.md").write_text(report + "\n")
    return 0 if all_met else 1  # make bench fails when an explorer misses its target


if __name__ == "__main__":
    sys.exit(main())
