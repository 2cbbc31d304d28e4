"""Explorers of 02_activations: the slope of an activation, and that slope through many layers.

Introduced in 02_activations.
"""

from __future__ import annotations

from types import SimpleNamespace

from helpers._validate import check_choice
from helpers.activations import ACTIVATION_NAMES, depth_products, flat_state, get_activation
from helpers.controls import dropdown, slider
from helpers.explorer import Explorer, Frame
from helpers.plots.activations import (
    draw_depth_view,
    draw_tangent_view,
    move_tangent,
    show_activation,
    show_depth_products,
)

__all__ = ["make_activation_explorer", "make_depth_explorer"]


def make_activation_explorer(activation: str = "sigmoid", z: float = 1.0) -> Explorer:
    """Slide z along an activation: the point a = f(z), its tangent (slope f′(z)) and f′(z).

    Introduced in 02_activations. The default z = 1.0 is our example neuron's pre-activation.
    """
    check_choice(activation, "activation", ACTIVATION_NAMES)

    def setup(fig):
        ax_f, ax_df = fig.subplots(1, 2, gridspec_kw={"wspace": 0.3})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9)
        return SimpleNamespace(tangent=draw_tangent_view(ax_f, ax_df, activation), shown=None)

    def update(view, values):
        name, z0 = values["activation"], values["z"]
        layout_changed = name != view.shown
        if layout_changed:  # new curves and y-range: the whole figure is drawn again
            show_activation(view.tangent, name)
            view.shown = name
        act = get_activation(name)
        a, slope = float(act.f(z0)), float(act.df(z0))
        move_tangent(view.tangent, z0, a, slope)
        text = f"z = {z0:+.2f}   a = f(z) = {a:.6f}   f′(z) = {slope:.6f}"
        state = flat_state(name, z0)
        if state == "dead":
            note = "ReLU is flat here: slope 0, no gradient gets through (a 'dead' unit)."
        elif state == "saturated":
            note = (f"Saturated: the curve is almost flat, so a gradient passing through "
                    f"is multiplied by {slope:.3f}.")
        else:
            note = f"A gradient passing through this unit is multiplied by {slope:.3f}."
        return Frame(f"{text}\n{note}", layout_changed, layout_key=name)

    def animated(view):
        # Only what a move of z changes; the curves and flat zones change with the
        # activation, which redraws the whole figure anyway.
        t = view.tangent
        return [t.tangent, t.f_point, t.df_point]

    return Explorer(
        title="An activation and its slope",
        hint="Drag z far to the left or right: the sigmoid flattens and its slope f′(z) "
             "drops towards 0. Then switch to tanh and relu (Reset brings back z = 1).",
        controls={"z": slider("z (pre-activation)", z, -5.0, 5.0, 0.1),
                  "activation": dropdown("activation f", ACTIVATION_NAMES, activation)},
        setup=setup, update=update, animated=animated, figsize=(8.0, 3.2),
        # Each activation's curves and y-range drawn once now: a switch is then a blit.
        prerender=[{"activation": name} for name in ACTIVATION_NAMES],
    )


def make_depth_explorer(activation: str = "sigmoid", n: int = 10, z: float = 0.0,
                        n_max: int = 30) -> Explorer:
    """Multiply f′(z) through n stacked layers (each at the same z): what reaches layer 1.

    Introduced in 02_activations. A log-scale chart of f′(z)ⁿ for n = 1 … n_max; a dead ReLU
    (exactly 0) is shown in a marked dead zone, not at log(0).
    """
    check_choice(activation, "activation", ACTIVATION_NAMES)
    if not 1 <= n <= n_max:
        raise ValueError(f"n must be between 1 and n_max={n_max}, got {n}")

    def setup(fig):
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.9)
        return draw_depth_view(ax, n_max)

    def update(view, values):
        name, n_now, z0 = values["activation"], values["n"], values["z"]
        slope = float(get_activation(name).df(z0))
        products = depth_products(slope, n_max)
        show_depth_products(view, products, n_now)
        left = products[n_now - 1]
        text = (f"f′(z) = {slope:.4f} at z = {z0:+.2f}   →   "
                f"after n = {n_now} layers: f′(z)^{n_now} = {left:.3g}")
        if left == 0:
            note = "Dead: not a single bit of gradient reaches the first layer."
        elif left < 1e-3:
            note = (f"Vanishing: the first layer gets {left:.1g} of the gradient the last "
                    "one gets, so it barely learns.")
        elif left > 0.999:
            note = "Nothing lost: every layer passes the gradient on unchanged."
        else:
            note = f"The first layer gets {left:.1%} of the gradient the last one gets."
        return f"{text}\n{note}"

    return Explorer(
        title="Slopes multiplied through n layers",
        hint="Sigmoid at its best (z = 0) still loses a factor 4 per layer. Move z away "
             "from 0, switch to tanh, then try relu with z below 0. Press Reset between "
             "activations to compare them from the same start.",
        controls={"n": slider("n (layers)", n, 1, n_max, 1, integer=True),
                  "activation": dropdown("activation f", ACTIVATION_NAMES, activation),
                  "z": slider("z (each layer's z)", z, -4.0, 4.0, 0.1)},
        setup=setup, update=update,
        animated=lambda v: [v.all_k, v.upto_n, v.current],
        figsize=(7.0, 3.4),
    )
