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
from helpers.replay_batch import replay_many
from helpers.rumelhart import PAPER_LR, PAPER_MOMENTUM, weight_structure

__all__ = ["make_rumelhart_explorer"]

EXPLORER_SWEEPS = 3000  # long enough for the featured seed to learn and sharpen its weights
BAR_LIMIT = 15.0
# Every value the three training sliders can take (their min, max and step below).
# Rounded to the decimals a learner reads, so α = 0.9 is the paper's 0.9, not 0.8999999999999999.
LR_EXPONENTS = [round(-2 + 0.05 * k, 2) for k in range(41)]
LEARNING_RATES = [10.0**e for e in LR_EXPONENTS]  # 0.01 … 1, with 0.1 exactly the paper's
MOMENTA = [round(0.05 * k, 2) for k in range(20)]
SEEDS = range(20)
RUNS_KEPT = 160  # about three slider tracks of runs (~0.35 MB each), so going back is instant


def _on_grid(value: float, grid) -> float:
    """The grid value ``value`` stands for (a browser's slider may send 0.15000000000000002
    for 0.15); a value off the grid (set from code) stays as it is."""
    nearest = min(grid, key=lambda g: abs(g - value))
    return float(nearest) if abs(nearest - value) <= 1e-9 * max(abs(value), 1.0) else value


def _track(key, axis: int) -> list[tuple]:
    """Every setting (seed, lr, momentum) along one slider's track through ``key``."""
    grid = (list(SEEDS), LEARNING_RATES, MOMENTA)
    return [key[:axis] + (value,) + key[axis + 1:] for value in grid[axis]]


def _jump_to_solved(view, values):
    """Action: move the sweep slider to the first sweep with all 64 outputs right."""
    return None if view.run.solved_at is None else {"sweep": view.run.solved_at}


def make_rumelhart_explorer(seed: int = 10, lr: float = PAPER_LR,
                            momentum: float = PAPER_MOMENTUM,
                            sweeps: int = EXPLORER_SWEEPS) -> Explorer:
    """Scrub through one training run of the symmetry network: the 12 input→hidden weights
    as bars and the loss with a marker. lr, momentum and seed switch between recorded runs:
    each slider's whole track is trained at once (``replay_many``) the first time it moves
    away from the current setting; the start setting's three tracks when the explorer is built.

    Introduced in 08_rumelhart_1986.
    """

    def train_tracks(view, key):
        """key's run, trained with the rest of its tracks (kept in view.runs as well): at
        the start the three sliders' tracks; after a move of one slider, that slider's track;
        all at once, so the rest of that drag replays recorded runs."""
        moved = [axis for axis in range(3) if view.key and view.key[axis] != key[axis]]
        tracks = range(3) if view.key is None else moved if len(moved) == 1 else []
        wanted = [*(s for axis in tracks for s in _track(key, axis)), key]
        missing = [s for s in dict.fromkeys(wanted) if s not in view.runs]
        runs = dict(zip(missing, replay_many(*zip(*missing, strict=True), epochs=sweeps),
                        strict=True))
        for setting, run in runs.items():
            if setting != key:  # RunCache.get keeps key's run itself
                view.runs.put(setting, run)
        return runs[key]

    def retrain(view, key):
        view.run = view.runs.get(key, lambda: train_tracks(view, key))
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
        key = (int(values["seed"]), _on_grid(float(values["lr"]), LEARNING_RATES),
               _on_grid(float(values["momentum"]), MOMENTA))
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
        hint="Drag the sweep slider through the run; then drag lr, momentum or seed: each "
             "shows a recorded run at every position of its track.",
        controls={
            "sweep": slider("sweep (epoch)", sweeps, 0, sweeps, 1, integer=True),
            # Live too: the first move along one of these tracks trains all its runs at once
            # (replay_many); after that a move only switches to another recorded run.
            "lr": log_slider("ε = lr (learning rate)", lr, -2, 0, 0.05),
            "momentum": slider("α (momentum)", momentum, 0.0, 0.95, 0.05),
            "seed": slider("seed (initial weights)", seed, 0, 19, 1, integer=True),
        },
        setup=setup, update=update,
        actions={"Sweep 0": lambda view, values: {"sweep": 0},
                 "When it learned": _jump_to_solved},
        animated=lambda view: [view.bars, view.loss_line, view.marker, view.solved_line],
        figsize=(8.0, 3.4),
    )
