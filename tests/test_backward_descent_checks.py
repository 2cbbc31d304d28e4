"""Checks of 04_backward_pass and 05_gradient_descent: pass the reference answers, and fail
with a precise message on a wrong answer, the untouched stub, a wrong shape and a crash."""

import numpy as np
import pytest

from helpers.checks import (
    check_gradient_descent,
    check_momentum_descent,
    check_neuron_gradient,
    check_update_step,
)
from helpers.solutions import gradient_descent, momentum_descent, neuron_gradient, update_step


def stub(*args):
    raise NotImplementedError("replace this line with your code")


def crashes(*args):
    return {}["oops"]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- wrong answers, written by hand ------------------------------------------------------

def gradient_without_sigma_prime(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    return -(t - a) * x, -(t - a)


def gradient_with_wrong_bias(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    g = -(t - a) * a * (1 - a)
    return g * x, g * np.sum(x)


def gradient_summed(x, w, b, t):
    a = sigmoid(np.dot(w, x) + b)
    g = -(t - a) * a * (1 - a)
    return np.sum(g * x), g


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
    (check_neuron_gradient, neuron_gradient), (check_update_step, update_step),
    (check_gradient_descent, gradient_descent), (check_momentum_descent, momentum_descent)])
def test_reference_solutions_pass(check, solution):
    result = check(solution)
    assert result.passed, repr(result)
    assert "✅" in repr(result)


@pytest.mark.parametrize("check", [check_neuron_gradient, check_update_step,
                                   check_gradient_descent, check_momentum_descent])
def test_untouched_stub_and_crash_give_friendly_verdicts(check):
    result = check(stub)
    assert not result.passed and "stub" in result.message
    result = check(crashes)
    assert not result.passed and "KeyError" in result.message
    result = check("not a function")
    assert not result.passed and "should be a function" in result.message


@pytest.mark.parametrize("check,answer,words", [
    (check_neuron_gradient, gradient_without_sigma_prime, "missing"),
    (check_neuron_gradient, gradient_with_wrong_bias, "dL_db"),
    (check_neuron_gradient, gradient_summed, "shape"),
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
