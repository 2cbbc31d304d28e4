"""How fast does every explorer answer a slider move? Run by ``make bench``.

For each explorer the course uses (the same builders the notebooks call) every control is
swept the way a drag would move it, and the kernel-side time from setting the value to the
image being ready for the browser (update + Agg draw or blit + ipympl's PNG diff) is timed.
In the same run the same figure is drawn the naive way — what re-running the cell (or
``interact`` with the inline backend) does on each move: the explorer rebuilt from its
builder with the new values, a full draw, a PNG encode (bbox_inches="tight").
Then the training loops the notebooks re-run inside one update are timed, next to PyTorch
(CPU) when it happens to be installed. Last, 09's digits classifier: how long a retrain on
release takes in the explorer (kernel side, p95) and how its training compares with
scikit-learn's MLPClassifier (same architecture, split, epochs, batch size and lr) in time
and test accuracy.

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


DIGITS_TARGET_P95_MS = 150.0
DIGITS_TARGET_ACCURACY = 0.95


def digits_release_times(lr_values):
    """The digits explorer's kernel-side ms per lr release (each value retrains the default
    64-32-10 net: 20 epochs, batches of 16), wall clock and the kernel's own CPU time (on a
    busy machine the wall clock also counts waiting for a core), the test accuracy each
    retrained run ends at, and the ms per epoch-slider move."""
    from helpers.widgets import make_digits_explorer

    explorer = make_digits_explorer()
    explorer.canvas.syncing_data_url = False
    releases, cpu, accuracies, scrubs = [], [], [], []
    for lr in lr_values:
        start, start_cpu = time.perf_counter(), time.process_time()
        explorer.controls["lr"].value = float(lr)
        explorer.draw_now()
        releases.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
        accuracies.append(float(explorer.view.history.test_accuracy[-1]))
    for epoch in drag_values(explorer.controls["epoch"], 21):
        start = time.perf_counter()
        explorer.controls["epoch"].value = epoch
        explorer.draw_now()
        scrubs.append((time.perf_counter() - start) * 1e3)
    return releases, cpu, accuracies, scrubs


def digits_comparison(repeat: int, with_torch: bool = True):
    """helpers.train against scikit-learn's MLPClassifier (and PyTorch if installed) on the
    digits: 64-32-10, ReLU, softmax + cross-entropy, plain SGD, lr 0.1, batches of 16,
    20 epochs, same split; one BLAS thread for everyone. Returns rows of
    (library, median ms, test accuracy)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    from helpers._threads import one_blas_thread
    from helpers.digits import DIGITS_EPOCHS

    X, T, X_test, T_test = helpers.load_digits()
    labels, test_labels = T.argmax(axis=1), T_test.argmax(axis=1)
    rows = []
    with one_blas_thread():
        net = helpers.Network([64, 32, 10], activation="relu", output="softmax",
                              loss="cross_entropy", init="he", seed=0)
        runs = []

        def ours():
            runs.append(helpers.train(net, X, T, lr=0.1, epochs=DIGITS_EPOCHS, batch_size=16,
                                      shuffle_seed=0))

        ms = time_call(ours, repeat)
        rows.append(("helpers.train", ms, runs[-1].network.accuracy(X_test, T_test)))

        models = []

        def sklearn_run():
            model = MLPClassifier(hidden_layer_sizes=(32,), activation="relu", solver="sgd",
                                  learning_rate="constant", learning_rate_init=0.1,
                                  batch_size=16, max_iter=DIGITS_EPOCHS, momentum=0.0,
                                  nesterovs_momentum=False, alpha=0.0, shuffle=True,
                                  tol=0.0, n_iter_no_change=10**6, random_state=0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(X, labels)
            models.append(model)

        ms = time_call(sklearn_run, repeat)
        rows.append(("scikit-learn MLPClassifier",
                     ms, float(np.mean(models[-1].predict(X_test) == test_labels))))
        torch = (importlib.import_module("torch")
                 if with_torch and importlib.util.find_spec("torch") else None)
        if torch is not None:
            rows.append(("PyTorch (CPU)", *time_torch_digits(torch, X, labels, X_test,
                                                               test_labels, repeat)))
    return rows


def time_torch_digits(torch, X, labels, X_test, test_labels, repeat):
    """The same mini-batch training written plainly in PyTorch (CPU, float64)."""
    from helpers.digits import DIGITS_EPOCHS

    torch.set_num_threads(1)
    torch.manual_seed(0)
    Xt, yt = torch.tensor(X), torch.tensor(labels)
    accuracy = []

    def run():
        model = torch.nn.Sequential(torch.nn.Linear(64, 32, dtype=torch.float64),
                                    torch.nn.ReLU(), torch.nn.Linear(32, 10, dtype=torch.float64))
        optimiser = torch.optim.SGD(model.parameters(), lr=0.1)
        generator = np.random.default_rng(0)
        for _ in range(DIGITS_EPOCHS):
            order = torch.tensor(generator.permutation(len(X)))
            for start in range(0, len(X), 16):
                rows = order[start:start + 16]
                optimiser.zero_grad()
                torch.nn.functional.cross_entropy(model(Xt[rows]), yt[rows]).backward()
                optimiser.step()
        with torch.no_grad():
            predicted = model(torch.tensor(X_test)).argmax(dim=1).numpy()
        accuracy.append(float(np.mean(predicted == test_labels)))

    return time_call(run, repeat), accuracy[-1]


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
    if not args.only:
        lines += rumelhart_lines(args.quick)
        lines += digits_lines(args.quick)
    lines += ["", f"Drag targets: p95 ≤ {TARGET_P95_MS:g} ms and ≥ {TARGET_RATIO:g}× faster "
              f"than naive (medians). All explorers {'met' if all_met else 'did NOT all meet'} "
              "them."]
    report = "\n".join(lines)
    print("\n" + report)
    if not args.quick:
        (Path(__file__).parent / "latest.md").write_text(report + "\n")
    return 0 if all_met else 1  # make bench fails when an explorer misses its target


def rumelhart_lines(quick: bool) -> list[str]:
    """08's training sliders: what a move costs when it needs runs not trained yet (a whole
    slider track at once, ``replay_many``), next to retraining the one run a release asked
    for (``replay_training``, how 08 worked before issue 19), and building the explorer."""
    from helpers.widgets import make_rumelhart_explorer

    repeat = 1 if quick else 3
    single = [time_call(functools.partial(helpers.replay_training, seed, epochs=3000), 1)
              for seed in range(repeat)]
    builds = [time_call(make_rumelhart_explorer, 1) for _ in range(repeat)]
    explorer = make_rumelhart_explorer()
    explorer.canvas.syncing_data_url = False
    first_moves = {"lr": [], "momentum": [], "seed": []}
    # Move one slider to a value off the start's tracks, then another: its track is new.
    for k, (off_track, new_track) in enumerate([("seed", "lr"), ("lr", "momentum"),
                                                ("momentum", "seed")] * repeat):
        explorer.reset()
        explorer.set(**{off_track: {"seed": 1 + k, "lr": 10.0**-(1.5 + 0.05 * k),
                                    "momentum": 0.05 * (1 + k)}[off_track]})
        control = explorer.controls[new_track]
        value = drag_values(control, 7)[1]
        start = time.perf_counter()
        apply(control, value)
        explorer.draw_now()
        first_moves[new_track].append((time.perf_counter() - start) * 1e3)
    lines = ["", "08's training sliders (lr, momentum, seed; each move shows another recorded "
                 "run of 3,000 sweeps):", "",
             "| what | runs trained | median ms | ms per run |", "|---|---|---|---|",
             f"| before issue 19: one run retrained on release (`replay_training`) | 1 | "
             f"{statistics.median(single):.0f} | {statistics.median(single):.0f} |"]
    tracks = {"lr": 41, "momentum": 20, "seed": 20}
    for name, samples in first_moves.items():
        ms = statistics.median(samples)
        lines.append(f"| first move of {name} after another slider moved: its whole track "
                     f"(`replay_many`) | {tracks[name]} | {ms:.0f} | {ms / tracks[name]:.1f} |")
    build = statistics.median(builds)
    lines.append(f"| building the explorer: the start's three tracks | 79 | {build:.0f} | "
                 f"{build / 79:.1f} |")
    lines.append("\nEvery other move of these sliders replays a recorded run: see "
                 "make_rumelhart_explorer's drag columns above.")
    print(*lines, sep="\n", flush=True)
    return lines


def digits_lines(quick: bool) -> list[str]:
    """The digits classifier's rows: retrain on release in the explorer, and the comparison
    with scikit-learn (and PyTorch)."""
    lr_values = [0.1, 0.12] if quick else np.geomspace(0.05, 0.3, 20)
    releases, cpu, accuracies, scrubs = digits_release_times(lr_values)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = ["", f"Digits explorer of 09 (load average {load:.1f} on {os.cpu_count()} cores "
                 "while measured):", "",
             "| digits explorer: 64-32-10, 20 epochs, batch 16 | moves | median ms | "
             "p95 ms | target | test accuracy (min–max) |", "|---|---|---|---|---|---|"]
    accurate = min(accuracies) >= DIGITS_TARGET_ACCURACY
    for label, samples in (("wall clock", releases), ("kernel CPU time", cpu)):
        p95 = percentile(samples, 95)
        met = p95 <= DIGITS_TARGET_P95_MS and accurate
        lines.append(f"| retrain on lr release (lr {min(lr_values):.2g}–{max(lr_values):.2g}), "
                     f"{label} | {len(samples)} | {statistics.median(samples):.0f} | {p95:.0f} "
                     f"| p95 ≤ {DIGITS_TARGET_P95_MS:g} ms and ≥ 95 %: "
                     f"{'met' if met else 'MISSED'} | "
                     f"{min(accuracies):.1%}–{max(accuracies):.1%} |")
    lines.append(f"| epoch scrub (replay), wall clock | {len(scrubs)} | "
                 f"{statistics.median(scrubs):.1f} | {percentile(scrubs, 95):.1f} | p95 ≤ "
                 f"{TARGET_P95_MS:g} ms: "
                 f"{'met' if percentile(scrubs, 95) <= TARGET_P95_MS else 'MISSED'} | — |")
    print(*lines[-3:], sep="\n", flush=True)
    rows = digits_comparison(repeat=1 if quick else 5, with_torch=not quick)
    ours_ms, ours_accuracy = rows[0][1], rows[0][2]
    lines += ["", "| digits training, same net, split, epochs, batch, lr | ms (median) | "
                  "time ÷ helpers | test accuracy |", "|---|---|---|---|"]
    for library, ms, accuracy in rows:
        lines.append(f"| {library} | {ms:.0f} | {ms / ours_ms:.2f}× | {accuracy:.1%} |")
        print(lines[-1], flush=True)
    if not any(library.startswith("PyTorch") for library, _, _ in rows):
        lines.append("| PyTorch (CPU) | not installed | — | — |")
    lines.append(f"\nhelpers reaches {ours_accuracy:.1%}; initialisations differ (He normal "
                 "here, Glorot uniform in scikit-learn), so accuracies differ by a little.")
    return lines


if __name__ == "__main__":
    sys.exit(main())
