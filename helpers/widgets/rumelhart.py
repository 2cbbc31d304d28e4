"""The explorer of 08_rumelhart_1986: scrub through a training run of the symmetry net.

Introduced in 08_rumelhart_1986.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.controls import log_slider, slider
from helpers.explorer import Explorer, RunCache
from helpers.plots.basics import clip_for_log
from helpers.plots.rumelhart import draw_run_loss, plot_weight_bars, set_weight_bars
from helpers.rumelhart import PAPER_LR, PAPER_MOMENTUM, replay_training, weight_structure

__all__ = ["make_rumelhart_explorer"]

EXPLORER_SWEEPS = 3000  # long enough for the featured seed to learn and sharpen its weights
BAR_LIMIT = 15.0
RUNS_KEPT = 16  # recent runs kept per explorer (~0.2 MB each), so going back is instant


def _jump_to_solved(view, values):
    """Action: move the sweep slider to the first sweep with all 64 outputs right."""
    return None if view.run.solved_at is None else {"sweep": view.run.solved_at}


def make_rumelhart_explorer(seed: int = 10, lr: float = PAPER_LR,
                            momentum: float = PAPER_MOMENTUM,
                            sweeps: int = EXPLORER_SWEEPS) -> Explorer:
    """Scrub through one training run of the symmetry network: the 12 input→hidden weights
    as bars and the loss with a marker. lr, momentum and seed retrain (once per release).

    Introduced in 08_rumelhart_1986.
    """

    def retrain(view, key):
        seed, lr, momentum = key
        view.run = view.runs.get(key, lambda: replay_training(seed, lr=lr, momentum=momentum,
                                                               epochs=sweeps))
        view.key = key
        steps = np.arange(len(view.run.loss))
        view.loss_line.set_data(steps, clip_for_log(view.run.loss, 1e-3, 1e3))
        solved = -10.0 if view.run.solved_at is None else view.run.solved_at  # -10: off the axes
        view.solved_line.set_xdata([solved, solved])

    def setup(fig):
        ax_w, ax_loss = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1], "wspace": 0.3})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9)
        drawn = plot_weight_bars(ax_w, np.zeros((2, 6)), ylim=BAR_LIMIT)
        # The sweep shown is on the slider and in the readout: no text redrawn per move.
        loss_line, marker, solved_line = draw_run_loss(ax_loss, sweeps)
        return SimpleNamespace(weights=drawn, bars=drawn.bars, loss_line=loss_line,
                               marker=marker, solved_line=solved_line, run=None, key=None,
                               runs=RunCache(keep=RUNS_KEPT))

    def update(view, values):
        key = (int(values["seed"]), float(values["lr"]), float(values["momentum"]))
        if view.key != key:
            retrain(view, key)
        run = view.run
        k = min(int(values["sweep"]), len(run.loss) - 1)  # shorter only if training blew up
        W = run.W1[k]
        set_weight_bars(view.weights, W)
        view.marker.set_data([k], clip_for_log(run.loss[k : k + 1], 1e-3, 1e3))
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
