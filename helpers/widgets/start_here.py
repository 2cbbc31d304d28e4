"""The warm-up explorer of 00_start_here: fit a line by hand and watch the loss."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.explorer import Explorer, slider
from helpers.plots import style_axes

X_POINTS = np.array([-1.5, -0.5, 0.5, 1.0, 2.0])
T_POINTS = 1.5 * X_POINTS + 0.5  # the line the learner is looking for: w = 1.5, b = 0.5


def make_fit_a_line_explorer(w: float = 0.0, b: float = 0.0) -> Explorer:
    """Sliders for w and b move the line a = w·x + b over five points; the readout shows
    the loss 0.5·mean((t − a)²). Introduced in 00_start_here (proves the set-up works)."""

    def setup(fig):
        ax_fit, ax_loss = fig.subplots(1, 2, gridspec_kw={"wspace": 0.35})
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.17, top=0.88)
        style_axes(ax_fit, xlabel="x", ylabel="a = w·x + b", title="the line",
                   xlim=(-2, 2.5), ylim=(-4, 5))
        ax_fit.plot(X_POINTS, T_POINTS, "o", color="#E69F00", mec="k", label="targets t")
        grid = np.linspace(-2, 2.5, 2)
        (line,) = ax_fit.plot(grid, 0 * grid, color="#0072B2", lw=2, label="your line")
        ax_fit.legend(loc="upper left", fontsize=10)
        style_axes(ax_loss, xlabel="w", ylabel="loss", title="loss as w moves (b fixed)",
                   xlim=(-1, 4), ylim=(0, 12))
        w_grid = np.linspace(-1, 4, 200)
        (loss_curve,) = ax_loss.plot(w_grid, 0 * w_grid, color="0.6")
        (marker,) = ax_loss.plot([0], [0], "o", color="#0072B2", mec="k", ms=8)
        return SimpleNamespace(grid=grid, line=line, w_grid=w_grid, loss_curve=loss_curve,
                               marker=marker)

    def update(view, values):
        w, b = values["w"], values["b"]
        view.line.set_ydata(w * view.grid + b)
        residuals = T_POINTS[None, :] - (view.w_grid[:, None] * X_POINTS[None, :] + b)
        view.loss_curve.set_ydata(0.5 * np.mean(residuals**2, axis=1))
        loss = 0.5 * np.mean((T_POINTS - (w * X_POINTS + b)) ** 2)
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
