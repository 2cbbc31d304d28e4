"""Drawing for 04_backward_pass: the sigmoid's slope at z (the factor ∂a/∂z), the gradient
check's error against ε (log–log), gradient bars and the loss over the steps taken. Each
function draws on a given Axes and returns the artists it made."""

from __future__ import annotations

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative
from helpers.gradcheck import ROUND_OFF_LEVEL, WRONG_LEVEL
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, style_axes

__all__ = [
    "draw_gradient_bars",
    "draw_gradient_check",
    "draw_sigmoid_slope",
    "draw_step_history",
]


def draw_sigmoid_slope(ax, z=1.0, zlim=(-6.0, 6.0)):
    """σ(z) with the point (z, σ(z)) and its tangent of slope σ'(z) = ∂a/∂z.

    Introduced in 04_backward_pass. Returns ``(curve, tangent, point)``.
    """
    grid = np.linspace(*zlim, 300)
    style_axes(ax, xlabel="z (pre-activation)", ylabel="a = σ(z)",
               title="∂a/∂z is the slope of σ at z", xlim=zlim, ylim=(-0.1, 1.1))
    (curve,) = ax.plot(grid, sigmoid(grid), color=colors.BLUE, lw=2, label="σ(z)")
    a, slope = float(sigmoid(z)), float(sigmoid_derivative(z))
    near = np.linspace(z - 2.0, z + 2.0, 2)
    (tangent,) = ax.plot(near, a + slope * (near - z), "--", color=colors.VERMILLION, lw=2,
                         label=f"tangent, slope σ'({z:g}) = {slope:.4f}")
    (point,) = ax.plot([z], [a], "o", color=colors.HIGHLIGHT, mec="k", ms=8, zorder=5)
    ax.annotate(f"a = σ({z:g}) = {a:.4f}", (z, a), xytext=(12, -22),
                textcoords="offset points", fontsize=10)
    ax.legend(loc="upper left", fontsize=10)
    return curve, tangent, point


def draw_gradient_check(ax, eps, errors, labels, truncation_scale=1.0, ylim=(1e-16, 10.0)):
    """Relative error against ε on log–log axes, one curve per analytic gradient, the guides
    'truncation ≈ truncation_scale·ε²' and 'round-off ≈ 1e-16/ε', and an (empty) marker
    for the current ε. Introduced in 04_backward_pass. Returns ``(curves, marker)``."""
    eps = np.asarray(eps, dtype=float)
    ax.set_xscale("log")
    ax.set_yscale("log")
    style_axes(ax, xlabel="ε (finite-difference step, log scale)",
               ylabel="relative error (log scale)",
               title="analytic vs centred difference", xlim=(eps.min(), eps.max()), ylim=ylim)
    # The same levels as describe_relative_error's verdicts (|a| + |b| denominator).
    ax.axhspan(ylim[0], ROUND_OFF_LEVEL, color=colors.GOOD, alpha=0.08)
    ax.axhspan(WRONG_LEVEL, ylim[1], color=colors.BAD, alpha=0.08)
    ax.text(eps.min() * 2, ROUND_OFF_LEVEL / 5, f"< {ROUND_OFF_LEVEL:.0e}: right",
            color=colors.GOOD, fontsize=10, va="top")
    ax.text(eps.min() * 2, WRONG_LEVEL * 2, f"≥ {WRONG_LEVEL:.0e}: wrong", color=colors.BAD,
            fontsize=10)
    curves = []
    for i, (err, label) in enumerate(zip(errors, labels, strict=True)):
        style = {"color": colors.BLUE, "ls": "-"} if i == 0 else colors.series_style(i + 4)
        (line,) = ax.plot(eps, clip_for_log(err, *ylim), lw=2, label=label, **style)
        curves.append(line)
    # The guides are drawn *over* the curves: the curve follows them and must not hide them.
    ax.plot(eps, truncation_scale * eps**2, ":", color=colors.BLACK, lw=2, zorder=4,
            label="truncation ∝ ε²")
    ax.plot(eps, 1e-16 / eps, "--", color=colors.BLACK, lw=1.4, zorder=4,
            label="round-off ∝ 1e-16/ε")
    (marker,) = ax.plot([], [], "o", color="k", ms=9, mfc=colors.YELLOW, zorder=6)
    ax.legend(loc="lower left", fontsize=10, ncols=2)
    return curves, marker


def draw_gradient_bars(ax, labels, ylim=(-0.2, 0.2)):
    """One bar per parameter's gradient (heights start at 0; an explorer sets them).

    Introduced in 04_backward_pass. Returns the list of bars.
    """
    positions = np.arange(len(labels))
    bars = ax.bar(positions, np.zeros(len(labels)), color=colors.REDDISH_PURPLE, width=0.6)
    ax.set_xticks(positions, labels)
    ax.axhline(0.0, color="0.3", lw=0.8)
    style_axes(ax, ylabel="gradient", title="∂L/∂(each parameter)", ylim=ylim)
    return list(bars)


def draw_step_history(ax, max_steps, ylim=(1e-4, 1.0)):
    """Loss after each 'one step' press (log y), as an (empty) line with dots, plus a marker
    for losses below the axis (a hollow triangle on the bottom edge: "lower than shown").
    Returns (line, current, clipped). Introduced in 04_backward_pass."""
    ax.set_yscale("log")
    style_axes(ax, xlabel="steps taken", ylabel="loss L (log scale)",
               title="loss, step by step", xlim=(-0.5, max_steps + 0.5), ylim=ylim)
    (line,) = ax.plot([], [], "-o", color=colors.BLUE, ms=4)
    (current,) = ax.plot([], [], "o", color=colors.HIGHLIGHT, mec="k", ms=9, zorder=5)
    (clipped,) = ax.plot([], [], "v", color=colors.VERMILLION, mfc="white", mew=2, ms=10,
                         zorder=6, clip_on=False, label=f"below {ylim[0]:.0e}")
    ax.legend(handles=[clipped], loc="upper right", fontsize=10)
    return line, current, clipped
