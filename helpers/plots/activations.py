"""Figures of activation functions, their slopes, and slopes multiplied through many layers.

Introduced in 02_activations. Every function draws on a given Axes and returns its artists.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.activations import ACTIVATION_NAMES, flat_zones, get_activation
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, style_axes

__all__ = ["ACTIVATION_YLIMS", "draw_depth_view", "draw_tangent_view", "move_tangent",
           "plot_activation_family", "show_activation", "show_depth_products"]

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
        style = colors.ACTIVATION_STYLES[name]
        (f_line,) = ax_f.plot(z, act.f(z), lw=2, label=name, **style)
        z_df, df = z, act.df(z)
        if name == "relu":  # a jump, not a steep line: leave a gap at z = 0
            cut = np.searchsorted(z, 0.0, side="right")
            z_df = np.insert(z, cut, 0.0)
            df = np.ma.masked_invalid(np.insert(df, cut, np.nan))
        # tanh′ and relu′ both reach 1: relu′ is drawn a little thicker underneath.
        (df_line,) = ax_df.plot(z_df, df, label=f"{name}′", lw=3.4 if name == "relu" else 2,
                                zorder=1.9 if name == "relu" else 2, **style)
        lines[name] = (f_line, df_line)
    sigmoid_color = colors.ACTIVATION_STYLES["sigmoid"]["color"]
    ax_df.axhline(0.25, color=sigmoid_color, ls=":", lw=1)
    ax_df.annotate("σ′ peaks at 0.25 (z = 0)", xy=(1.4, 0.25), xytext=(1.4, 0.45),
                   fontsize=10, color=sigmoid_color,
                   arrowprops={"arrowstyle": "->", "color": sigmoid_color})
    ax_f.legend(loc="upper left", fontsize=10)
    ax_df.legend(loc="upper left", fontsize=10)
    return lines


def draw_tangent_view(ax_f, ax_df, name="sigmoid", z_range=(-5.0, 5.0)):
    """Draw f(z) with a point and its tangent (``ax_f``) and f′(z) with a point (``ax_df``).

    Introduced in 02_activations. The artists start empty: :func:`show_activation` draws an
    activation's curves, :func:`move_tangent` moves the point. The slope panel shades the
    flat zones of the activation (saturated, or ReLU's dead side). Returns a namespace of
    artists and the z grid.
    """
    z = np.linspace(z_range[0], z_range[1], 401)
    style_axes(ax_f, xlabel="z", ylabel="a = f(z)", title="f(z) and its tangent at z",
               xlim=z_range, ylim=ACTIVATION_YLIMS[name])
    style_axes(ax_df, xlabel="z", ylabel="f′(z)", title="slope f′(z)",
               xlim=z_range, ylim=(-0.08, 1.15))
    # Only the sigmoid's panel shows the 0.25 guide (show_activation shows or hides it).
    best_line = ax_df.axhline(0.25, color=colors.MUTED, ls=":", lw=1)
    best_text = ax_df.text(z_range[0] + 0.2, 0.29, "0.25: σ′ at its best", fontsize=10,
                           color=colors.MUTED)
    # Two shaded zones (with a label each) are enough for every activation: moved, not made.
    zones = [(ax_df.axvspan(0, 0, color=colors.BAD, alpha=0.12, lw=0, visible=False),
              ax_df.text(0, 0.9, "", transform=ax_df.get_xaxis_transform(), ha="center",
                         fontsize=10, color=colors.BAD))
             for _ in range(2)]
    (f_line,) = ax_f.plot(z, 0 * z, color=colors.BLUE, lw=2)
    (tangent,) = ax_f.plot(z_range, [0, 0], color=colors.VERMILLION, lw=1.5, ls="--",
                           label="tangent, slope f′(z)")
    (f_point,) = ax_f.plot([0], [0], "o", color=colors.HIGHLIGHT, mec="k", ms=8, zorder=3)
    (df_line,) = ax_df.plot(z, 0 * z, color=colors.BLUE, lw=2)
    (df_point,) = ax_df.plot([0], [0], "o", color=colors.HIGHLIGHT, mec="k", ms=8, zorder=3)
    ax_f.legend(loc="upper left", fontsize=10)
    return SimpleNamespace(z=z, z_range=z_range, ax_f=ax_f, f_line=f_line, tangent=tangent,
                           f_point=f_point, df_line=df_line, df_point=df_point, zones=zones,
                           best=(best_line, best_text))


def show_activation(view, name):
    """Draw activation ``name``'s curves, y-range and flat zones on a tangent view.

    Introduced in 02_activations. This changes the layout (the y-axis), so the figure needs
    a full draw afterwards; moving z only needs :func:`move_tangent`.
    """
    act = get_activation(name)
    view.f_line.set_ydata(act.f(view.z))
    view.df_line.set_ydata(act.df(view.z))
    for line in (view.f_line, view.df_line):  # one colour and line style per activation
        line.set_color(colors.ACTIVATION_STYLES[name]["color"])
        line.set_linestyle(colors.ACTIVATION_STYLES[name]["ls"])
    for artist in view.best:
        artist.set_visible(name == "sigmoid")
    view.ax_f.set_ylim(*ACTIVATION_YLIMS[name])
    found = flat_zones(name, view.z_range)
    for i, (span, label) in enumerate(view.zones):
        if i < len(found):
            z0, z1, text = found[i]
            span.set_x(z0)
            span.set_width(z1 - z0)
            # A zone at the edge of the axes gets its label inside, flush with that edge.
            at_left, at_right = z0 <= view.z_range[0], z1 >= view.z_range[1]
            label.set_x(z0 + 0.1 if at_left else z1 - 0.1 if at_right else 0.5 * (z0 + z1))
            label.set_horizontalalignment("left" if at_left else "right" if at_right
                                          else "center")
            label.set_text(text.replace(": ", ":\n") if z1 - z0 < 3 else text)
        span.set_visible(i < len(found))
        label.set_visible(i < len(found))


def move_tangent(view, z0, a, slope):
    """Move the point (z0, a), its tangent of slope ``slope`` and the point on f′. In 02."""
    view.f_point.set_data([z0], [a])
    view.df_point.set_data([z0], [slope])
    z_ends = np.array(view.z_range)
    view.tangent.set_data(z_ends, a + slope * (z_ends - z0))


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
    ax.axhline(1.0, color=colors.MUTED, lw=1)
    ax.axhspan(DEPTH_YLIM[0], 1e-21, color=colors.BAD, alpha=0.12, lw=0)
    ax.text(n_max * 0.5, 1.3e-24, "dead zone: exactly 0 (log 0 does not exist)",
            ha="center", va="bottom", fontsize=10, color=colors.BAD)
    ax.axhline(DEPTH_FLOOR, color=colors.MUTED, ls=":", lw=1, label="floor: anything below 1e-20")
    # The 0.25ⁿ guide is a wide pale band, so it stays visible under a sigmoid stack at z = 0.
    (best,) = ax.plot(k, 0.25 ** k, color=colors.BLUE, lw=7, alpha=0.25, zorder=1.5,
                      solid_capstyle="round", label="0.25ⁿ: σ′ at its best")
    (all_k,) = ax.plot(k, np.ones(n_max), "o-", color="0.75", ms=3, lw=1)
    (upto_n,) = ax.plot(k, np.ones(n_max), "o-", color=colors.REDDISH_PURPLE, ms=4, lw=2,
                        label="your stack")
    (current,) = ax.plot([1], [1], "o", color=colors.HIGHLIGHT, mec="k", ms=10, zorder=4,
                         label="what reaches layer 1")
    ax.legend(loc="upper right", fontsize=10)
    return SimpleNamespace(k=k, best=best, all_k=all_k, upto_n=upto_n, current=current)


def show_depth_products(view, products, n):
    """Show ``products`` (slope**k for k = 1 … n_max) with the first ``n`` highlighted.

    Introduced in 02_activations. The number itself goes in the explorer's readout: a Text
    that changes on every move would cost more to draw than all the lines together.
    """
    shown = clip_for_log(products, DEPTH_FLOOR, np.inf, zero=DEPTH_DEAD)
    view.all_k.set_ydata(shown)
    view.upto_n.set_data(view.k[:n], shown[:n])
    view.current.set_data([n], [shown[n - 1]])
