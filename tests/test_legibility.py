"""Notebooks 00–04 are legible on a projector: at the default figure size no text in any of
their figures is smaller than 10 pt, and weights' signs, activations and verdicts use the
Okabe–Ito colour-blind-safe palette (issue 15)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.graph import Value, example_neuron_graph  # noqa: E402
from helpers.plots import (  # noqa: E402
    draw_graph,
    draw_neuron_diagram,
    draw_sigmoid_slope,
    plot_activation_family,
)
from helpers.plots.fast_text import CachedText  # noqa: E402
from helpers.widgets import (  # noqa: E402
    make_activation_explorer,
    make_backward_step_explorer,
    make_depth_explorer,
    make_fit_a_line_explorer,
    make_forward_pass_explorer,
    make_gradient_check_explorer,
    make_graph_explorer,
    make_nudge_explorer,
    make_training_step_explorer,
)

EXPLORERS = [make_fit_a_line_explorer, make_graph_explorer, make_backward_step_explorer,
             make_activation_explorer, make_depth_explorer, make_forward_pass_explorer,
             make_nudge_explorer, make_gradient_check_explorer, make_training_step_explorer]


def small_texts(figure):
    """Every visible text of ``figure`` under 10 pt, as (size, text)."""
    found = []
    for artist in figure.findobj(lambda a: isinstance(a, Text | CachedText)):
        size = artist.get_fontsize() if isinstance(artist, Text) else artist.fontsize
        text = artist.get_text()
        if artist.get_visible() and text.strip() and size < 10:
            found.append((size, text))
    return found


@pytest.mark.parametrize("build", EXPLORERS, ids=lambda b: b.__name__)
def test_no_text_under_10_pt_in_any_explorer(build):
    explorer = build()
    explorer.draw_now()
    assert small_texts(explorer.figure) == []


def test_no_text_under_10_pt_in_the_static_figures():
    figures = []
    fig, ax = plt.subplots(figsize=(10, 6.2))
    loss = example_neuron_graph()
    loss.backward()
    draw_graph(ax, loss, row_labels=False)
    figures.append(fig)
    fig, ax = plt.subplots(figsize=(5, 2))
    x = Value(3.0, "x")
    draw_graph(ax, x * x)
    figures.append(fig)
    fig, (ax_f, ax_df) = plt.subplots(1, 2, figsize=(10, 3.8))
    plot_activation_family(ax_f, ax_df)
    figures.append(fig)
    fig, ax = plt.subplots(figsize=(8, 4))
    draw_neuron_diagram(ax)
    figures.append(fig)
    fig, ax = plt.subplots(figsize=(6, 3.4))
    draw_sigmoid_slope(ax)
    figures.append(fig)
    for fig in figures:
        fig.canvas.draw()
        assert small_texts(fig) == []
        plt.close(fig)


def test_weight_signs_use_okabe_ito_colours_and_line_styles():
    fig, ax = plt.subplots()
    diagram = draw_neuron_diagram(ax)  # our example neuron: w = (0.2, 0.5, −0.1)
    colours = [edge.get_color() for edge in diagram.edges]
    styles = [edge.get_linestyle() for edge in diagram.edges]
    assert colours == ["#0072B2", "#0072B2", "#D55E00"]
    assert styles[:2] == ["-", "-"] and styles[2] == "--"
    plt.close(fig)


def test_activation_curves_differ_in_colour_and_line_style():
    fig, (ax_f, ax_df) = plt.subplots(1, 2)
    lines = plot_activation_family(ax_f, ax_df)
    looks = {(f.get_color(), f.get_linestyle()) for f, _ in lines.values()}
    assert len(looks) == 3 and len({style for _, style in looks}) == 3
    assert not {"red", "green", "tab:red", "tab:green"} & {colour for colour, _ in looks}
    plt.close(fig)


def test_sigmoid_best_guide_shows_only_for_the_sigmoid():
    explorer = make_activation_explorer()
    assert all(a.get_visible() for a in explorer.view.tangent.best) if hasattr(
        explorer.view, "tangent") else True
    explorer.set(activation="relu")
    explorer.draw_now()
    view = getattr(explorer.view, "tangent", explorer.view)
    assert not any(a.get_visible() for a in view.best)
    explorer.set(activation="sigmoid")
    explorer.draw_now()
    assert all(a.get_visible() for a in view.best)
