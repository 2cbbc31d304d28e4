"""The warm-up figure of 00_start_here: a line over five points, and the loss as w moves."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.plots import colors
from helpers.plots.basics import style_axes

__all__ = ["draw_line_fit"]


def draw_line_fit(ax_fit, ax_loss, x, t, w_grid, xlim=(-2.0, 2.5)):
    """Draw the points (x, t) with an (empty) line a = w·x + b on ``ax_fit``, and an (empty)
    loss-against-w curve with a marker on ``ax_loss``. Introduced in 00_start_here.

    Returns a namespace with ``line``, ``x_ends`` (its x data), ``loss_curve`` and ``marker``.
    """
    style_axes(ax_fit, xlabel="x", ylabel="a = w·x + b", title="the line", xlim=xlim,
               ylim=(-4, 5))
    ax_fit.plot(x, t, "s", color=colors.BLACK, ms=7, label="targets t")
    x_ends = np.array(xlim, dtype=float)
    (line,) = ax_fit.plot(x_ends, 0 * x_ends, color=colors.BLUE, lw=2, label="your line")
    ax_fit.legend(loc="upper left", fontsize=10)
    style_axes(ax_loss, xlabel="w", ylabel="loss", title="loss as w moves (b fixed)",
               xlim=(w_grid[0], w_grid[-1]), ylim=(0, 12))
    (loss_curve,) = ax_loss.plot(w_grid, 0 * w_grid, color=colors.MUTED)
    (marker,) = ax_loss.plot([0], [0], "o", color=colors.HIGHLIGHT, mec="k", ms=10)
    return SimpleNamespace(line=line, x_ends=x_ends, loss_curve=loss_curve, marker=marker)
