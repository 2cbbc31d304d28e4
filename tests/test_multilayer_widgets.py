"""The explorers of 06_multilayer and 07_backprop_bugs: every control and button moves the
figure, clicks add points, nothing non-finite is drawn and nothing raises."""

from types import SimpleNamespace

import numpy as np
import pytest
from explorer_testing import non_finite_artists

from helpers.datasets import xor
from helpers.network import Network
from helpers.optim import train
from helpers.widgets.bugs import make_bug_explorer
from helpers.widgets.multilayer import EPOCHS, INIT_SEED, make_network_explorer


def snapshot(view):
    return {"image": np.array(view.image.get_array(), dtype=float),
            "points": np.array(view.points.get_offsets(), dtype=float),
            "mine": np.array(view.mine.get_offsets(), dtype=float),
            "loss": np.array(view.loss_line.get_ydata(), dtype=float),
            "marker": np.array(view.marker.get_xdata(), dtype=float)}


def changed(before, after, key):
    a, b = before[key], after[key]
    return a.shape != b.shape or not np.allclose(a, b)


@pytest.fixture(scope="module")
def explorer():
    return make_network_explorer()


def test_default_xor_net_learns():
    # Independent of the explorer: the same settings with the core's Network and train.
    X, T = xor()
    history = train(Network([2, 2, 1], seed=INIT_SEED), X, T, lr=5.0, epochs=EPOCHS)
    a = history.network.forward(X).ravel()
    assert np.all((a >= 0.5) == (T.ravel() == 1.0))


def test_default_readout_is_deterministic_and_reports_success(explorer):
    text = repr(explorer)
    assert "right side of 0.5: 4/4" in text and "epoch 500" in text
    assert repr(make_network_explorer()) == text


@pytest.mark.parametrize("name, values, moved", [
    ("epoch", [0, 250, EPOCHS], ["image", "marker"]),
    ("lr", [0.1, 1.0, 19.9], ["image", "loss"]),
    ("hidden", [1, 4, 8], ["image", "loss"]),
    ("activation", ["tanh", "relu", "sigmoid"], ["image", "loss"]),
    ("dataset", ["moons", "xor"], ["image", "points", "loss"]),
])
def test_every_control_moves_the_figure(explorer, name, values, moved):
    explorer.reset()
    for value in values:
        before = snapshot(explorer.view)
        explorer.set(**{name: value})
        explorer.draw_now()
        after = snapshot(explorer.view)
        assert explorer.errors == []
        for key in moved:
            assert changed(before, after, key), f"{name}={value!r} did not change {key}"
        assert non_finite_artists(explorer.figure) == []


def test_class_dropdown_changes_nothing_until_a_click(explorer):
    explorer.reset()
    before = snapshot(explorer.view)
    explorer.set(label=0)
    assert not changed(before, snapshot(explorer.view), "image")
    assert explorer.errors == []


def test_click_adds_a_point_of_the_chosen_class_and_retrains(explorer):
    explorer.reset()
    explorer.set(label=0)
    before = snapshot(explorer.view)
    explorer.view.on_click(SimpleNamespace(inaxes=explorer.view.ax_data, xdata=0.5, ydata=0.5))
    after = snapshot(explorer.view)
    assert after["mine"].tolist() == [[0.5, 0.5]]
    assert explorer.view.mine.get_array().tolist() == [0.0]
    assert changed(before, after, "image") and changed(before, after, "loss")
    assert "/5" in explorer.readout.value  # 4 XOR points + 1 of yours
    # A click outside the data axes (e.g. on the loss plot) is ignored.
    explorer.view.on_click(SimpleNamespace(inaxes=None, xdata=None, ydata=None))
    assert len(explorer.view.mine.get_offsets()) == 1
    explorer.buttons["Clear my points"].click()
    assert len(explorer.view.mine.get_offsets()) == 0
    assert "/4" in explorer.readout.value
    assert explorer.errors == []


def test_click_through_the_canvas_event_machinery(explorer):
    from matplotlib.backend_bases import MouseEvent

    explorer.reset()
    explorer.set(label=1)
    x, y = explorer.view.ax_data.transData.transform((0.25, 0.75))
    MouseEvent("button_press_event", explorer.figure.canvas, x, y, button=1)._process()
    offsets = explorer.view.mine.get_offsets()
    assert np.allclose(offsets, [[0.25, 0.75]], atol=0.02)
    assert explorer.view.mine.get_array().tolist() == [1.0]
    explorer.buttons["Clear my points"].click()
    assert explorer.errors == []


def test_buttons_work(explorer):
    explorer.set(lr=1.0, epoch=100)
    explorer.buttons["Reset"].click()
    assert explorer.values() == explorer.initial_values
    assert explorer.errors == []


@pytest.fixture(scope="module")
def bug_explorer():
    return make_bug_explorer()


def test_bug_explorer_shows_each_bug(bug_explorer):
    options = list(bug_explorer.controls["bug"].options)
    assert len(options) == 6
    seen = set()
    for option in options[1:] + options[:1]:
        before = np.array(bug_explorer.view.broken.get_ydata(), dtype=float)
        bug_explorer.set(bug=option)
        bug_explorer.draw_now()
        after = np.array(bug_explorer.view.broken.get_ydata(), dtype=float)
        assert before.shape != after.shape or not np.allclose(before, after), option
        seen.add(bug_explorer.readout.value)
        assert non_finite_artists(bug_explorer.figure) == []
    assert len(seen) == 6 and bug_explorer.errors == []
    bug_explorer.buttons["Reset"].click()
    assert "gradient check: broken 1.0e+00" in bug_explorer.readout.value


def test_boundary_image_draws_the_same_picture_as_matplotlib():
    # BoundaryImage's own bilinear upsampling and colouring, against matplotlib's resampler.
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

    from helpers.plots.multilayer import draw_boundary, style_boundary_axes

    fig = Figure(figsize=(8.0, 3.6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots(1, 2)[0]
    style_boundary_axes(ax)
    g = np.linspace(0.0, 1.0, 80)
    outputs = 0.5 + 0.5 * np.sin(7 * g)[:, None] * np.cos(5 * g)[None, :]
    image = draw_boundary(ax, outputs)
    renderer = fig.canvas.get_renderer()
    mine, x, y, _ = image.make_image(renderer)
    theirs, x_ref, y_ref, _ = AxesImage.make_image(image, renderer)
    assert mine.shape == theirs.shape and (x, y) == (x_ref, y_ref)
    assert np.abs(mine.astype(int) - theirs.astype(int)).max() <= 4
    image.set_cmap(matplotlib.colormaps["RdBu_r"].resampled(16))  # same name, new colours
    mine, *_ = image.make_image(renderer)
    theirs, *_ = AxesImage.make_image(image, renderer)
    differ = np.abs(mine.astype(int) - theirs.astype(int)).max(axis=2) > 4
    assert differ.mean() < 0.02  # only pixels on a band edge (rounding) may differ


def test_going_back_to_a_setting_reuses_its_training_run():
    explorer = make_network_explorer()
    first = explorer.view.history
    explorer.set(lr=1.0)
    assert explorer.view.history is not first
    explorer.reset()
    assert explorer.view.history is first  # no retraining
    assert explorer.errors == []
