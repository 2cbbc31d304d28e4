"""Explorers of 05_gradient_descent: a whole training run per slider move, and descent paths
(plain and with momentum) on the loss landscape of the linear neuron a = w·x + b."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.controls import log_slider, slider
from helpers.explorer import Explorer, RunCache
from helpers.landscape import (
    T_DATA,
    X_DATA,
    descent_path,
    describe_regime,
    loss_grid,
    quadratic_of,
)
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, corner_note
from helpers.plots.descent import (
    LOSS_YLIM,
    draw_fitted_line,
    draw_landscape,
    draw_loss_axes,
    draw_loss_trace,
    draw_path,
    draw_start,
)

__all__ = ["make_descent_explorer", "make_landscape_explorer"]

W_LIM, B_LIM = (-1.0, 5.0), (-7.0, 5.0)


def _loss_text(loss: float) -> str:
    """'= 5.06e-03', or '< 1e-12' once the loss is round-off (its digits differ by CPU)."""
    return "< 1e-12" if loss < 1e-12 else f"= {loss:.2e}"

def _loss_xy(run):
    """The loss curve to draw: a diverged run ends with a jump to the top of the axes."""
    k = np.arange(len(run.loss))
    y = clip_for_log(run.loss, *LOSS_YLIM)
    if run.diverged_at is None:
        return k, y
    return np.append(k, run.diverged_at), np.append(y, LOSS_YLIM[1] * 0.5)


def _show_status(statuses) -> None:
    """Show or hide each 'diverged' label.

    The labels are animated artists, blitted like the curves: showing or hiding one needs
    no whole-figure redraw (which took 100–300 ms and stalled a drag of lr across the
    point where the run blows up). Hidden, a label costs nothing to "draw"; the epoch it
    blew up at is in the readout and the ✕.
    """
    for text, diverged in statuses:
        text.set_visible(diverged)


def _mark_divergence(blowup, run):
    if run.diverged_at is None:
        blowup.set_data([], [])
    else:
        blowup.set_data([run.diverged_at], [LOSS_YLIM[1] * 0.5])


def make_descent_explorer(lr: float = 0.1, epochs: int = 100, start=(4.0, 3.0),
                          max_epochs: int = 500) -> Explorer:
    """Sliders for lr (log scale) and epochs; every move recomputes the *whole* run and
    redraws its loss curve (log y) and the line it ends with. In 05_gradient_descent."""
    quad = quadratic_of(X_DATA, T_DATA)
    start = np.asarray(start, dtype=float)

    def setup(fig):
        ax_loss, ax_fit = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
        draw_loss_axes(ax_loss, max_epochs)
        line, marker, blowup = draw_loss_trace(ax_loss)
        grid, fit = draw_fitted_line(ax_fit, X_DATA, T_DATA)
        status = corner_note(ax_loss, "diverged (✕): the loss blew up", visible=False)
        return SimpleNamespace(line=line, marker=marker, blowup=blowup, grid=grid,
                               fit=fit, status=status)

    def update(view, values):
        lr, epochs = values["lr"], values["epochs"]
        run = descent_path(start, lr, epochs, quadratic=quad)
        k = np.arange(len(run.loss))
        view.line.set_data(*_loss_xy(run))
        view.marker.set_data([k[-1]], clip_for_log(run.loss[-1:], *LOSS_YLIM))
        _mark_divergence(view.blowup, run)
        w, b = run.path[-1]
        view.fit.set_ydata(np.clip(w * view.grid + b, -1e3, 1e3))
        regime = describe_regime(lr, 0.0, run, quad.curvatures)
        _show_status([(view.status, run.diverged_at is not None)])
        return (f"lr = {lr:.3g}, {epochs} epochs: {regime}\n"
                f"last loss = {run.loss[-1]:.3e} at epoch {k[-1]}   "
                f"w = {w:+.4f}   b = {b:+.4f}   (best: w = 2, b = −1)")

    return Explorer(
        title="A whole training run per slider move",
        hint="Sweep lr from 0.001 to 10: too slow, good, zig-zag, then the loss explodes.",
        controls={"lr": log_slider("lr (learning rate)", lr, -3, 1, 0.05),
                  "epochs": slider("epochs (updates)", epochs, 1, max_epochs, 1,
                                   integer=True)},
        setup=setup, update=update,
        animated=lambda v: [v.line, v.marker, v.blowup, v.fit, v.status],
        figsize=(8.0, 3.2),
    )


def make_landscape_explorer(lr: float = 0.1, momentum: float = 0.8, w0: float = 4.0,
                            b0: float = 3.0, epochs: int = 150) -> Explorer:
    """Plain gradient descent and descent with momentum, same lr and start, drawn on the loss
    landscape (contours) and as loss curves; an epoch slider scrubs through both runs.
    In 05_gradient_descent."""
    quad = quadratic_of(X_DATA, T_DATA)
    styles = {"plain": colors.series_style(0), "momentum": colors.series_style(1)}

    def setup(fig):
        ax_map, ax_loss = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.28)
        W, B, L = loss_grid(W_LIM, B_LIM, 121)  # the landscape is computed once, here
        draw_landscape(ax_map, W, B, L, minimum=quad.minimum)
        draw_loss_axes(ax_loss, epochs)
        view = SimpleNamespace(runs=RunCache(keep=1), paths={}, curves={}, status={})
        for i, (name, style) in enumerate(styles.items()):
            label = "plain GD" if name == "plain" else "with momentum"
            view.paths[name] = draw_path(ax_map, style, label)
            view.curves[name] = draw_loss_trace(ax_loss, style, label)
            view.status[name] = corner_note(ax_loss, f"{label}: diverged (✕)", row=i,
                                            color=style["color"], visible=False)
        view.start = draw_start(ax_map)
        ax_map.legend(loc="lower left", fontsize=10)
        ax_loss.legend(loc="upper right", fontsize=10)
        return view

    def runs(values):
        start = (values["w0"], values["b0"])
        return {"plain": descent_path(start, values["lr"], epochs, 0.0, quadratic=quad),
                "momentum": descent_path(start, values["lr"], epochs, values["momentum"],
                                         quadratic=quad)}

    def update(view, values):
        k = values["epoch"]
        lines = [f"epoch {k} of {epochs}, lr = {values['lr']:.3g}"]
        view.start.set_data([values["w0"]], [values["b0"]])
        key = (values["lr"], values["momentum"], values["w0"], values["b0"])
        both = view.runs.get(key, lambda: runs(values))  # the epoch slider reuses them
        _show_status([(view.status[name], run.diverged_at is not None)
                      for name, run in both.items()])
        for name, run in both.items():
            path, current = view.paths[name]
            line, marker, blowup = view.curves[name]
            shown = min(k, len(run.loss) - 1)  # a diverged run stops where it blew up
            path.set_data(run.path[: shown + 1, 0], run.path[: shown + 1, 1])
            current.set_data(run.path[shown : shown + 1, 0], run.path[shown : shown + 1, 1])
            line.set_data(*_loss_xy(run))
            marker.set_data([shown], clip_for_log(run.loss[shown : shown + 1], *LOSS_YLIM))
            _mark_divergence(blowup, run)
            mom = 0.0 if name == "plain" else values["momentum"]
            label = "plain GD      " if name == "plain" else f"momentum {mom:<5.2f}"
            w, b = run.path[shown]
            lines.append(f"{label}: w = {w:+8.4f}  b = {b:+8.4f}  L {_loss_text(run.loss[shown])}"
                         f"  — {describe_regime(values['lr'], mom, run, quad.curvatures)}")
        return "\n".join(lines)

    def animated(view):
        artists = [view.start]
        for name in styles:
            artists += [*view.paths[name], *view.curves[name], view.status[name]]
        return artists

    return Explorer(
        title="Gradient descent on the loss landscape: plain vs momentum",
        hint="Scrub the epoch slider; then raise lr towards 0.43 and watch plain GD zig-zag.",
        controls={"lr": log_slider("lr (learning rate)", lr, -3, 0, 0.05),
                  "momentum": slider("momentum (β)", momentum, 0.0, 0.99, 0.01),
                  "w0": slider("w₀ (start weight)", w0, W_LIM[0], W_LIM[1], 0.1),
                  "b0": slider("b₀ (start bias)", b0, B_LIM[0], B_LIM[1], 0.1),
                  "epoch": slider("k (show epoch k)", epochs, 0, epochs, 1, integer=True)},
        setup=setup, update=update, animated=animated, figsize=(9.0, 3.8),
    )
