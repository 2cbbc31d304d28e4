"""A diagram of one neuron with its numbers: inputs → weighted edges → Σ → σ → a → loss.

Introduced in 03_forward_pass. :func:`draw_neuron_diagram` draws it once and returns its
artists; :func:`update_neuron_diagram` writes new numbers on them (used by the explorer).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch

from helpers.neuron import EXAMPLE_B, EXAMPLE_T, EXAMPLE_W, EXAMPLE_X, mse_loss, neuron_forward
from helpers.plots import colors
from helpers.plots.basics import draw_marker, style_axes
from helpers.plots.colors import sign_color
from helpers.plots.fast_text import cached_text

__all__ = ["diagram_artists", "draw_loss_cut", "draw_neuron_diagram", "update_neuron_diagram"]
_SUM_XY, _ACT_XY, _LOSS_XY = (5.0, 3.0), (7.2, 3.0), (9.2, 3.0)


def _input_positions(n):
    return np.linspace(5.0, 0.7, n) if n > 1 else np.array([3.0])


def _node(ax, xy, radius, color):
    ax.add_patch(Circle(xy, radius, facecolor=color, edgecolor="0.3", lw=1.2, zorder=2))


def _arrow(ax, start, end, **kwargs):
    style = {"arrowstyle": "-|>", "color": "0.3", "lw": 1.2, "shrinkA": 0, "shrinkB": 0}
    style.update(kwargs)
    return ax.annotate("", xy=end, xytext=start, arrowprops=style, zorder=1)


def draw_neuron_diagram(ax, x=EXAMPLE_X, w=EXAMPLE_W, b=EXAMPLE_B, t=EXAMPLE_T,
                        activation="sigmoid"):
    """Draw the neuron z = w·x + b, a = σ(z), L = ½(t − a)² with every number on it.

    Introduced in 03_forward_pass. Edge colour and style are the sign of the weight (blue
    solid +, vermillion dashed −),
    its width grows with |w|. Returns a namespace of the artists that show numbers.
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    ys = _input_positions(n)
    input_texts, weight_texts, edges = [], [], []
    for y in ys:
        _node(ax, (0.7, y), 0.45, "#eef3fb")
        ax.text(0.7, y + 0.5, f"x{_sub(len(input_texts) + 1)}", ha="center", va="bottom",
                fontsize=10)
        input_texts.append(cached_text(ax, 0.7, y, "", ha="center", va="center", fontsize=10))
        (edge,) = ax.plot([1.15, _SUM_XY[0] - 0.55], [y, _SUM_XY[1]], lw=2, zorder=1,
                          solid_capstyle="round")
        edges.append(edge)
        mid = (0.42 * 1.15 + 0.58 * (_SUM_XY[0] - 0.55), 0.42 * y + 0.58 * _SUM_XY[1])
        weight_texts.append(cached_text(ax, mid[0], mid[1] + 0.18, "", ha="center",
                                        va="bottom", fontsize=10, background=(1, 1, 1, 0.85)))
    _node(ax, _SUM_XY, 0.55, "#fdf1dc")
    ax.text(_SUM_XY[0], _SUM_XY[1] + 0.12, "Σ", ha="center", va="center", fontsize=15,
            zorder=3)
    ax.text(_SUM_XY[0], 5.6, "bias", ha="center", va="bottom", fontsize=10, color="0.4")
    bias_text = cached_text(ax, _SUM_XY[0], 5.2, "", ha="center", va="center", fontsize=10)
    _arrow(ax, (_SUM_XY[0], 4.95), (_SUM_XY[0], _SUM_XY[1] + 0.55))
    z_text = cached_text(ax, _SUM_XY[0], _SUM_XY[1] - 0.85, "", ha="center", va="top",
                         fontsize=10)
    _arrow(ax, (_SUM_XY[0] + 0.55, 3.0), (_ACT_XY[0] - 0.55, 3.0))
    _node(ax, _ACT_XY, 0.55, "#e7f5e7")
    symbol = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu"}.get(activation, activation)
    ax.text(*_ACT_XY, symbol, ha="center", va="center", fontsize=14 if len(symbol) == 1 else 10,
            zorder=3)
    a_text = cached_text(ax, _ACT_XY[0], _ACT_XY[1] - 0.85, "", ha="center", va="top",
                         fontsize=10)
    _arrow(ax, (_ACT_XY[0] + 0.55, 3.0), (_LOSS_XY[0] - 0.65, 3.0))
    ax.add_patch(FancyBboxPatch((_LOSS_XY[0] - 0.62, 2.55), 1.3, 0.9,
                                boxstyle="round,pad=0.05", fc="#fbe9e9", ec="0.3", lw=1.2))
    ax.text(_LOSS_XY[0] + 0.03, 3.0, "L", ha="center", va="center", fontsize=14)
    ax.text(_LOSS_XY[0] + 0.03, 4.1, "L = ½(t − a)²", ha="center", va="bottom", fontsize=10,
            color="0.35")
    # The numbers change on every move: cached glyphs draw them several times faster.
    t_text = cached_text(ax, _LOSS_XY[0] + 0.03, 3.7, "", ha="center", va="bottom",
                         fontsize=10)
    loss_text = cached_text(ax, _LOSS_XY[0] + 0.03, 2.15, "", ha="center", va="top",
                            fontsize=10)
    diagram = SimpleNamespace(activation=activation, edges=edges, input_texts=input_texts,
                              weight_texts=weight_texts, bias_text=bias_text, z_text=z_text,
                              a_text=a_text, t_text=t_text, loss_text=loss_text)
    update_neuron_diagram(diagram, x, w, b, t)
    return diagram


def update_neuron_diagram(diagram, x, w, b, t=EXAMPLE_T):
    """Write the numbers of x, w, b, t on the diagram; return (z, a, loss). In 03_forward_pass."""
    z, a = neuron_forward(x, w, b, diagram.activation)
    loss = mse_loss(t, a)
    x, w = np.atleast_1d(np.asarray(x, dtype=float)), np.atleast_1d(np.asarray(w, dtype=float))
    for i, (xi, wi) in enumerate(zip(x, w, strict=True)):
        diagram.input_texts[i].set_text(f"{xi:.2f}")
        diagram.weight_texts[i].set_text(f"w{_sub(i + 1)} = {wi:+.2f}")
        diagram.edges[i].set_color(sign_color(wi))
        diagram.edges[i].set_linestyle("-" if wi >= 0 else "--")  # sign readable without colour
        diagram.edges[i].set_linewidth(0.8 + 2.5 * min(abs(wi), 2.0))
    diagram.bias_text.set_text(f"b = {b:+.2f}")
    diagram.z_text.set_text(f"z = {z:.4f}")
    diagram.a_text.set_text(f"a = {a:.4f}")
    diagram.t_text.set_text(f"t = {t:.2f}")
    diagram.loss_text.set_text(f"L = {loss:.4f}")
    return z, a, loss


def diagram_artists(diagram):
    """Every artist :func:`update_neuron_diagram` changes when t stays fixed (for blitting).

    Introduced in 03_forward_pass.
    """
    return [*diagram.edges, *diagram.input_texts, *diagram.weight_texts, diagram.bias_text,
            diagram.z_text, diagram.a_text, diagram.loss_text]


def draw_loss_cut(ax, grid, ylim=(0.0, 0.55)):
    """Empty axes for 'the loss as one parameter moves': a curve over ``grid`` and a marker.

    Introduced in 03_forward_pass. Returns ``(curve, marker)``; label the x axis with the
    parameter that moves.
    """
    style_axes(ax, ylabel="loss L", title="L as one parameter moves",
               xlim=(grid[0], grid[-1]), ylim=ylim)
    (curve,) = ax.plot(grid, 0 * grid, color=colors.MUTED, lw=2)
    return curve, draw_marker(ax, size=9)


def _sub(k):
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
