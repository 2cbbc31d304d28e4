"""Explorer of 04_backward_pass: nudge one parameter of our example neuron by Δ and put the
real change of the loss beside the gradient's prediction ∂L/∂p·Δ — the gradient as a slope.

Introduced in 04_backward_pass. Everything it shows is computed by ``helpers.neuron``
(``loss_along_parameter``, ``parameter_gradient``, ``nudge_effect``).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.controls import dropdown, slider
from helpers.explorer import Explorer, Frame
from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
    loss_along_parameter,
    nudge_effect,
    parameter_gradient,
    parameter_names,
)
from helpers.plots import colors
from helpers.plots.basics import style_axes

__all__ = ["make_nudge_explorer"]

PARAMETERS = parameter_names(3)  # our example neuron's: w1, w2, w3, b
_SPAN = 1.0  # the curve shows the parameter from p − 1 to p + 1; Δ moves within it
# Colour-blind safe: curve blue, tangent vermillion dashed, the nudged points orange / sky blue.
_BLUE, _VERMILLION, _ORANGE, _SKY = (colors.BLUE, colors.VERMILLION, colors.ORANGE,
                                     colors.SKY_BLUE)


def make_nudge_explorer(parameter: str = "w3", delta: float = 0.0, x=EXAMPLE_X, w=EXAMPLE_W,
                        b: float = EXAMPLE_B, t: float = EXAMPLE_T) -> Explorer:
    """A parameter menu and a Δ slider: the loss curve along that parameter with the tangent
    of slope ∂L/∂p at our example neuron, the nudged point on the curve and on the tangent,
    and a readout "real ΔL vs ∂L/∂p · Δ". Introduced in 04_backward_pass."""
    if parameter not in PARAMETERS:
        raise ValueError(f"parameter must be one of {list(PARAMETERS)}, got {parameter!r}")
    w = np.asarray(w, dtype=float)
    offsets = np.linspace(-_SPAN, _SPAN, 201)

    def now(name):
        return float(b) if name == "b" else float(w[int(name[1:]) - 1])

    def setup(fig):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.11, right=0.98, bottom=0.17, top=0.9)
        style_axes(ax, ylabel="loss L", title="L along one parameter, and its tangent")
        (curve,) = ax.plot([], [], color=_BLUE, lw=2.2, label="real loss L")
        (tangent,) = ax.plot([], [], "--", color=_VERMILLION, lw=2,
                             label="tangent: slope ∂L/∂p")
        (start,) = ax.plot([], [], "o", color="k", ms=7, zorder=5, label="our example neuron")
        (real,) = ax.plot([], [], "o", color=_ORANGE, mec="k", ms=10, zorder=6,
                          label="nudged: real L")
        (guess,) = ax.plot([], [], "s", color=_SKY, mec="k", ms=8, zorder=6,
                           label="nudged: tangent's guess")
        ax.axhline(0.0, color="0.3", lw=0.8)
        ax.legend(loc="upper right", fontsize=10)
        return SimpleNamespace(fig=fig, ax=ax, curve=curve, tangent=tangent, start=start,
                               real=real, guess=guess, shown=None)

    def update(view, values):
        name, d = values["parameter"], values["delta"]
        p0 = now(name)
        slope = parameter_gradient(name, x, w, b, t)
        loss0 = float(loss_along_parameter([p0], name, x, w, b, t)[0])
        layout_changed = name != view.shown
        if layout_changed:  # a new parameter: new curve and axis (the explorer redraws all)
            grid = p0 + offsets
            losses = loss_along_parameter(grid, name, x, w, b, t)
            view.curve.set_data(grid, losses)
            top = 1.15 * float(losses.max())
            view.ax.set_ylim(-0.25 * top, top)  # room for a tangent that dips below 0
            view.tangent.set_data(grid, loss0 + slope * offsets)
            view.start.set_data([p0], [loss0])
            view.ax.set_xlim(grid[0], grid[-1])
            view.ax.set_xlabel(f"{name}, the other parameters fixed")
            view.shown = name
        real_change, predicted = (v + 0.0 for v in nudge_effect(name, d, x, w, b, t))  # no −0
        view.real.set_data([p0 + d], [loss0 + real_change])
        view.guess.set_data([p0 + d], [loss0 + predicted])
        ratio = (f"ratio real/predicted = {real_change / predicted:.3f}" if abs(d) >= 1e-3
                 else "nudge by more than 0.001 to compare")
        return Frame(f"∂L/∂{name} = {slope:+.5f}   Δ = {d:+.3f}\n"
                     f"real ΔL = {real_change:+.6f}   ∂L/∂{name} · Δ = {predicted:+.6f}   "
                     f"{ratio}", layout_changed, layout_key=name)

    return Explorer(
        title="Nudge a parameter: the gradient is the slope",
        hint="Drag Δ a little, then a lot: small nudges follow the tangent. Reset sets Δ to 0.",
        controls={"parameter": dropdown("parameter p", PARAMETERS, parameter),
                  "delta": slider("Δ (nudge)", delta, -_SPAN, _SPAN, 0.01)},
        setup=setup, update=update,
        animated=lambda v: [v.real, v.guess],
        figsize=(7.0, 3.6),
        prerender=[{"parameter": name} for name in PARAMETERS],  # a switch is then a blit
    )
