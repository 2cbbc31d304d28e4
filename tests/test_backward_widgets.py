"""04_backward_pass's explorers: the gradient check against ε and one training step at a time.
Expected numbers are the seed's (from the brief) or computed here with plain math."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from explorer_testing import (  # noqa: E402
    non_finite_artists,
)

from helpers.widgets.backward_pass import (  # noqa: E402
    make_gradient_check_explorer,
    make_training_step_explorer,
)

EXAMPLE_NEW_W = [0.20052877, 0.50105754, -0.09841369]
EXAMPLE_DL_DW = [-0.05287709, -0.10575419, -0.15863128]


def loss_by_hand(w, b, x=(1.0, 2.0, 3.0), t=1.0):
    a = 1 / (1 + math.exp(-(sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b)))
    return 0.5 * (t - a) ** 2


def test_gradient_check_first_state_is_the_seed_and_excellent():
    explorer = make_gradient_check_explorer()
    text = repr(explorer)
    for g in EXAMPLE_DL_DW:
        assert f"{g:+.8f}" in text
    assert "excellent" in text


def test_gradient_check_regimes_and_bug():
    explorer = make_gradient_check_explorer()
    explorer.set(eps=1e-12)
    assert "round-off" in explorer.readout.value
    y_small = explorer.view.marker.get_ydata()[0]
    explorer.set(eps=0.1)
    assert "truncation" in explorer.readout.value
    explorer.set(eps=1e-6)
    y_good = explorer.view.marker.get_ydata()[0]
    assert y_good < 1e-7 < y_small
    explorer.set(analytic="buggy (σ' left out)")
    assert "almost certainly wrong" in explorer.readout.value
    assert explorer.view.marker.get_ydata()[0] > 1e-2


def test_take_one_step_moves_sliders_to_the_seed_update_and_updates_b_too():
    explorer = make_training_step_explorer()
    assert "steps taken: 0" in explorer.readout.value
    explorer.buttons["Take one step"].click()
    values = explorer.values()
    assert [values["w1"], values["w2"], values["w3"]] == pytest.approx(EXAMPLE_NEW_W, abs=1e-8)
    # ∂L/∂b = ∂L/∂a · ∂a/∂z, by hand
    a = 1 / (1 + math.exp(-1.0))
    assert values["b"] == pytest.approx(0.1 - 0.01 * (-(1 - a) * a * (1 - a)))
    assert "steps taken: 1" in explorer.readout.value
    line = explorer.view.line
    assert list(line.get_xdata()) == [0, 1]
    assert line.get_ydata() == pytest.approx([loss_by_hand([0.2, 0.5, -0.1], 0.1),
                                              loss_by_hand(EXAMPLE_NEW_W, values["b"])], rel=1e-6)


def test_steps_accumulate_then_dragging_a_slider_or_reset_starts_again():
    explorer = make_training_step_explorer()
    explorer.set(lr=1.0)
    for _ in range(5):
        explorer.buttons["Take one step"].click()
    losses = explorer.view.line.get_ydata()
    assert len(losses) == 6 and np.all(np.diff(losses) < 0)  # each step lowers the loss
    explorer.set(w1=0.0)
    assert len(explorer.view.line.get_xdata()) == 1
    explorer.buttons["Take one step"].click()
    explorer.reset()
    assert len(explorer.view.line.get_xdata()) == 1
    assert explorer.errors == []


def test_huge_steps_stay_on_the_sliders():
    explorer = make_training_step_explorer()
    explorer.set(lr=10.0, w1=-3.0, w2=-3.0, w3=-3.0, b=-3.0)
    for _ in range(40):
        explorer.buttons["Take one step"].click()
    assert all(-3.0 <= v <= 3.0 for k, v in explorer.values().items() if k != "lr")
    assert explorer.errors == [] and non_finite_artists(explorer.figure) == []


def test_gradient_check_marker_sits_on_the_precomputed_curve():
    explorer = make_gradient_check_explorer()
    curve = explorer.figure.axes[0].lines[0]  # the 'correct' curve
    for exponent in (-11.0, -8.5, -6.0, -2.0):
        explorer.set(eps=10.0**exponent)
        (x_m,), (y_m,) = explorer.view.marker.get_data()
        i = int(np.argmin(np.abs(np.log10(curve.get_xdata()) - exponent)))
        assert x_m == pytest.approx(curve.get_xdata()[i], rel=1e-9)
        assert y_m == pytest.approx(curve.get_ydata()[i], rel=1e-9)
