"""Checks of 04_backward_pass and 05_gradient_descent: pass the reference answers, and fail
with a precise message on a wrong answer, the untouched stub, a wrong shape and a crash."""

import numpy as np
import pytest

from helpers.checks import (
    check_gradient_descent,
    check_input_gradient,
    check_momentum_descent,
    check_update_step,
)
from helpers.solutions import gradient_descent, input_gradient, momentum_descent, update_step


def stub(*args):
    raise NotImplementedError("replace this line with your code")


def crashes(*args):
    return {}["oops"]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- wrong answers, written by hand ------------------------------------------------------

def _delta(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    return -(t - a) * a * (1 - a), a


def input_gradient_of_weights(x, w, b, t):  # ∂L/∂w handed in for ∂L/∂x: x where w belongs
    return _delta(x, w, b, t)[0] * x


def input_gradient_without_sigma_prime(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    return -(t - a) * w


def input_gradient_with_flipped_sign(x, w, b, t):
    return -_delta(x, w, b, t)[0] * w


def input_gradient_with_sigma_not_slope(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    return -(t - a) * a * w


def input_gradient_summed(x, w, b, t):
    return np.sum(_delta(x, w, b, t)[0] * w)


def update_forgetting_b(w, b, dL_dw, dL_db, lr):
    return w - lr * dL_dw, b


def update_uphill(w, b, dL_dw, dL_db, lr):
    return w + lr * dL_dw, b + lr * dL_db


def update_one_thing(w, b, dL_dw, dL_db, lr):
    return w - lr * dL_dw


def descent_final_point_only(grad_fn, start, lr, epochs):
    theta = np.array(start, dtype=float)
    for _ in range(epochs):
        theta = theta - lr * grad_fn(theta)
    return theta


def descent_uphill(grad_fn, start, lr, epochs):
    path = [np.array(start, dtype=float)]
    for _ in range(epochs):
        path.append(path[-1] + lr * grad_fn(path[-1]))
    return np.array(path)


def momentum_forgetting_velocity(grad_fn, start, lr, momentum, epochs):
    path = [np.array(start, dtype=float)]
    for _ in range(epochs):
        v = -lr * grad_fn(path[-1])  # v restarts from zero every step
        path.append(path[-1] + v)
    return np.array(path)


def momentum_wrong_shape(grad_fn, start, lr, momentum, epochs):
    return np.zeros((epochs + 1, 3))


@pytest.mark.parametrize("check,solution", [
    (check_input_gradient, input_gradient), (check_update_step, update_step),
    (check_gradient_descent, gradient_descent), (check_momentum_descent, momentum_descent)])
def test_reference_solutions_pass(check, solution):
    result = check(solution)
    assert result.passed, repr(result)
    assert "✅" in repr(result)


@pytest.mark.parametrize("check", [check_input_gradient, check_update_step,
                                   check_gradient_descent, check_momentum_descent])
def test_untouched_stub_and_crash_give_friendly_verdicts(check):
    result = check(stub)
    assert not result.passed and "stub" in result.message
    result = check(crashes)
    assert not result.passed and "KeyError" in result.message
    result = check("not a function")
    assert not result.passed and "should be a function" in result.message


@pytest.mark.parametrize("check,answer,words", [
    (check_input_gradient, input_gradient_of_weights, "that is ∂L/∂w"),
    (check_input_gradient, input_gradient_without_sigma_prime,
     "slope ∂a/∂z = σ′(z) = a·(1 − a) is missing"),
    (check_input_gradient, input_gradient_with_flipped_sign, "sign is flipped"),
    (check_input_gradient, input_gradient_with_sigma_not_slope, "not σ(z) = a"),
    (check_input_gradient, input_gradient_summed, "one entry per input"),
    (check_update_step, update_forgetting_b, "bias did not move"),
    (check_update_step, update_uphill, "uphill"),
    (check_update_step, update_one_thing, "two things"),
    (check_gradient_descent, descent_final_point_only, "one point"),
    (check_gradient_descent, descent_uphill, "uphill"),
    (check_momentum_descent, momentum_forgetting_velocity, "plain gradient descent"),
    (check_momentum_descent, momentum_wrong_shape, "shape"),
])
def test_wrong_answers_fail_with_a_precise_message(check, answer, words):
    result = check(answer)
    assert not result.passed
    assert words in result.message + result.hint


def test_gradient_descent_expected_path_is_the_closed_form():
    # θ_k = (1 − lr·λ)^k θ_0 per coordinate on the bowl ½(θ₁² + 10θ₂²): a wrong power fails
    def off_by_one(grad_fn, start, lr, epochs):
        k = np.arange(epochs + 1)[:, None]
        return np.array(start) * (1 - lr * np.array([1.0, 10.0])) ** (k + 1)
    assert not check_gradient_descent(off_by_one).passed

    def closed_form(grad_fn, start, lr, epochs):
        k = np.arange(epochs + 1)[:, None]
        return np.array(start) * (1 - lr * np.array([1.0, 10.0])) ** k
    assert check_gradient_descent(closed_form).passed


def test_input_gradient_expected_numbers_match_01s_graph_and_a_finite_difference():
    # Independent referee: the centred difference of L in x, and 01's dL/dx1 = −0.01057542.
    x, w, b, t = np.array([1.0, 2.0, 3.0]), np.array([0.2, 0.5, -0.1]), 0.1, 1.0

    def loss(u):
        return 0.5 * (t - sigmoid(np.dot(w, u) + b)) ** 2
    eps = 1e-6
    numeric = np.array([(loss(x + eps * e) - loss(x - eps * e)) / (2 * eps) for e in np.eye(3)])
    assert np.allclose(input_gradient(x, w, b, t), numeric, rtol=1e-7, atol=1e-12)
    assert abs(numeric[0] - (-0.01057542)) < 1e-8
    assert "−0.01057542" in check_input_gradient(input_gradient).message
