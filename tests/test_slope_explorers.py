"""The gradient shown as a slope (issue 15): 04's nudge explorer, 04's training explorer marking
clipped losses and overshooting at a large lr with a reachable target, and the core functions
behind them. Expected numbers come from plain math written here."""

import math
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.neuron import loss_along_parameter, nudge_effect, parameter_gradient  # noqa: E402
from helpers.widgets import make_nudge_explorer, make_training_step_explorer  # noqa: E402

X, W, B = (1.0, 2.0, 3.0), (0.2, 0.5, -0.1), 0.1


def loss_by_hand(w, b, t=1.0, x=X):
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    return 0.5 * (t - 1 / (1 + math.exp(-z))) ** 2


def shifted(name, delta):
    w, b = list(W), B
    if name == "b":
        b += delta
    else:
        w[int(name[1]) - 1] += delta
    return w, b


def readout(explorer):
    return re.sub(r"<[^>]+>", "", explorer.readout.value)


@pytest.mark.parametrize("name", ["w1", "w2", "w3", "b"])
def test_parameter_gradient_is_the_slope_of_the_loss(name):
    eps = 1e-6
    numeric = (loss_by_hand(*shifted(name, eps)) - loss_by_hand(*shifted(name, -eps))) / (2 * eps)
    assert parameter_gradient(name) == pytest.approx(numeric, rel=1e-6)
    grid = np.array([-1.0, 0.3, 2.0])
    along = loss_along_parameter(grid, name)
    for p, value in zip(grid, along, strict=True):
        now = B if name == "b" else W[int(name[1]) - 1]
        assert value == pytest.approx(loss_by_hand(*shifted(name, p - now)))


def test_nudge_effect_real_change_tends_to_the_prediction():
    ratios = []
    for delta in (0.5, 0.05, 0.005):
        real, predicted = nudge_effect("w3", delta)
        assert real == pytest.approx(loss_by_hand(*shifted("w3", delta)) - loss_by_hand(W, B))
        assert predicted == pytest.approx(-0.15863128 * delta, rel=1e-6)
        ratios.append(real / predicted)
    assert abs(ratios[2] - 1) < abs(ratios[1] - 1) < abs(ratios[0] - 1)
    assert abs(ratios[2] - 1) < 0.01
    with pytest.raises(ValueError, match="parameter"):
        nudge_effect("w4", 0.1)


def test_nudge_explorer_shows_real_and_predicted_change_for_every_parameter():
    explorer = make_nudge_explorer()
    for name in ("w1", "w2", "w3", "b"):
        explorer.set(parameter=name, delta=0.2)
        explorer.draw_now()
        real, predicted = nudge_effect(name, 0.2)
        text = readout(explorer)
        assert f"real ΔL = {real:+.6f}" in text and f"· Δ = {predicted:+.6f}" in text
        # the tangent through our example neuron has slope ∂L/∂p
        (x0, *_, x1), (y0, *_, y1) = explorer.view.tangent.get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(parameter_gradient(name))
        assert name in explorer.view.ax.get_xlabel()
    explorer.buttons["Reset"].click()
    assert explorer.values()["delta"] == 0.0
    assert "+0.000000" in readout(explorer) and "-0.000000" not in readout(explorer)
    assert explorer.errors == []


def test_training_explorer_marks_losses_below_the_axis():
    explorer = make_training_step_explorer()
    explorer.set(lr=10.0)
    explorer.buttons["Take one step"].click()
    explorer.draw_now()
    after = explorer.view.history[-1][1]
    assert after < 1e-4  # lr = 10 takes the loss far below the axis in one step
    xs, ys = explorer.view.clipped.get_data()
    assert list(xs) == [1] and list(ys) == [1e-4]
    assert "below 1e-04" in readout(explorer)


def test_training_explorer_overshoots_with_a_reachable_target_and_large_lr():
    explorer = make_training_step_explorer()
    explorer.set(t=0.5)
    explorer.set(lr=10.0)
    before = loss_by_hand(W, B, t=0.5)
    explorer.buttons["Take one step"].click()
    explorer.draw_now()
    after = explorer.view.history[-1][1]
    assert after > before  # overshoot: the loss went up
    assert "go UP" in readout(explorer) and "05" in readout(explorer)
    # a small lr with the same target still goes down
    explorer.buttons["Reset"].click()
    explorer.set(t=0.5)
    explorer.buttons["Take one step"].click()
    explorer.draw_now()
    assert explorer.view.history[-1][1] < before
    assert "go UP" not in readout(explorer)
    assert explorer.errors == []


@pytest.mark.parametrize("lr", [0.01, 0.1, 1.0, 3.0, 10.0])
def test_with_target_one_a_bigger_step_never_overshoots(lr):
    """04's claim: with t = 1 the sigmoid cannot pass the target, so every lr lowers the loss,
    and a bigger lr lowers it more (one step from our example neuron)."""
    def after(rate):
        a = 1 / (1 + math.exp(-1.0))
        delta = -(1 - a) * a * (1 - a)
        w = [wi - rate * delta * xi for wi, xi in zip(W, X, strict=True)]
        return loss_by_hand(w, B - rate * delta)
    assert after(lr) < loss_by_hand(W, B)
    assert after(lr * 2) < after(lr)
