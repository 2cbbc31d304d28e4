"""01_chain_rule's graph drawing and explorers: layout, live values and gradients, stepping.

Expected numbers come from plain math (math.exp, hand-written chain rule), never from the code
under test."""

import math
import re

import numpy as np
import pytest
from explorer_testing import non_finite_artists
from matplotlib.figure import Figure

from helpers.graph import Value
from helpers.plots.graph_drawing import draw_graph, layout_graph, paint_graph
from helpers.widgets.chain_rule import (
    make_backward_step_explorer,
    make_graph_explorer,
)

NUMBER = re.compile(r"[-+]?\d+\.\d+(?:e[-+]\d+)?")


EXAMPLE = {"x1": 1.0, "w1": 0.2, "x2": 2.0, "w2": 0.5, "x3": 3.0, "w3": -0.1, "b": 0.1,
           "t": 1.0}


def neuron_by_hand(x1, w1, x2, w2, x3, w3, b, t, f="sigmoid"):
    """Loss, dL/dz and dL/d(w1, w2, w3, b) of L = ½(t − f(w1 x1 + w2 x2 + w3 x3 + b))², by
    hand (the order of the explorer's readout)."""
    z = w1 * x1 + w2 * x2 + w3 * x3 + b
    a = 1 / (1 + math.exp(-z)) if f == "sigmoid" else math.tanh(z)
    da_dz = a * (1 - a) if f == "sigmoid" else 1 - a * a
    dL_dz = -(t - a) * da_dz
    return 0.5 * (t - a) ** 2, dL_dz, dL_dz * x1, dL_dz * x2, dL_dz * x3, dL_dz


def by_hand_at(values, f="sigmoid"):
    return neuron_by_hand(*(values[k] for k in EXAMPLE), f=f)


def numbers_of(explorer):
    """(data, grad) per node box, parsed from the text artists; grad None when shown as '?'."""
    out = []
    for text in explorer.view.graph.numbers:
        data, grad = text.get_text().split("\n")
        out.append((float(data), None if grad == "?" else float(grad)))
    return out


def readout(explorer):
    """The readout's text without its HTML wrapper."""
    return re.sub(r"<[^>]+>", "", explorer.readout.value)


def grad_of(explorer, name):
    """The gradient shown in the box whose title is ``name``."""
    names = [t.get_text() for t in explorer.view.graph.names]
    return numbers_of(explorer)[names.index(name)][1]


# --- layout and static drawing ---------------------------------------------------------

def test_layout_puts_leaves_left_of_their_consumer_and_root_rightmost():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    out = (x * y + x).tanh()
    layout = layout_graph(out)
    column = {n.label or n.op: xy[0] for n, xy in zip(layout.nodes, layout.xy, strict=True)}
    assert column["tanh"] == max(column.values())
    assert column["x"] < column["*"] < column["+"] < column["tanh"]
    assert column["y"] == column["*"] - 1
    # deterministic: the same expression gives the same positions
    x2, y2 = Value(-1.0, "x"), Value(0.5, "y")
    again = layout_graph((x2 * y2 + x2).tanh())
    np.testing.assert_array_equal(again.xy, layout.xy)


def test_value_used_twice_gets_two_bent_edges():
    x = Value(3.0, "x")
    layout = layout_graph(x * x)
    assert len(layout.edges) == 2
    bends = sorted(edge[2] for edge in layout.edges)
    assert bends[0] < 0 < bends[1]


def test_draw_graph_shows_value_and_gradient_of_each_node():
    x = Value(3.0, "x")
    f = x * x
    f.backward()
    ax = Figure().add_subplot()
    artists = draw_graph(ax, f)
    texts = [t.get_text() for t in artists.numbers]
    assert texts == ["+3.000\n+6.000", "+9.000\n+1.000"]  # d(x²)/dx = 2x = 6
    assert [t.get_text() for t in artists.names] == ["x", "(*)"]


def test_paint_graph_rejects_a_graph_of_another_shape():
    ax = Figure().add_subplot()
    artists = draw_graph(ax, Value(1.0, "x") * Value(2.0, "y"))
    with pytest.raises(ValueError, match="nodes has 1 entries, expected 3"):
        paint_graph(artists, [Value(1.0)])


def test_layout_rejects_non_values():
    with pytest.raises(TypeError, match="root must be a Value"):
        layout_graph(3.0)


# --- the live graph explorer ------------------------------------------------------------

def test_graph_explorer_first_state_matches_hand_computed_gradients():
    explorer = make_graph_explorer()
    expected = by_hand_at(EXAMPLE)
    dL_dw1 = expected[2]
    shown = [float(v) for v in NUMBER.findall(readout(explorer))]
    assert shown == pytest.approx(list(expected), abs=6e-4)
    # our example neuron, as in 03 and 04: L = 0.0362, dL/dw = [-0.0529, -0.1058, -0.1586]
    assert shown[0] == pytest.approx(0.0362, abs=1e-4)
    # the box of w1 shows dL/dw1
    assert grad_of(explorer, "w1") == pytest.approx(dL_dw1, abs=6e-4)
    assert explorer.errors == []


@pytest.mark.parametrize("name", ["x1", "w1", "x2", "w2", "x3", "w3", "b", "t"])
def test_every_slider_moves_the_numbers_on_the_graph(name):
    explorer = make_graph_explorer()
    control = explorer.controls[name]
    for value in (control.min, control.max, (control.min + control.max) / 2 + 0.3):
        before = [t.get_text() for t in explorer.view.graph.numbers]
        explorer.set(**{name: value})
        explorer.draw_now()
        after = [t.get_text() for t in explorer.view.graph.numbers]
        assert after != before, f"moving {name} to {value} changed nothing on the graph"
        v = explorer.values()
        expected = by_hand_at(v)
        shown = [float(s) for s in NUMBER.findall(readout(explorer))]
        assert shown == pytest.approx(list(expected), abs=6e-4, rel=1e-2)
    assert explorer.errors == []
    assert non_finite_artists(explorer.figure) == []


def test_activation_dropdown_switches_to_tanh():
    explorer = make_graph_explorer()
    before = readout(explorer)
    explorer.set(activation="tanh")
    assert readout(explorer) != before
    expected = by_hand_at(EXAMPLE, f="tanh")
    shown = [float(s) for s in NUMBER.findall(readout(explorer))]
    assert shown == pytest.approx(list(expected), abs=6e-4)
    assert explorer.errors == []


def test_graph_explorer_reset_restores_first_state():
    explorer = make_graph_explorer()
    first = readout(explorer)
    explorer.set(w1=-2.0, b=1.5)
    explorer.buttons["Reset"].click()
    assert readout(explorer) == first
    assert explorer.errors == []


# --- the step-by-step backward pass -----------------------------------------------------

def test_stepper_starts_with_only_the_output_gradient_known():
    explorer = make_backward_step_explorer()
    grads = [g for _d, g in numbers_of(explorer)]
    assert grads[-1] == 1.0  # dL/dL
    assert all(g is None for g in grads[:-1])
    assert "Start" in explorer.view.caption.get_text()


def test_stepping_walks_to_the_full_gradients_then_starts_over():
    explorer = make_backward_step_explorer()
    last = explorer.controls["step"].max
    assert last == 10  # our example neuron's graph has 10 operation nodes
    captions = set()
    for k in range(1, last + 1):
        before = [t.get_text() for t in explorer.view.graph.numbers]
        explorer.buttons["Step backward"].click()
        explorer.draw_now()
        assert explorer.values()["step"] == k
        assert [t.get_text() for t in explorer.view.graph.numbers] != before
        assert [m.get_visible() for m in explorer.view.graph.marks][0]  # a node is highlighted
        captions.add(explorer.view.caption.get_text())
    assert len(captions) == last
    explorer.buttons["Step backward"].click()  # past the end: stays at the end
    assert explorer.values()["step"] == last
    _loss, _dz, dL_dw1, dL_dw2, dL_dw3, dL_db = by_hand_at(EXAMPLE)
    assert grad_of(explorer, "w1") == pytest.approx(dL_dw1, abs=6e-4)
    assert grad_of(explorer, "w2") == pytest.approx(dL_dw2, abs=6e-4)
    assert grad_of(explorer, "w3") == pytest.approx(dL_dw3, abs=6e-4)
    assert grad_of(explorer, "b") == pytest.approx(dL_db, abs=6e-4)
    assert all(g is not None for _d, g in numbers_of(explorer))
    explorer.buttons["Start over"].click()
    assert explorer.values()["step"] == 0
    assert sum(g is None for _d, g in numbers_of(explorer)) == len(numbers_of(explorer)) - 1
    assert explorer.errors == []
    assert non_finite_artists(explorer.figure) == []


def test_first_step_shows_local_derivative_times_upstream():
    explorer = make_backward_step_explorer()
    explorer.set(step=1)
    caption = explorer.view.caption.get_text()
    # L = (t−a)² · 0.5: the first node is L itself, upstream 1; local d L/d(square) = 0.5
    assert "local +0.500 × upstream +1.000 = +0.500" in caption


def test_stepper_rejects_a_step_out_of_range():
    with pytest.raises(ValueError, match="step must be between 0 and 10"):
        make_backward_step_explorer(step=11)


def test_a_move_redraws_only_a_few_artists_quickly():
    explorer = make_graph_explorer()
    assert len(explorer._animated) == len(explorer.view.graph.numbers)
    assert np.isfinite(explorer.view.graph.layout.xy).all()


def test_saturation_demo_numbers_the_notebook_states():
    """01's demo: with t = 0, pushing b to 3 makes the error grow but dL/dw1 shrink."""
    at_start = by_hand_at({**EXAMPLE, "t": 0.0})
    saturated = by_hand_at({**EXAMPLE, "t": 0.0, "b": 3.0})
    assert math.sqrt(2 * saturated[0]) > math.sqrt(2 * at_start[0])  # |t − a| grows
    assert saturated[2] < at_start[2] / 5  # yet dL/dw1 falls more than 5×
    explorer = make_graph_explorer()
    explorer.set(t=0.0, b=3.0)
    explorer.draw_now()
    assert grad_of(explorer, "w1") == pytest.approx(saturated[2], abs=6e-4)


def test_tiny_gradients_never_run_into_labels():
    """At b = 3 some gradients are below 1e-3: they are printed in e-notation, centred in
    their box on their own line, with no 'data'/'grad' words beside them."""
    explorer = make_graph_explorer()
    explorer.set(b=3.0)
    explorer.draw_now()
    texts = [t.get_text() for t in explorer.view.graph.numbers]
    assert any("e-" in line for text in texts for line in text.split("\n"))
    renderer = explorer.figure.canvas.get_renderer()
    for text, box in zip(explorer.view.graph.numbers, explorer.view.graph.boxes, strict=True):
        inner, outer = text.get_window_extent(renderer), box.get_window_extent(renderer)
        assert outer.x0 <= inner.x0 and inner.x1 <= outer.x1, text.get_text()
