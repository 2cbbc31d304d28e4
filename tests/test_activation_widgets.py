"""The explorers of 02_activations: every control moves the figure, the numbers on it are the
right ones (computed here with plain math), and nothing breaks or goes non-finite."""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.activations import SATURATION_SLOPE, flat_state, flat_zones, get_activation
from helpers.plots.activations import DEPTH_FLOOR, plot_activation_family
from helpers.widgets import make_activation_explorer, make_depth_explorer


def sig(z):
    return 1 / (1 + math.exp(-z))


def sig_slope(z):
    return math.exp(-z) / (1 + math.exp(-z)) ** 2


def test_activation_explorer_starts_at_the_seed_z_with_the_right_slope():
    explorer = make_activation_explorer()
    assert explorer.values() == {"z": 1.0, "activation": "sigmoid"}
    text = repr(explorer)
    assert f"a = f(z) = {sig(1.0):.6f}" in text
    assert f"f′(z) = {sig_slope(1.0):.6f}" in text
    view = explorer.view.tangent
    (x0, x1), (y0, y1) = view.tangent.get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(sig_slope(1.0))
    assert view.f_point.get_ydata()[0] == pytest.approx(sig(1.0))
    assert view.df_point.get_ydata()[0] == pytest.approx(sig_slope(1.0))


@pytest.mark.parametrize("activation, z, slope", [
    ("tanh", 0.5, 1 / math.cosh(0.5) ** 2),
    ("relu", 2.0, 1.0),
    ("relu", -1.5, 0.0),
    ("sigmoid", -4.0, math.exp(4) / (1 + math.exp(4)) ** 2),
])
def test_tangent_slope_is_the_derivative(activation, z, slope):
    explorer = make_activation_explorer(activation=activation, z=z)
    (x0, x1), (y0, y1) = explorer.view.tangent.tangent.get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope, abs=1e-12)


def test_activation_explorer_names_dead_and_saturated_regions():
    explorer = make_activation_explorer(activation="relu", z=-1.0)
    assert "dead" in explorer.readout.value
    explorer.set(activation="sigmoid", z=5.0)
    assert "Saturated" in explorer.readout.value
    view = explorer.view.tangent
    assert flat_state("sigmoid", 5.0) == "saturated" and flat_state("relu", -1.0) == "dead"
    shaded = [(span.get_x(), span.get_x() + span.get_width(), label.get_text())
              for span, label in view.zones if span.get_visible()]
    assert any(z0 <= 5.0 <= z1 and "saturated" in text for z0, z1, text in shaded)
    assert not any(z0 <= 0.0 <= z1 for z0, z1, _ in shaded)  # σ′ is at its best at 0
    explorer.set(activation="relu", z=-1.0)
    shaded = [(span.get_x(), span.get_x() + span.get_width(), label.get_text())
              for span, label in view.zones if span.get_visible()]
    assert shaded == [(-5.0, 0.0, "dead: slope 0")]


def test_flat_zones_match_the_saturation_threshold():
    for name in ("sigmoid", "tanh"):
        zones = flat_zones(name)
        assert len(zones) == 2
        (_, left, _), (right, _, _) = zones
        df = get_activation(name).df
        assert df(left) < SATURATION_SLOPE <= df(left + 0.01)
        assert df(right) < SATURATION_SLOPE <= df(right - 0.01)


def test_depth_explorer_multiplies_the_slope_n_times():
    explorer = make_depth_explorer(activation="sigmoid", n=10, z=0.0)
    assert explorer.view.current.get_ydata()[0] == pytest.approx(0.25**10)
    assert "9.54e-07" in explorer.readout.value
    explorer.set(activation="tanh", z=1.0, n=5)
    assert explorer.view.current.get_ydata()[0] == pytest.approx((1 / math.cosh(1.0) ** 2) ** 5)


def test_depth_explorer_puts_a_dead_relu_in_the_dead_zone_not_at_log_zero():
    explorer = make_depth_explorer(activation="relu", n=7, z=-0.5)
    y = explorer.view.upto_n.get_ydata()
    assert np.all(np.isfinite(y)) and np.all(y > 0)
    assert np.all(y < DEPTH_FLOOR)  # below the floor line: the marked dead zone
    assert "= 0\n" in explorer.readout.value
    assert "Dead" in explorer.readout.value
    explorer.set(z=0.5)
    assert explorer.view.current.get_ydata()[0] == 1.0  # relu' = 1: nothing lost


def test_tiny_products_rest_on_the_floor_and_are_not_called_dead():
    explorer = make_depth_explorer(activation="sigmoid", n=30, z=4.0)
    assert explorer.view.current.get_ydata()[0] == DEPTH_FLOOR
    assert "Dead" not in explorer.readout.value
    assert f"{sig_slope(4.0) ** 30:.3g}" in explorer.readout.value


@pytest.mark.parametrize("builder, kwargs", [
    (make_activation_explorer, {"activation": "softmax"}),
    (make_depth_explorer, {"activation": "step"}),
    (make_depth_explorer, {"n": 0}),
])
def test_builders_reject_bad_arguments(builder, kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        builder(**kwargs)


def test_static_family_plot_draws_each_activation_and_derivative():
    fig = Figure()
    ax_f, ax_df = fig.subplots(1, 2)
    lines = plot_activation_family(ax_f, ax_df)
    assert set(lines) == {"sigmoid", "tanh", "relu"}
    z, dsig = lines["sigmoid"][1].get_data()
    assert dsig.max() == pytest.approx(0.25)
    assert z[np.argmax(dsig)] == pytest.approx(0.0)
    assert lines["tanh"][1].get_ydata().max() == pytest.approx(1.0)
    assert set(np.unique(np.ma.compressed(lines["relu"][1].get_ydata()))) == {0.0, 1.0}
