"""The warm-up explorer of 00_start_here: fit a line by hand and watch the loss."""

from __future__ import annotations

import numpy as np

from helpers.controls import slider
from helpers.datasets import line_points
from helpers.explorer import Explorer
from helpers.landscape import linear_loss
from helpers.plots.line_fit import draw_line_fit

__all__ = ["make_fit_a_line_explorer"]


def make_fit_a_line_explorer(w: float = 0.0, b: float = 0.0) -> Explorer:
    """Sliders for w and b move the line a = w·x + b over five points; the readout shows
    the loss 0.5·mean((t − a)²). Introduced in 00_start_here (proves the set-up works)."""
    x, t = line_points()
    w_grid = np.linspace(-1, 4, 200)

    def setup(fig):
        ax_fit, ax_loss = fig.subplots(1, 2, gridspec_kw={"wspace": 0.35})
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.17, top=0.88)
        return draw_line_fit(ax_fit, ax_loss, x, t, w_grid)

    def update(view, values):
        w, b = values["w"], values["b"]
        view.line.set_ydata(w * view.x_ends + b)
        view.loss_curve.set_ydata(linear_loss(w_grid, b, x, t))
        loss = float(linear_loss(w, b, x, t))
        view.marker.set_data([w], [loss])
        return f"w = {w:+.2f}   b = {b:+.2f}   loss = {loss:.4f}"

    return Explorer(
        title="Fit a line by hand",
        hint="Drag w and b until the loss is as small as you can get it. Press Reset to start "
             "again from w = 0, b = 0.",
        controls={"w": slider("w (weight)", w, -1.0, 4.0, 0.05),
                  "b": slider("b (bias)", b, -2.0, 2.0, 0.05)},
        setup=setup, update=update,
        animated=lambda view: [view.line, view.loss_curve, view.marker],
        figsize=(7.0, 3.0),
    )
