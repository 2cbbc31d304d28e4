"""Explorer of 03_forward_pass: move our example neuron's weights and inputs, watch z, a and L.

Introduced in 03_forward_pass.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.controls import slider
from helpers.explorer import Explorer, Frame
from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
    loss_along_parameter,
    parameter_gradient,
    parameter_names,
)
from helpers.plots import colors
from helpers.plots.neuron_diagram import (
    diagram_artists,
    draw_loss_cut,
    draw_neuron_diagram,
    update_neuron_diagram,
)

__all__ = ["make_forward_pass_explorer"]

PARAMETERS = parameter_names(3)  # our example neuron's: w1, w2, w3, b
_RANGE = (-2.0, 2.0)  # the range of every weight and bias slider, and of the loss curve


def _triple(values, name):
    values = np.asarray(values, dtype=float)
    if values.shape != (3,):
        raise ValueError(f"{name} must hold 3 numbers (x₁, x₂, x₃ of our example neuron), "
                         f"got shape {values.shape}")
    return values


def _num(value):
    """A number for a sum written out: negative ones in brackets, −0.00 shown as 0.00."""
    value = 0.0 if abs(value) < 5e-3 else value
    return f"{value:.2f}" if value >= 0 else f"({value:.2f})"


def make_forward_pass_explorer(x=EXAMPLE_X, w=EXAMPLE_W, b: float = EXAMPLE_B,
                               t: float = EXAMPLE_T, vary: str = "w1") -> Explorer:
    """Sliders for w₁ w₂ w₃ b x₁ x₂ x₃ drive the neuron diagram; a curve shows the loss as the
    parameter moved last (at first ``vary``) sweeps its range with everything else held
    fixed, with the tangent of slope ∂L/∂(that parameter) at the current point.

    Introduced in 03_forward_pass. Defaults are our example neuron (z = 1, a ≈ 0.731).
    """
    x, w = _triple(x, "x"), _triple(w, "w")
    if vary not in PARAMETERS:
        raise ValueError(f"vary must be one of {list(PARAMETERS)}, got {vary!r}")
    grid = np.linspace(*_RANGE, 201)
    half = 0.7  # the tangent is drawn from p − 0.7 to p + 0.7

    def setup(fig):
        ax_net = fig.add_axes((0.0, 0.02, 0.56, 0.96))
        ax_loss = fig.add_axes((0.65, 0.17, 0.33, 0.7))
        diagram = draw_neuron_diagram(ax_net, x, w, b, t)
        curve, marker = draw_loss_cut(ax_loss, grid, ylim=(0.0, 0.55))
        ax_loss.set_title("L along the last parameter moved", fontsize="medium")
        curve.set_color(colors.BLUE)
        (tangent,) = ax_loss.plot([0, 0], [0, 0], "--", color=colors.VERMILLION, lw=2.4,
                                  zorder=2.5)
        return SimpleNamespace(ax_loss=ax_loss, diagram=diagram, curve=curve, marker=marker,
                               tangent=tangent, chosen=None, previous=None)

    def update(view, values):
        xs = np.array([values["x1"], values["x2"], values["x3"]])
        ws = np.array([values["w1"], values["w2"], values["w3"]])
        bias = values["b"]
        moved = [p for p in PARAMETERS
                 if view.previous is not None and values[p] != view.previous[p]]
        if view.previous is None or len(moved) > 1:  # first draw, or Reset: back to the start
            chosen = vary
        else:
            chosen = moved[0] if moved else view.chosen
        view.previous = dict(values)
        z, a, loss = update_neuron_diagram(view.diagram, xs, ws, bias, t)
        view.curve.set_ydata(loss_along_parameter(grid, chosen, xs, ws, bias, t))
        p_now = bias if chosen == "b" else ws[int(chosen[1]) - 1]
        slope = parameter_gradient(chosen, xs, ws, bias, t)  # ∂L/∂p = δ · (its input), 04
        view.marker.set_data([p_now], [loss])
        view.tangent.set_data([p_now - half, p_now + half], [loss - slope * half,
                                                             loss + slope * half])
        layout_changed = chosen != view.chosen
        if layout_changed:  # a new parameter: relabel the axis
            symbol = "b (bias)" if chosen == "b" else f"w{'₁₂₃'[int(chosen[1]) - 1]}"
            view.ax_loss.set_xlabel(f"{symbol}, the others fixed")
            view.chosen = chosen
        terms = " + ".join(f"{_num(wi)}·{_num(xi)}" for wi, xi in zip(ws, xs, strict=True))
        name = "b" if chosen == "b" else f"w{chosen[1]}"
        return Frame(f"z = {terms} + {_num(bias)} = {z:.6f}\n"
                     f"a = σ(z) = {a:.6f}     L = ½(t − a)² = ½({t:g} − {a:.4f})² = {loss:.6f}\n"
                     f"curve: L along {name}; tangent slope ∂L/∂{name} = {slope + 0.0:+.4f}",
                     layout_changed, layout_key=chosen)

    controls = {f"w{i + 1}": slider(f"w{'₁₂₃'[i]} (weight {i + 1})", float(w[i]), *_RANGE, 0.05)
                for i in range(3)}
    controls["b"] = slider("b (bias)", float(b), *_RANGE, 0.05)
    controls.update({f"x{i + 1}": slider(f"x{'₁₂₃'[i]} (input {i + 1})", float(x[i]),
                                         -3.0, 3.0, 0.1) for i in range(3)})
    return Explorer(
        title="The forward pass of one neuron",
        hint="Press Reset before each experiment. The curve follows the weight or bias you "
             "moved last; the dashed tangent's slope is that parameter's gradient.",
        controls=controls, setup=setup, update=update,
        animated=lambda v: [*diagram_artists(v.diagram), v.curve, v.tangent, v.marker],
        figsize=(9.5, 3.8),
    )
