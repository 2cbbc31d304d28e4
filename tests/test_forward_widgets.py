"""The explorer and diagram of 03_forward_pass: the seed's numbers are on them, every control
moves them, and the loss curve and its marker agree with z, a and L computed here by hand."""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.plots import colors
from helpers.plots.neuron_diagram import draw_neuron_diagram
from helpers.widgets import make_forward_pass_explorer


def by_hand(x, w, b, t=1.0):
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    a = 1 / (1 + math.exp(-z))
    return z, a, 0.5 * (t - a) ** 2


def _texts(ax):
    """Every text artist on ``ax``: matplotlib Text and the cached-glyph kind."""
    return ax.findobj(lambda artist: hasattr(artist, "get_text") and artist is not ax)


def diagram_texts(explorer):
    return [text.get_text() for text in _texts(explorer.figure.axes[0])]


def test_starts_with_the_seed_neuron_numbers():
    explorer = make_forward_pass_explorer()
    z, a, loss = by_hand([1, 2, 3], [0.2, 0.5, -0.1], 0.1)
    text = repr(explorer)
    assert f"= {z:.6f}" in text and f"a = σ(z) = {a:.6f}" in text and f"= {loss:.6f}" in text
    assert "z = 0.20·1.00 + 0.50·2.00 + (-0.10)·3.00 + 0.10" in text
    texts = diagram_texts(explorer)
    assert f"z = {z:.4f}" in texts and f"a = {a:.4f}" in texts and f"L = {loss:.4f}" in texts
    assert explorer.view.marker.get_xydata()[0] == pytest.approx([0.2, loss])


@pytest.mark.parametrize("vary, index", [("w1", 0), ("w2", 1), ("w3", 2), ("b", None)])
def test_loss_curve_is_the_loss_as_the_chosen_parameter_moves(vary, index):
    x, w, b = [0.5, -1.2, 2.0], [1.0, -0.35, 0.4], -0.6
    explorer = make_forward_pass_explorer(x=x, w=w, b=b, vary=vary)
    grid, curve = explorer.view.curve.get_data()
    for p, shown in zip(grid[::40], curve[::40], strict=True):
        w_p, b_p = list(w), b
        if index is None:
            b_p = p
        else:
            w_p[index] = p
        assert shown == pytest.approx(by_hand(x, w_p, b_p)[2])
    here = by_hand(x, w, b)[2]
    p_now = b if index is None else w[index]
    assert explorer.view.marker.get_xydata()[0] == pytest.approx([p_now, here])


def test_moving_a_weight_moves_the_numbers_on_the_diagram():
    explorer = make_forward_pass_explorer()
    explorer.set(w2=-1.0, x3=-2.0)
    z, a, loss = by_hand([1, 2, -2], [0.2, -1.0, -0.1], 0.1)
    texts = diagram_texts(explorer)
    assert f"z = {z:.4f}" in texts and f"a = {a:.4f}" in texts and f"L = {loss:.4f}" in texts
    assert "w₂ = -1.00" in texts
    edges = explorer.view.diagram.edges
    assert edges[1].get_color() == colors.NEGATIVE  # w₂ = −1: the negative-weight colour
    assert edges[0].get_color() == colors.POSITIVE != colors.NEGATIVE  # w₁ = 0.2
    assert edges[1].get_linestyle() == "--" and edges[0].get_linestyle() == "-"  # sans colour


@pytest.mark.parametrize("kwargs, word", [
    ({"x": [1.0, 2.0]}, "x"),
    ({"w": np.ones(4)}, "w"),
    ({"vary": "t"}, "vary"),
])
def test_builder_rejects_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        make_forward_pass_explorer(**kwargs)


def test_static_diagram_shows_the_seed_numbers():
    fig = Figure()
    diagram = draw_neuron_diagram(fig.add_subplot())
    assert diagram.z_text.get_text() == "z = 1.0000"
    assert diagram.a_text.get_text() == "a = 0.7311"
    assert diagram.loss_text.get_text() == "L = 0.0362"
    assert [t.get_text() for t in diagram.weight_texts] == [
        "w₁ = +0.20", "w₂ = +0.50", "w₃ = -0.10"]


def slope_by_hand(x, w, b, name):
    """∂L/∂(name) of ½(1 − σ(w·x + b))² by a centred difference of by_hand's loss."""
    eps = 1e-6
    def loss_at(shift):
        w2, b2 = list(w), b
        if name == "b":
            b2 += shift
        else:
            w2[int(name[1]) - 1] += shift
        return by_hand(x, w2, b2)[2]
    return (loss_at(eps) - loss_at(-eps)) / (2 * eps)


def test_curve_follows_the_last_parameter_moved_and_the_tangent_has_its_slope():
    explorer = make_forward_pass_explorer()
    x = [1.0, 2.0, 3.0]
    for name, value in (("w2", 0.8), ("b", -0.4), ("w3", 0.3)):
        explorer.set(**{name: value})
        explorer.draw_now()
        v = explorer.values()
        w, b = [v["w1"], v["w2"], v["w3"]], v["b"]
        assert name in explorer.view.ax_loss.get_xlabel().replace("₂", "2").replace("₃", "3")
        (x0, x1), (y0, y1) = explorer.view.tangent.get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(slope_by_hand(x, w, b, name), rel=1e-5)
        p_now = b if name == "b" else w[int(name[1]) - 1]
        assert (x0 + x1) / 2 == pytest.approx(p_now)
    # moving an input keeps the curve on the last parameter
    explorer.set(x1=0.5)
    explorer.draw_now()
    assert "w₃" in explorer.view.ax_loss.get_xlabel()
    assert explorer.errors == []
