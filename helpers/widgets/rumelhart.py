"""The explorer and the seed study of 08_rumelhart_1986: scrub through the symmetry run.

Introduced in 08_rumelhart_1986.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.explorer import Explorer, log_slider, slider
from helpers.plots.basics import style_axes
from helpers.plots.rumelhart import plot_weight_bars, set_weight_bars
from helpers.rumelhart import (
    PAPER_LR,
    PAPER_MOMENTUM,
    SeedStudy,
    outputs_over_training,
    run_seeds,
    symmetry_data,
    train_symmetry,
    weight_structure,
)

EXPLORER_SWEEPS = 3000  # long enough for the featured seed to learn and sharpen its weights
BAR_LIMIT = 15.0
RUNS_KEPT = 16  # recent runs kept per explorer (~0.2 MB each), so going back is instant


def run_seed_study(seeds=tuple(range(20)), *, epochs: int = 6000, tol: float = 0.5) -> SeedStudy:
    """``run_seeds`` with a one-line progress report (the study takes a few seconds)."""
    seeds = tuple(seeds)
    print(f"training {len(seeds)} networks (up to {epochs:,} sweeps each):", end=" ", flush=True)

    def report(done, _seed, _sweeps):
        if done % 5 == 0 or done == len(seeds):
            print(f"{done}/{len(seeds)}", end=" ", flush=True)

    study = run_seeds(seeds, epochs=epochs, tol=tol, on_run=report)
    print("done.")
    return study


def _jump_to_solved(view, values):
    """Action: move the sweep slider to the first sweep with all 64 outputs right."""
    return None if view.run.solved_at is None else {"sweep": view.run.solved_at}


def make_rumelhart_explorer(seed: int = 10, lr: float = PAPER_LR,
                            momentum: float = PAPER_MOMENTUM,
                            sweeps: int = EXPLORER_SWEEPS) -> Explorer:
    """Scrub through one training run of the symmetry network: the 12 input→hidden weights
    as bars and the loss with a marker. lr, momentum and seed retrain (once per release)."""
    X, T = symmetry_data()

    def retrain(view, seed, lr, momentum):
        key = (seed, lr, momentum)
        if key in view.runs:  # a setting seen before (Reset, or back to a value): no retraining
            view.run = view.runs.pop(key)
        else:
            view.run = train_run(seed, lr, momentum)
        view.runs[key] = view.run  # most recent last
        while len(view.runs) > RUNS_KEPT:
            del view.runs[next(iter(view.runs))]
        steps = np.arange(len(view.run.loss))
        view.loss_line.set_data(steps, view.run.loss)
        if view.run.solved_at is None:
            view.solved_line.set_xdata([-10.0, -10.0])  # off the axes
        else:
            view.solved_line.set_xdata([view.run.solved_at] * 2)

    def train_run(seed, lr, momentum):
        history, _ = train_symmetry(seed, lr=lr, momentum=momentum, epochs=sweeps, tols=(),
                                    record_params=True)
        Y = outputs_over_training(history.params, X)
        worst = np.max(np.abs(Y - T[:, 0]), axis=1)
        return SimpleNamespace(
            key=(seed, lr, momentum),
            loss=np.clip(history.loss, 1e-3, 1e3),
            W1=np.stack([p[0][0] for p in history.params]),
            correct=np.sum((Y >= 0.5) == (T[:, 0] >= 0.5), axis=1),
            solved_at=int(np.argmax(worst < 0.5)) if np.any(worst < 0.5) else None,
            diverged_at=history.diverged_at,
        )

    def setup(fig):
        ax_w, ax_loss = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1], "wspace": 0.3})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9)
        drawn = plot_weight_bars(ax_w, np.zeros((2, 6)), ylim=BAR_LIMIT)
        ax_loss.set_yscale("log")
        style_axes(ax_loss, xlabel="sweep", ylabel="E (log scale)", title="loss E",
                   xlim=(0, sweeps * 1.02), ylim=(1e-3, 40))
        (loss_line,) = ax_loss.plot([0], [1.0], color="tab:blue", lw=1.5)
        (marker,) = ax_loss.plot([0], [1.0], "o", color="black", ms=7)
        solved_line = ax_loss.axvline(-10.0, color="tab:green", ls="--", lw=1)
        ax_loss.axhline(4.0, color="tab:orange", ls=":", lw=1)
        ax_loss.text(sweeps * 0.98, 4.6, "E = 4: plateau", ha="right", fontsize=8,
                     color="tab:orange")
        # The sweep shown is on the slider and in the readout: no text redrawn per move.
        view = SimpleNamespace(weights=drawn, bars=drawn.bars, loss_line=loss_line,
                               marker=marker, solved_line=solved_line, run=None, runs={})
        return view

    def update(view, values):
        key = (int(values["seed"]), float(values["lr"]), float(values["momentum"]))
        if view.run is None or view.run.key != key:
            retrain(view, *key)
        run = view.run
        k = min(int(values["sweep"]), len(run.loss) - 1)  # shorter only if training blew up
        W = run.W1[k]
        set_weight_bars(view.weights, W)
        view.marker.set_data([k], [run.loss[k]])
        shape = weight_structure(W)
        ratios = " : ".join(f"{r:.2f}" for r in shape.ratios[0])
        learned = ("not yet learned in this run" if run.solved_at is None
                   else f"all 64 on the right side of 0.5 from sweep {run.solved_at}")
        lines = [f"sweep {k}: E = {run.loss[k]:.3f}, {run.correct[k]}/64 right",
                 f"unit 1 pair magnitudes ∝ {ratios} (paper 1 : 2 : 4)",
                 f"unit 1 mirror mismatch {shape.antisymmetry[0]:.3f} (0 = exact)", learned]
        if np.max(np.abs(W)) > BAR_LIMIT:
            lines.append(f"(bars clipped at ±{BAR_LIMIT:g})")
        if run.diverged_at is not None:
            lines.append(f"diverged at sweep {run.diverged_at}")
        return "\n".join(lines)

    return Explorer(
        title="Replaying Rumelhart, Hinton & Williams (1986): the symmetry net learning",
        hint="Drag the sweep slider through the run; then change lr, momentum or seed "
             "(they retrain on release).",
        controls={
            "sweep": slider("sweep (epoch)", sweeps, 0, sweeps, 1, integer=True),
            # lr, momentum and seed each retrain a whole run (about 0.2 s with every
            # snapshot recorded), so they update on release, not on every pixel of the drag.
            "lr": log_slider("ε = lr (learning rate)", lr, -2, 0, continuous_update=False),
            "momentum": slider("α (momentum)", momentum, 0.0, 0.95, 0.05,
                               continuous_update=False),
            "seed": slider("seed (initial weights)", seed, 0, 19, 1, integer=True,
                           continuous_update=False),
        },
        setup=setup, update=update,
        actions={"Sweep 0": lambda view, values: {"sweep": 0},
                 "When it learned": _jump_to_solved},
        animated=lambda view: [view.bars, view.loss_line, view.marker, view.solved_line],
        figsize=(8.0, 3.4),
    )
