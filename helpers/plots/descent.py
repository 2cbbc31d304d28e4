"""Drawing for 05_gradient_descent: loss curves on a log axis, the loss landscape as contours,
descent paths on it, and the learning-rate sweep. Each function draws on a given Axes and
returns the artists it made (empty ones to be filled by an explorer's update)."""

from __future__ import annotations

import numpy as np

from helpers.plots import colors
from helpers.plots.basics import clip_for_log, style_axes

__all__ = [
    "LOSS_YLIM",
    "draw_fitted_line",
    "draw_landscape",
    "draw_loss_axes",
    "draw_loss_trace",
    "draw_lr_sweep",
    "draw_path",
    "draw_run",
    "draw_start",
]

LOSS_YLIM = (1e-12, 1e5)  # every loss plot of notebook 05 uses these fixed limits
_FIRST = colors.series_style(0)


def draw_loss_axes(ax, max_epochs, ylim=LOSS_YLIM, title="loss during training"):
    """A log-y loss-vs-epoch Axes with fixed limits (nothing re-lays-out on a move).

    Introduced in 05_gradient_descent.
    """
    ax.set_yscale("log")
    style_axes(ax, xlabel="epoch", ylabel="loss L (log scale)", title=title,
               xlim=(0, max_epochs), ylim=ylim)
    return ax


def draw_loss_trace(ax, style=_FIRST, label=None):
    """Empty artists for one run's loss: its line, a marker at 'epoch k' and an ✕ 'diverged
    here'; returns ``(line, marker, blowup)``. ``style``: ``colors.series_style(i)``.

    Introduced in 05_gradient_descent.
    """
    (line,) = ax.plot([], [], lw=1.8, label=label, **style)
    (marker,) = ax.plot([], [], "o", color=style["color"], ms=7)
    (blowup,) = ax.plot([], [], "x", color=colors.BAD, ms=11, mew=2.5)
    return line, marker, blowup


def draw_landscape(ax, W, B, L, minimum=None, levels=None):
    """The loss L(w, b) as filled contours with log-spaced levels; a star at the minimum.

    Introduced in 05_gradient_descent. Returns ``[filled, lines(, star)]``.
    """
    if levels is None:
        positive = L[L > 0]
        low = max(positive.min(), 1e-3) if positive.size else 1e-3
        levels = np.logspace(np.log10(low), np.log10(L.max()), 14)
    filled = ax.contourf(W, B, L, levels=levels, cmap=colors.LANDSCAPE_CMAP, alpha=0.55,
                         norm="log", extend="both")
    lines = ax.contour(W, B, L, levels=levels, colors=colors.MUTED, linewidths=0.6)
    artists = [filled, lines]
    if minimum is not None:
        (star,) = ax.plot([minimum[0]], [minimum[1]], "*", color=colors.YELLOW, mec="k", ms=14,
                          label="minimum", zorder=5)
        artists.append(star)
    style_axes(ax, xlabel="w (weight)", ylabel="b (bias)", title="loss landscape L(w, b)",
               xlim=(W.min(), W.max()), ylim=(B.min(), B.max()), grid=False)
    return artists


def draw_path(ax, style=_FIRST, label=None):
    """An empty descent path (line with dots) and a big marker for the point at epoch k.

    Introduced in 05_gradient_descent. Returns ``(path, current)``.
    """
    (path,) = ax.plot([], [], marker="o", lw=1.4, ms=2.5, label=label, zorder=6, **style)
    (current,) = ax.plot([], [], "o", color=style["color"], mec="k", ms=9, zorder=7)
    return path, current


def draw_start(ax):
    """An (empty) square marking where a descent run starts. Introduced in 05_gradient_descent."""
    (start,) = ax.plot([], [], "s", color=colors.BLACK, ms=6, zorder=8)
    return start


def draw_run(ax, run, style=_FIRST, label=None):
    """A whole descent run (a ``DescentRun``) as a path with dots, start and end marked.

    Introduced in 05_gradient_descent. Returns ``(path, start, end)``.
    """
    (path,) = ax.plot(run.path[:, 0], run.path[:, 1], marker="o", lw=1.4, ms=2.5,
                      label=label, zorder=6, **style)
    (start,) = ax.plot(run.path[:1, 0], run.path[:1, 1], "s", color=colors.BLACK, ms=6,
                       zorder=7)
    (end,) = ax.plot(run.path[-1:, 0], run.path[-1:, 1], "o", color=style["color"], mec="k",
                     ms=9, zorder=7)
    return path, start, end


def draw_fitted_line(ax, x, t, xlim=(0.0, 3.5), ylim=(-3.0, 7.0)):
    """The data points and an (empty) line a = w·x + b to be moved by an explorer.

    Introduced in 05_gradient_descent. Returns ``(x grid of the line, line)``.
    """
    style_axes(ax, xlabel="x (input)", ylabel="a = w·x + b", title="the fitted line",
               xlim=xlim, ylim=ylim)
    ax.plot(x, t, "o", color=colors.ORANGE, label="targets t", zorder=3)
    grid = np.array(xlim, dtype=float)
    (line,) = ax.plot(grid, 0 * grid, color=colors.BLUE, lw=2, label="line at the end")
    ax.legend(loc="upper left", fontsize=10)
    return grid, line


def draw_lr_sweep(ax, lrs, final_loss, curvatures, epochs, ylim=LOSS_YLIM):
    """Loss after ``epochs`` updates against lr (log–log), with the regime boundaries 1/λ_max
    (the steep direction starts to overshoot) and 2/λ_max (it diverges) marked.

    Introduced in 05_gradient_descent. Returns ``(curve, zig-zag line, divergence line)``.
    """
    lrs = np.asarray(lrs, dtype=float)
    final_loss = np.asarray(final_loss, dtype=float)
    ok = np.isfinite(final_loss)
    ax.set_xscale("log")
    ax.set_yscale("log")
    style_axes(ax, xlabel="lr (learning rate, log scale)",
               ylabel=f"loss after {epochs} epochs", title="one run per learning rate",
               xlim=(lrs.min(), lrs.max()), ylim=ylim)
    (curve,) = ax.plot(lrs[ok], clip_for_log(final_loss[ok], *ylim), color=colors.BLUE, lw=2)
    lam_max = float(np.max(curvatures))
    zig = ax.axvline(1 / lam_max, color=colors.ORANGE, ls="--", lw=1.2)
    div = ax.axvline(2 / lam_max, color=colors.BAD, ls="-.", lw=1.2)
    ax.axvspan(2 / lam_max, lrs.max(), color=colors.BAD, alpha=0.12)
    y_text = ylim[1] ** 0.8 * ylim[0] ** 0.2
    ax.text(1 / lam_max, y_text, " zig-zag\n from 1/λ_max", color=colors.ORANGE,
            fontsize=10, ha="right")
    ax.text(2 / lam_max, y_text, " diverges\n beyond 2/λ_max", color=colors.BAD,
            fontsize=10, ha="left")
    return curve, zig, div
