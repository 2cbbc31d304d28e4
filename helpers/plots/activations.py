"""Figures of activation functions, their slopes, and slopes multiplied through many layers.

Introduced in 02_activations. Every function draws on a given Axes and returns its artists.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.activations import get_activation
from helpers.plots.basics import style_axes

ACTIVATION_NAMES = ("sigmoid", "tanh", "relu")
# Okabe–Ito colours (colour-blind safe) *and* a line style each, so the three stay apart in
# grey print too; the same style for a function and its slope.
ACTIVATION_COLORS = {"sigmoid": "#0072B2", "tanh": "#009E73", "relu": "#CC79A7"}
ACTIVATION_STYLES = {"sigmoid": "-", "tanh": "--", "relu": "-."}
_ORANGE, _VERMILLION, _MUTED = "#E69F00", "#D55E00", "0.4"
ACTIVATION_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu"}
# The y-range that shows each activation whole on z ∈ [−5, 5] (ReLU is cut, it never ends).
ACTIVATION_YLIMS = {"sigmoid": (-0.25, 1.25), "tanh": (-1.3, 1.3), "relu": (-0.6, 3.1)}

# Depth figures: products below DEPTH_FLOOR are drawn on the floor; exact zeros in the dead zone.
DEPTH_YLIM = (1e-24, 10.0)
DEPTH_FLOOR = 1e-20
DEPTH_DEAD = 2e-22


def plot_activation_family(ax_f, ax_df, z=None):
    """Draw sigmoid, tanh and ReLU (on ``ax_f``) and their derivatives (on ``ax_df``).

    Introduced in 02_activations. Returns ``{name: (f_line, df_line)}``.
    """
    z = np.linspace(-5, 5, 401) if z is None else np.asarray(z, dtype=float)
    style_axes(ax_f, xlabel="z", ylabel="a = f(z)", title="activations f(z)",
               xlim=(z[0], z[-1]), ylim=(-1.3, 2.3))
    style_axes(ax_df, xlabel="z", ylabel="f′(z)", title="their derivatives f′(z)",
               xlim=(z[0], z[-1]), ylim=(-0.08, 1.15))
    lines = {}
    for name in ACTIVATION_NAMES:
        act = get_activation(name)
        color = ACTIVATION_COLORS[name]
        style = ACTIVATION_STYLES[name]
        (f_line,) = ax_f.plot(z, act.f(z), color=color, ls=style, lw=2.2, label=name)
        z_df, df = z, act.df(z)
        if name == "relu":  # a jump, not a steep line: leave a gap at z = 0
            cut = np.searchsorted(z, 0.0, side="right")
            z_df = np.insert(z, cut, 0.0)
            df = np.ma.masked_invalid(np.insert(df, cut, np.nan))
        # tanh′ and relu′ both reach 1: relu′ is drawn a little thicker underneath.
        (df_line,) = ax_df.plot(z_df, df, color=color, ls=style, label=f"{name}′",
                                lw=3.4 if name == "relu" else 2.2,
                                zorder=1.9 if name == "relu" else 2)
        lines[name] = (f_line, df_line)
    sigmoid_color = ACTIVATION_COLORS["sigmoid"]
    ax_df.axhline(0.25, color=sigmoid_color, ls=":", lw=1)
    ax_df.annotate("σ′ peaks at 0.25 (z = 0)", xy=(1.4, 0.25), xytext=(1.4, 0.45),
                   fontsize=10, color=sigmoid_color,
                   arrowprops={"arrowstyle": "->", "color": sigmoid_color})
    ax_f.legend(loc="upper left", fontsize=10)
    ax_df.legend(loc="upper left", fontsize=10)
    return lines


# Below this slope a unit counts as saturated (the tangent view shades where that happens).
SATURATION_SLOPE = 0.05


def flat_zones(name, z_range=(-5.0, 5.0), threshold=SATURATION_SLOPE):
    """The z-intervals of ``z_range`` where activation ``name`` is flat: (z0, z1, label) each.

    Introduced in 02_activations. ReLU: z ≤ 0 is dead (slope exactly 0); elsewhere, where
    f′(z) < ``threshold`` (saturated).
    """
    if name == "relu":
        return [(z_range[0], 0.0, "dead: slope 0")]
    z = np.linspace(z_range[0], z_range[1], 2001)
    flat = get_activation(name).df(z) < threshold
    edges = np.flatnonzero(np.diff(np.r_[0, flat.astype(int), 0]))
    return [(z[a], z[b - 1], "saturated") for a, b in zip(edges[::2], edges[1::2], strict=True)]


def draw_tangent_view(ax_f, ax_df, name="sigmoid", z_range=(-5.0, 5.0)):
    """Draw f(z) with a point and its tangent (``ax_f``) and f′(z) with a point (``ax_df``).

    Introduced in 02_activations. The artists start empty; :func:`update_tangent_view` fills
    them. The slope panel shades the flat zones of the activation (saturated, or ReLU's dead
    side). Returns a namespace of artists and the z grid.
    """
    z = np.linspace(z_range[0], z_range[1], 401)
    style_axes(ax_f, xlabel="z", ylabel="a = f(z)", title="f(z) and its tangent at z",
               xlim=z_range, ylim=ACTIVATION_YLIMS[name])
    style_axes(ax_df, xlabel="z", ylabel="f′(z)", title="slope f′(z)",
               xlim=z_range, ylim=(-0.08, 1.15))
    # Only the sigmoid's panel gets the 0.25 guide (update_tangent_view shows or hides it).
    best_line = ax_df.axhline(0.25, color="0.5", ls=":", lw=1)
    best_text = ax_df.text(z_range[0] + 0.2, 0.29, "0.25: σ′ at its best", fontsize=10,
                           color=_MUTED)
    # Two shaded zones (with a label each) are enough for every activation: moved, not made.
    zones = [(ax_df.axvspan(0, 0, color=_VERMILLION, alpha=0.1, lw=0, visible=False),
              ax_df.text(0, 0.9, "", transform=ax_df.get_xaxis_transform(), ha="center",
                         fontsize=10, color=_VERMILLION))
             for _ in range(2)]
    (f_line,) = ax_f.plot(z, 0 * z, color=ACTIVATION_COLORS["sigmoid"], lw=2)
    (tangent,) = ax_f.plot(z_range, [0, 0], color=_VERMILLION, lw=1.5, ls="--",
                           label="tangent, slope f′(z)")
    (f_point,) = ax_f.plot([0], [0], "o", color=_ORANGE, mec="k", ms=8, zorder=3)
    (df_line,) = ax_df.plot(z, 0 * z, color=ACTIVATION_COLORS["sigmoid"], lw=2)
    (df_point,) = ax_df.plot([0], [0], "o", color=_ORANGE, mec="k", ms=8, zorder=3)
    ax_f.legend(loc="upper left", fontsize=10)
    return SimpleNamespace(z=z, z_range=z_range, name=None, ax_f=ax_f, f_line=f_line,
                           tangent=tangent, f_point=f_point, df_line=df_line,
                           df_point=df_point, zones=zones, state="",
                           best=(best_line, best_text))


def _show_flat_zones(view, name):
    found = flat_zones(name, view.z_range)
    for i, (span, label) in enumerate(view.zones):
        if i < len(found):
            z0, z1, text = found[i]
            span.set_x(z0)
            span.set_width(z1 - z0)
            label.set_x(0.5 * (z0 + z1))
            label.set_text(text.replace(": ", ":\n") if z1 - z0 < 3 else text)
        span.set_visible(i < len(found))
        label.set_visible(i < len(found))


def tangent_state(name, z0, slope):
    """'dead', 'saturated' or '' for activation ``name`` at ``z0``. In 02_activations."""
    if name == "relu" and z0 <= 0:
        return "dead"
    return "saturated" if slope < SATURATION_SLOPE else ""


def update_tangent_view(view, name, z0):
    """Move the tangent view to activation ``name`` at ``z0``; return (a, slope).

    Introduced in 02_activations. The curves, the y-limits and the shaded flat zones change
    only when the activation changes (returns whether it did as ``view.limits_changed``:
    the caller then redraws the whole figure); a move of z only moves the point and tangent.
    ``view.state`` says whether z is in a flat zone ('dead', 'saturated' or '').
    """
    act = get_activation(name)
    view.limits_changed = name != view.name
    if view.limits_changed:
        view.f_line.set_ydata(act.f(view.z))
        view.df_line.set_ydata(act.df(view.z))
        for line in (view.f_line, view.df_line):  # one colour and style per activation
            line.set_color(ACTIVATION_COLORS[name])
            line.set_linestyle(ACTIVATION_STYLES[name])
        for artist in view.best:
            artist.set_visible(name == "sigmoid")
        view.ax_f.set_ylim(*ACTIVATION_YLIMS[name])
        _show_flat_zones(view, name)
        view.name = name
    a, slope = float(act.f(z0)), float(act.df(z0))
    view.f_point.set_data([z0], [a])
    view.df_point.set_data([z0], [slope])
    z_ends = np.array(view.z_range)
    view.tangent.set_data(z_ends, a + slope * (z_ends - z0))
    view.state = tangent_state(name, z0, slope)
    return a, slope


def depth_products(slope, n_max=30):
    """The product of ``slope`` through k = 1 … n_max layers: slope**k. In 02_activations."""
    return float(slope) ** np.arange(1, n_max + 1)


def draw_depth_view(ax, n_max=30):
    """Draw the empty log-scale chart of 'gradient left after k layers'. In 02_activations.

    Values under ``DEPTH_FLOOR`` rest on the floor line; exact zeros (a dead ReLU) go in the
    shaded dead zone at the bottom, because log(0) does not exist. Returns the artists.
    """
    k = np.arange(1, n_max + 1)
    style_axes(ax, xlabel="number of layers n", ylabel="f′(z) multiplied n times",
               title="how much gradient reaches the first layer", xlim=(0.3, n_max + 0.7))
    ax.set_yscale("log")
    ax.set_ylim(*DEPTH_YLIM)
    ax.axhline(1.0, color="0.4", lw=1)
    ax.axhspan(DEPTH_YLIM[0], 1e-21, color=_VERMILLION, alpha=0.12, lw=0)
    ax.text(n_max * 0.5, 1.3e-24, "dead zone: exactly 0 (log 0 does not exist)",
            ha="center", va="bottom", fontsize=10, color=_VERMILLION)
    ax.axhline(DEPTH_FLOOR, color="0.6", ls=":", lw=1, label="floor: anything below 1e-20")
    # The 0.25ⁿ guide is a wide pale band, so it stays visible under a sigmoid stack at z = 0.
    (best,) = ax.plot(k, 0.25 ** k, color=ACTIVATION_COLORS["sigmoid"], lw=7, alpha=0.25,
                      solid_capstyle="round", label="0.25ⁿ: σ′ at its best", zorder=1.5)
    (all_k,) = ax.plot(k, np.ones(n_max), "o-", color="0.75", ms=3, lw=1)
    (upto_n,) = ax.plot(k, np.ones(n_max), "o-", color="#CC79A7", ms=4, lw=2,
                        label="your stack")
    (current,) = ax.plot([1], [1], "o", color=_ORANGE, mec="k", ms=10, zorder=4,
                         label="what reaches layer 1")
    ax.legend(loc="upper right", fontsize=10)
    return SimpleNamespace(k=k, best=best, all_k=all_k, upto_n=upto_n, current=current)


def for_log_display(values):
    """Clip products for a log axis: tiny values to the floor, exact zeros into the dead zone."""
    values = np.asarray(values, dtype=float)
    shown = np.maximum(values, DEPTH_FLOOR)
    return np.where(values == 0.0, DEPTH_DEAD, shown)


def update_depth_view(view, products, n):
    """Show ``products`` (slope**k for k = 1 … n_max) with the first ``n`` highlighted.

    The number itself goes in the explorer's readout: a Text that changes on every move
    would cost more to draw than all the lines together.
    """
    shown = for_log_display(products)
    view.all_k.set_ydata(shown)
    view.upto_n.set_data(view.k[:n], shown[:n])
    view.current.set_data([n], [shown[n - 1]])
