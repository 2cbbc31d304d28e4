"""The share of runs solved within k sweeps, for several settings. In 08_rumelhart_1986."""

from __future__ import annotations

import numpy as np

from helpers.plots import colors
from helpers.plots.basics import style_axes
from helpers.replication import fraction_solved

__all__ = ["plot_fraction_solved"]



def plot_fraction_solved(ax, studies: dict, epochs: int, paper_sweeps: int | None = None):
    """One step curve per entry of ``studies`` (label → sweeps, None = unsolved): the fraction
    of *all* runs solved within k sweeps, for k = 0 … ``epochs``. Returns the lines.
    Introduced in 08_rumelhart_1986.
    """
    grid = np.arange(epochs + 1)
    lines = []
    for i, (label, sweeps) in enumerate(studies.items()):
        solved = fraction_solved(sweeps, grid)
        (line,) = ax.step(grid, solved, where="post", **colors.series_style(i), lw=2,
                          label=f"{label}: {solved[-1]:.0%} by {epochs:,}")
        lines.append(line)
    if paper_sweeps is not None:
        ax.axvline(paper_sweeps, color=colors.MUTED, ls=":", lw=1.5)
        ax.text(paper_sweeps, 1.02, f" the paper: {paper_sweeps:,}", fontsize=10,
                va="bottom", ha="left", color="0.3")
    ax.axhline(0.5, color="0.6", lw=0.8)
    style_axes(ax, xlabel="sweeps", ylabel="fraction of runs solved", xlim=(0, epochs),
               ylim=(0, 1.1), title="")
    ax.legend(loc="lower right", fontsize=10)
    return lines




def plot_weight_squares(ax, W1, b1, W2, b2, *, title: str = ""):
    """The 6-2-1 net's weights as a Hinton diagram: one square per weight, its area ∝ |w|,
    blue = positive, vermillion and hatched = negative, the value written beside it.

    Rows: hidden unit 1, hidden unit 2, then the output unit. Columns: inputs x₁ … x₆, the
    bias, and (output row) the weights from hidden units 1 and 2 (h₁, h₂). Mirror pairs (x₁, x₆),
    (x₂, x₅), (x₃, x₄) sit symmetrically about the centre line, so antisymmetry and the
    1 : 2 : 4 sizes read at a glance. Returns the list of squares.
    Introduced in 08_rumelhart_1986.
    """
    from matplotlib.patches import Rectangle

    W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in (W1, b1, W2, b2))
    rows = [(f"hidden {j + 1}", list(W1[j]) + [b1[j]], list(range(7))) for j in range(2)]
    rows.append(("output", list(W2[0]) + [b2[0]], [8.0, 9.0, 10.0]))
    biggest = max(float(np.abs(np.concatenate([W1.ravel(), W2.ravel(), b1, b2])).max()), 1e-9)
    squares = []
    for r, (_, values, columns) in enumerate(rows):
        y = -1.4 * r
        for x, w in zip(columns, values, strict=True):
            side = 0.9 * np.sqrt(abs(w) / biggest)
            square = Rectangle((x - side / 2, y - side / 2), side, side,
                               fc=colors.sign_color(w),
                               hatch=None if w >= 0 else "///", ec="white", lw=0.5)
            ax.add_patch(square)
            squares.append(square)
            ax.text(x, y - 0.58, f"{w:+.1f}", ha="center", va="top", fontsize=10)
    for r, (label, _, _) in enumerate(rows):
        ax.text(-0.8, -1.4 * r, label, ha="right", va="center", fontsize=11)
    for x, label in enumerate(["x₁", "x₂", "x₃", "x₄", "x₅", "x₆", "bias"]):
        ax.text(x, 0.75, label, ha="center", va="bottom", fontsize=11)
    for x, label in zip([8.0, 9.0, 10.0], ["h₁", "h₂", "bias"], strict=True):
        ax.text(x, -1.4 * 2 + 0.75, label, ha="center", va="bottom", fontsize=11)
    ax.axvline(2.5, ymin=0.35, ymax=0.95, color="0.6", ls=":", lw=1)  # the mirror line
    ax.set_xlim(-2.6, 10.7)
    ax.set_ylim(-3.7, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=12)
    return squares


def plot_loss_runs(ax, curves: dict, *, title: str = "", ylim=(1e-3, 20), plateau: float = 4.0):
    """E per sweep for several runs (label → loss array) on a log axis, each with its own
    colour *and* line style, and the plateau E = 4 (output 0 for every pattern) in grey.
    Introduced in 08_rumelhart_1986. Returns the lines."""
    lines = []
    for i, (label, loss) in enumerate(curves.items()):
        loss = np.clip(np.asarray(loss, dtype=float), ylim[0], ylim[1])
        (line,) = ax.plot(np.arange(len(loss)), loss, **colors.series_style(i), lw=2,
                          label=label)
        lines.append(line)
    ax.axhline(plateau, color=colors.MUTED, ls=(0, (4, 3)), lw=1.2,
               label=f"E = {plateau:g}: answer 0 for every pattern")
    ax.set_yscale("log")
    longest = max(len(np.asarray(c)) for c in curves.values())
    style_axes(ax, xlabel="sweep", ylabel="E (log scale)", xlim=(0, longest), ylim=ylim)
    if title:
        ax.set_title(title, fontsize=11)
    ax.legend(fontsize=10, loc="lower left")
    return lines
