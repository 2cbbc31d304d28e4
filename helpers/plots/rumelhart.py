"""Figures for the symmetry replication: weight diagram, weight bars, sweeps histogram, losses.

Introduced in 08_rumelhart_1986. Each function draws on a given Axes and returns its artists.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from matplotlib.collections import PolyCollection

from helpers.plots import colors
from helpers.plots.basics import clip_for_log, draw_marker, style_axes
from helpers.plots.colors import sign_color as _sign_color

__all__ = ["UNIT_COLORS", "plot_loss_curves", "plot_sweeps_histogram", "plot_weight_bars",
           "plot_weight_diagram", "set_weight_bars", "weight_bar_heights", "draw_run_loss"]

UNIT_COLORS = (colors.REDDISH_PURPLE, colors.BLUISH_GREEN)  # hidden unit 1, hidden unit 2


def plot_weight_diagram(ax, W1, b1, W2, b2, *, title: str = "learned weights"):
    """The 6-2-1 network as in the paper's figure: weights on the edges, biases in the nodes.

    Introduced in 08_rumelhart_1986. Blue = positive, vermillion = negative (as in every
    plot of the course); line width grows with |w|. W1 (2, 6), b1 (2,), W2 (1, 2), b2 (1,).
    Returns a namespace with the edge lines and the text labels.
    """
    W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in (W1, b1, W2, b2))
    x_in = np.linspace(0.0, 10.0, 6)
    hidden = np.array([[2.5, 4.0], [7.5, 4.0]])
    output = np.array([5.0, 7.2])
    biggest = max(float(np.abs(W1).max()), float(np.abs(W2).max()), 1e-9)
    edges, labels = [], []
    for j in range(2):
        for i in range(6):
            w = W1[j, i]
            (line,) = ax.plot([x_in[i], hidden[j, 0]], [0.0, hidden[j, 1]], color=_sign_color(w),
                              lw=0.5 + 4.5 * abs(w) / biggest, alpha=0.75, zorder=1)
            edges.append(line)
            frac = 0.2 if j == 0 else 0.42  # stagger the two units' labels so they don't collide
            px, py = x_in[i] + frac * (hidden[j, 0] - x_in[i]), frac * hidden[j, 1]
            labels.append(ax.text(px, py, f"{w:+.1f}", ha="center", va="center",
                                  fontsize=10, color=_sign_color(w), zorder=3,
                                  bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                        "ec": UNIT_COLORS[j], "lw": 0.8}))
        w = W2[0, j]
        (line,) = ax.plot([hidden[j, 0], output[0]], [hidden[j, 1], output[1]],
                          color=_sign_color(w), lw=0.5 + 4.5 * abs(w) / biggest, alpha=0.75)
        edges.append(line)
        mid = 0.5 * (hidden[j] + output)
        labels.append(ax.text(mid[0] + (-0.6 if j == 0 else 0.6), mid[1], f"{w:+.1f}",
                              ha="center", va="center", fontsize=10, color=_sign_color(w),
                              bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}))
    node = {"s": 1300, "zorder": 4, "edgecolors": "black"}  # room for a 10 pt bias
    ax.scatter(x_in, np.zeros(6), c="white", **node)
    ax.scatter(hidden[:, 0], hidden[:, 1], c=list(UNIT_COLORS), alpha=0.35, **node)
    ax.scatter([output[0]], [output[1]], c="0.85", **node)
    for i, x in enumerate(x_in):
        ax.text(x, 0, f"x{i + 1}", ha="center", va="center", fontsize=10, zorder=5)
    for j in range(2):
        labels.append(ax.text(*hidden[j], f"{b1[j]:+.1f}", ha="center", va="center",
                              fontsize=10, zorder=5))
    labels.append(ax.text(*output, f"{b2[0]:+.1f}", ha="center", va="center", fontsize=10,
                          zorder=5))
    ax.text(10.6, 4.0, "numbers in\nnodes = biases", fontsize=10, va="center", color="0.4")
    ax.set_xlim(-0.8, 11.8)
    ax.set_ylim(-0.9, 8.1)
    ax.set_axis_off()
    ax.set_title(title, fontsize="medium")
    return SimpleNamespace(edges=edges, labels=labels)


def _bar_outlines(positions, heights, width=0.8):
    """The four corners of each bar (x ± width/2, from 0 to its height): (n, 4, 2)."""
    x0, x1 = positions - width / 2, positions + width / 2
    zero = np.zeros_like(heights)
    return np.stack([np.stack([x0, zero], 1), np.stack([x0, heights], 1),
                     np.stack([x1, heights], 1), np.stack([x1, zero], 1)], axis=1)


def plot_weight_bars(ax, W1, *, ylim: float = 15.0, title: str = "input → hidden weights"):
    """The 12 input→hidden weights as bars, grouped by hidden unit; move them later with
    :func:`set_weight_bars`. Returns a namespace with ``bars`` (one collection of 12 bars,
    unit 1 first: one artist to redraw, not 12); read the heights back with
    :func:`weight_bar_heights`.
    Introduced in 08_rumelhart_1986."""
    positions = np.concatenate([np.arange(6), np.arange(6) + 7.0])
    colors = [UNIT_COLORS[0]] * 6 + [UNIT_COLORS[1]] * 6
    bars = PolyCollection(_bar_outlines(positions, np.zeros(12)), facecolors=colors,
                          edgecolors="none")
    ax.add_collection(bars, autolim=False)
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(2.5, color="0.5", lw=0.8, ls=":")
    ax.axvline(9.5, color="0.5", lw=0.8, ls=":")
    ax.set_xticks(positions, [f"x{i + 1}" for i in range(6)] * 2, fontsize=10)
    style_axes(ax, ylabel="weight w", title=title, xlim=(-0.8, 12.8), ylim=(-ylim, ylim))
    ax.text(2.5, ylim * 0.92, "hidden unit 1", ha="center", fontsize=10, color=UNIT_COLORS[0])
    ax.text(9.5, ylim * 0.92, "hidden unit 2", ha="center", fontsize=10, color=UNIT_COLORS[1])
    drawn = SimpleNamespace(bars=bars, positions=positions, ylim=ylim)
    set_weight_bars(drawn, W1)
    return drawn


def set_weight_bars(drawn, W1) -> None:
    """Move the bars of :func:`plot_weight_bars` to the weights ``W1`` (2, 6): clipped to
    ±ylim, a non-finite weight drawn as 0. Introduced in 08_rumelhart_1986."""
    w = np.asarray(W1, dtype=float).ravel()
    heights = np.where(np.isfinite(w), np.clip(w, -drawn.ylim, drawn.ylim), 0.0)
    drawn.bars.set_verts(_bar_outlines(drawn.positions, heights))


def weight_bar_heights(drawn) -> np.ndarray:
    """The 12 bar heights as drawn (clipped), read back from the bars. In 08_rumelhart_1986."""
    return np.array([path.vertices[1, 1] for path in drawn.bars.get_paths()])


def plot_sweeps_histogram(ax, sweeps, *, epochs: int, paper_sweeps: int = 1425,
                          bin_width: int = 500):
    """Histogram of sweeps-to-learn over seeds (None = not solved within ``epochs``), with the
    paper's number as a line and the unsolved runs as a separate hatched bar at the cap.
    Introduced in 08_rumelhart_1986."""
    solved = np.array([s for s in sweeps if s is not None], dtype=float)
    n_stuck = sum(s is None for s in sweeps)
    edges = np.arange(0, epochs + bin_width, bin_width)
    counts, _, patches = ax.hist(solved, bins=edges, color=colors.MUTED, edgecolor="white",
                                 label=f"solved ({len(solved)} runs)")
    stuck = ax.bar([epochs + bin_width], [n_stuck], width=bin_width * 0.9, color="white",
                   edgecolor=colors.ORANGE, hatch="//",
                   label=f"not solved by {epochs:,} sweeps ({n_stuck})")
    paper = ax.axvline(paper_sweeps, color=colors.VERMILLION, lw=2,
                       label=f"paper: {paper_sweeps:,}")
    median = float(np.median(solved)) if len(solved) else float("nan")
    handles = [paper]
    if len(solved):
        handles.append(ax.axvline(median, color="black", lw=1.5, ls="--",
                                  label=f"median here: {median:,.0f}"))
    top = max(float(np.max(counts, initial=0)), n_stuck, 1)
    style_axes(ax, xlabel="sweeps until every output is on the right side of 0.5",
               ylabel="number of seeds", xlim=(0, epochs + 2 * bin_width), ylim=(0, top + 1.5))
    ax.legend(fontsize=10, loc="upper right")
    return SimpleNamespace(patches=patches, stuck=stuck, lines=handles)


def plot_loss_curves(ax, curves, *, plateau: float | None = 4.0, xlim=None,
                     title: str = "loss E during training"):
    """Loss per sweep for several runs, ``curves`` = {label: loss array}; log y axis. A dashed
    line marks the plateau E = 4 (output ≈ 0 for all 64 patterns). Returns the lines.
    Introduced in 08_rumelhart_1986."""
    lines = []
    for i, (label, loss) in enumerate(curves.items()):
        loss = np.asarray(loss, dtype=float)
        (line,) = ax.plot(np.arange(len(loss)), clip_for_log(loss, 1e-3, 1e3), lw=1.8,
                          label=label, **colors.series_style(i))
        lines.append(line)
    if plateau is not None:
        ax.axhline(plateau, color=colors.MUTED, ls=":", lw=1.2,
                   label=f"E = {plateau:g}: answer 0 for every pattern")
    ax.set_yscale("log")
    longest = max(len(np.asarray(c)) for c in curves.values())
    style_axes(ax, xlabel="sweep", ylabel="E (log scale)", title=title,
               xlim=xlim or (0, longest), ylim=(0.05, 20))
    ax.legend(fontsize=10, loc="lower left")
    return lines


def draw_run_loss(ax, sweeps: int, plateau: float = 4.0):
    """Empty log-scale axes for one run's loss E over ``sweeps``: the line, a marker for the
    sweep shown and a dashed line for 'learned here'; the plateau E = 4 is marked.

    Introduced in 08_rumelhart_1986. Returns ``(loss_line, marker, solved_line)``.
    """
    ax.set_yscale("log")
    style_axes(ax, xlabel="sweep", ylabel="E (log scale)", title="loss E",
               xlim=(0, sweeps * 1.02), ylim=(1e-3, 40))
    (loss_line,) = ax.plot([0], [1.0], color=colors.BLUE, lw=1.5)
    marker = draw_marker(ax, 0, 1.0, size=7)
    solved_line = ax.axvline(-10.0, color=colors.GOOD, ls="--", lw=1)
    ax.axhline(plateau, color=colors.MUTED, ls=":", lw=1.2)
    ax.text(sweeps * 0.98, plateau * 1.15, f"E = {plateau:g}: plateau", ha="right",
            fontsize=10, color=colors.MUTED)
    return loss_line, marker, solved_line
