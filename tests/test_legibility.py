"""The course is legible on a projector: at the default figure size no text in any figure — every
explorer of 00–10 and every static figure that helpers.plots draws — is smaller than 10 pt, no
helper asks for a smaller size in its source, and weights' signs, activations and verdicts use
the Okabe–Ito colour-blind-safe palette (issue 15)."""

import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import helpers.plots  # noqa: E402
import helpers.widgets  # noqa: E402
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
)

# Every explorer of the course (00–10), found by name so a new one is checked too.
EXPLORERS = [getattr(helpers.widgets, name) for name in helpers.widgets.__all__
             if name.startswith("make_") and name.endswith("_explorer")]
ROOT = Path(__file__).resolve().parents[1]

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



def _static_figures():
    """One call per figure function of helpers.plots, with arguments like the notebooks'."""
    from helpers import Network, deep_net, layer_stats
    from helpers.datasets import xor
    from helpers.landscape import descent_path, loss_grid, quadratic_of
    from helpers.plots.basics import corner_note

    rng = np.random.default_rng(0)
    W1, b1 = rng.normal(0, 8, (2, 6)), np.array([-1.4, 1.2])
    W2, b2 = np.array([[-9.4, 9.4]]), np.array([6.1])
    X, T = xor()
    history = SimpleNamespace(test_loss=np.linspace(1.0, 0.2, 21),
                              test_accuracy=np.linspace(0.3, 0.95, 21))
    entry = SimpleNamespace(broken_loss=np.linspace(0.3, 0.2, 50),
                            fixed_loss=np.geomspace(0.3, 0.005, 50),
                            broken_error=0.31, fixed_error=1e-9)
    sweeps = [900, 1400, None, 2100, 1200]
    curves = {"seed 10": np.geomspace(5.0, 0.05, 300), "seed 0": np.full(300, 4.1)}
    quad = quadratic_of()

    def landscape(ax):
        helpers.plots.draw_landscape(ax, *loss_grid(), minimum=quad.minimum)
        helpers.plots.draw_run(ax, descent_path(start=(4.0, 3.0), lr=0.1, epochs=30), label="run")
        corner_note(ax, "diverged")
        ax.legend()

    def lr_sweep(ax):
        lrs = np.logspace(-3, 1, 50)
        helpers.plots.draw_lr_sweep(ax, lrs, np.geomspace(10, 1e-6, 50), quad.curvatures,
                                    epochs=100, ylim=(1e-7, 1e2))

    def gradient_check(ax):
        eps = np.logspace(-12, -1, 12)
        helpers.plots.draw_gradient_check(ax, eps, np.array([eps**2 + 1e-16 / eps,
                                                             np.full(12, 0.6)]),
                                          ["right", "buggy"])

    return {
        "draw_line_fit": ((1, 2), lambda a: helpers.plots.draw_line_fit(
            *a, np.array([-1.5, 1.0]), np.array([-1.0, 2.0]), np.linspace(-1, 4, 20))),
        "draw_graph": (None, None),  # drawn by the 00–04 test below
        "plot_activation_family": (None, None),
        "draw_neuron_diagram": (None, None),
        "draw_sigmoid_slope": (None, None),
        "draw_gradient_check": ((1, 1), lambda a: gradient_check(a[0])),
        "draw_landscape": ((1, 1), lambda a: landscape(a[0])),
        "draw_run": (None, None),  # in draw_landscape's figure
        "draw_lr_sweep": ((1, 1), lambda a: lr_sweep(a[0])),
        "draw_boundary": ((1, 1), lambda a: helpers.plots.draw_boundary(a[0], np.full(400, 0.5))),
        "draw_points": ((1, 1), lambda a: helpers.plots.draw_points(a[0], X, T)),
        "draw_loss_curve": ((1, 1), lambda a: helpers.plots.draw_loss_curve(
            a[0], np.geomspace(0.3, 0.01, 100))),
        "draw_network_boundary": ((1, 1), lambda a: helpers.plots.draw_network_boundary(
            a[0], Network([2, 2, 1], seed=0), X, T, n=20)),
        "draw_bug_curves": ((1, 1), lambda a: helpers.plots.draw_bug_curves(a[0], entry, "bug")),
        "plot_weight_diagram": ((1, 1), lambda a: helpers.plots.plot_weight_diagram(
            a[0], W1, b1, W2, b2)),
        "plot_sweeps_histogram": ((1, 1), lambda a: helpers.plots.plot_sweeps_histogram(
            a[0], sweeps, epochs=5000)),
        "plot_loss_curves": ((1, 1), lambda a: helpers.plots.plot_loss_curves(a[0], curves)),
        "plot_fraction_solved": ((1, 1), lambda a: helpers.plots.plot_fraction_solved(
            a[0], {"paper": sweeps}, epochs=5000, paper_sweeps=1425)),
        "plot_loss_runs": ((1, 1), lambda a: helpers.plots.plot_loss_runs(a[0], curves,
                                                                          title="runs")),
        "plot_weight_squares": ((1, 1), lambda a: helpers.plots.plot_weight_squares(
            a[0], W1, b1, W2, b2, title="weights")),
        "draw_curves": ((1, 1), lambda a: helpers.plots.draw_curves(
            a[0], 20, ylabel="loss", ylim=(0, 1), title="curves")),
        "plot_digits": ((1, 4), lambda a: helpers.plots.plot_digits(
            a, rng.random((4, 64)), np.arange(4))),
        "plot_output_delta": ((1, 1), lambda a: helpers.plots.plot_output_delta(a[0])),
        "plot_training_curves": ((1, 2), lambda a: helpers.plots.plot_training_curves(
            *a, {"run": history}, epochs=20)),
        "plot_gradient_noise": ((1, 1), lambda a: helpers.plots.plot_gradient_noise(
            a[0], [1, 4, 16], [6.9, 3.5, 1.8])),
        "plot_histogram_panel": ((1, 1), lambda a: helpers.plots.plot_histogram_panel(
            a[0], layer_stats(deep_net(3, "relu", "he", width=16), rng.random((8, 64)),
                              np.eye(10)[np.arange(8)]), "relu", "net")),
    }


STATIC = _static_figures()


def test_every_figure_function_of_helpers_plots_is_checked_here():
    drawing = {name for name in helpers.plots.__all__
               if name.startswith(("draw_", "plot_")) and callable(getattr(helpers.plots, name))}
    assert drawing <= set(STATIC), f"add to _static_figures: {sorted(drawing - set(STATIC))}"


@pytest.mark.parametrize("name", [n for n, (grid, _) in STATIC.items() if grid])
def test_no_text_under_10_pt_in_any_static_figure_of_the_course(name):
    (rows, cols), draw = STATIC[name]
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.4 * rows), squeeze=False)
    draw(list(axes.ravel()))
    fig.canvas.draw()
    try:
        assert small_texts(fig) == []
    finally:
        plt.close(fig)


# An explicit size below 10 pt in a helper's source: a number under 10 or a named size below
# "medium" (10 pt here). Markers (ms=, size= of markers) are not text and are not matched.
_SMALL_SIZE = re.compile(r"""(fontsize|labelsize|title_fontsize)\s*=\s*"""
                         r"""(\d+(\.\d*)?|["'](xx?-small|small|smaller)["'])""")


def test_no_helper_or_notebook_asks_for_text_under_10_pt():
    sources = {p: p.read_text() for folder in ("helpers/plots", "helpers/widgets")
               for p in (ROOT / folder).glob("*.py")}
    import json
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        sources[nb] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    too_small = []
    for path, text in sources.items():
        for match in _SMALL_SIZE.finditer(text):
            size = match.group(2)
            if not size[0].isdigit() or float(size) < 10:
                too_small.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert too_small == []

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
