"""The exercise checks of 02_activations and 03_forward_pass: they pass the reference answers
and say precisely what is off for wrong answers, the untouched stub, a wrong shape and a crash."""

import math

import numpy as np
import pytest

from helpers.checks import check_forward, check_sigmoid_derivative, check_tanh_derivative
from helpers.solutions import forward, sigmoid_derivative, tanh_derivative


def stub(*args):
    raise NotImplementedError("replace this line with your code")


def crashes(*args):
    return 1 / 0


def sig(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def assert_not_yet(result, *words):
    assert result.passed is False
    assert not bool(result)
    text = repr(result)
    assert text.startswith("❌ Not yet")
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


# --- sigmoid_derivative -------------------------------------------------------------------

def test_sigmoid_check_passes_the_reference_and_an_independent_answer():
    assert check_sigmoid_derivative(sigmoid_derivative).passed
    written_with_sigma = lambda z: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))  # noqa: E731
    assert check_sigmoid_derivative(written_with_sigma).passed
    assert "Correct" in repr(check_sigmoid_derivative(sigmoid_derivative))


@pytest.mark.parametrize("wrong, words", [
    (lambda z: z * (1 - z), ["z·(1 − z)"]),
    (lambda z: sig(z), ["σ(z) itself"]),
    (lambda z: -sig(z) * (1 - sig(z)), ["wrong sign"]),
    (lambda z: sig(z) * (1 - sig(z)) + 0.01, ["expected"]),
    (lambda z: sig(z) * (1 + sig(z)), ["a minus, not a plus"]),
    (lambda z: 1 - sig(z) ** 2, ["tanh's pattern"]),
])
def test_sigmoid_check_fails_a_wrong_answer_and_says_what(wrong, words):
    assert_not_yet(check_sigmoid_derivative(wrong), *words)


def test_sigmoid_check_fails_the_unsimplified_chain_rule_form_in_the_tails():
    # Right for moderate z, but e^800 overflows: the exercise asks for the form with σ(z).
    with_numpy = lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2  # noqa: E731
    assert_not_yet(check_sigmoid_derivative(with_numpy), "[−800, 800]", "overflows")
    with_math = np.vectorize(lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2)
    assert_not_yet(check_sigmoid_derivative(with_math), "OverflowError", "sigmoid(z) alone")


def test_sigmoid_check_fails_stub_shape_and_crash():
    assert_not_yet(check_sigmoid_derivative(stub), "untouched stub")
    assert_not_yet(check_sigmoid_derivative(lambda z: np.full(3, 0.25)), "shape")
    assert_not_yet(check_sigmoid_derivative(crashes), "ZeroDivisionError")
    assert_not_yet(check_sigmoid_derivative(lambda z: None), "None")
    assert_not_yet(check_sigmoid_derivative(0.25), "should be a function")


def test_sigmoid_check_needs_elementwise_arrays():
    only_numbers = lambda z: sig(float(z)) * (1 - sig(float(z)))  # noqa: E731
    assert_not_yet(check_sigmoid_derivative(only_numbers))


def test_math_exp_or_math_tanh_on_an_array_is_told_to_use_numpy():
    # Right formulas, but math.* takes one number: the check names the fix, not a bare TypeError.
    with_math_exp = lambda z: (1 / (1 + math.exp(-z))) * (1 - 1 / (1 + math.exp(-z)))  # noqa: E731
    with_math_tanh = lambda z: 1 - math.tanh(z) ** 2  # noqa: E731
    assert with_math_exp(1.0) == pytest.approx(float(sig(1.0) * (1 - sig(1.0))))
    for check, answer in ((check_sigmoid_derivative, with_math_exp),
                          (check_tanh_derivative, with_math_tanh)):
        assert_not_yet(check(answer), "TypeError on an array", "use numpy (np.exp")
    # A TypeError on plain numbers is the learner's own bug, reported as it is.
    assert "use numpy" not in check_tanh_derivative(lambda z: z + "1").message


# --- tanh_derivative ----------------------------------------------------------------------

def test_tanh_check_passes_the_reference_and_an_independent_answer():
    assert check_tanh_derivative(tanh_derivative).passed
    assert check_tanh_derivative(lambda z: 1 / np.cosh(z) ** 2).passed
    from_sigmoid = lambda z: 4 * sig(2 * z) * (1 - sig(2 * z))  # noqa: E731 — the derivation
    assert check_tanh_derivative(from_sigmoid).passed


def test_tanh_is_a_stretched_sigmoid_as_02_says():
    z = np.linspace(-4, 4, 17)
    assert np.allclose(np.tanh(z), 2 * sig(2 * z) - 1, rtol=0, atol=1e-14)


@pytest.mark.parametrize("wrong, words", [
    (lambda z: 1 - np.asarray(z) ** 2, ["1 − z²"]),
    (lambda z: 1 - np.tanh(z), ["must be squared"]),
    (lambda z: np.tanh(z) * (1 - np.tanh(z)), ["sigmoid's pattern"]),
    # slips of the derivation from tanh(z) = 2σ(2z) − 1
    (lambda z: 2 * sig(2 * z) * (1 - sig(2 * z)), ["inner factor", "missing"]),
    (lambda z: 4 * sig(z) * (1 - sig(z)), ["inner value is 2z"]),
    (lambda z: -(1 - np.tanh(z) ** 2), ["wrong sign"]),
])
def test_tanh_check_fails_a_wrong_answer_and_says_what(wrong, words):
    assert_not_yet(check_tanh_derivative(wrong), *words)


def test_tanh_check_fails_stub_shape_and_crash():
    assert_not_yet(check_tanh_derivative(stub), "untouched stub")
    assert_not_yet(check_tanh_derivative(lambda z: np.ones((2, 2))), "shape")
    assert_not_yet(check_tanh_derivative(crashes), "ZeroDivisionError")


# --- forward ------------------------------------------------------------------------------

def test_forward_check_passes_the_reference_and_an_independent_answer():
    assert check_forward(forward).passed

    def loop(x, w, b):
        z = b
        for xi, wi in zip(x, w, strict=True):
            z += xi * wi
        return z, 1 / (1 + math.exp(-z))

    assert check_forward(loop).passed


def test_reference_forward_gives_the_seed_numbers():
    z, a = forward(np.array([1.0, 2.0, 3.0]), np.array([0.2, 0.5, -0.1]), 0.1)
    assert z == pytest.approx(1.0)
    assert a == pytest.approx(1 / (1 + math.exp(-1.0)))


@pytest.mark.parametrize("wrong, words", [
    (lambda x, w, b: (np.dot(w, x), sig(np.dot(w, x))), ["without the bias"]),
    (lambda x, w, b: (np.dot(w, x) + b, np.dot(w, x) + b), ["apply the sigmoid"]),
    (lambda x, w, b: (np.dot(w, x) - b, sig(np.dot(w, x) - b)), ["expected"]),
    (lambda x, w, b: np.dot(w, x) + b, ["two values"]),
    (lambda x, w, b: (np.dot(w, x) + b, sig(np.dot(w, x) + b), 0.0), ["two values"]),
])
def test_forward_check_fails_a_wrong_answer_and_says_what(wrong, words):
    assert_not_yet(check_forward(wrong), *words)


def test_forward_check_fails_stub_shape_and_crash():
    assert_not_yet(check_forward(stub), "untouched stub")
    assert_not_yet(check_forward(lambda x, w, b: (w * x + b, sig(w * x + b))), "shape",
                   "Sum the products")
    assert_not_yet(check_forward(crashes), "ZeroDivisionError")
    assert_not_yet(check_forward(lambda x, w, b: (1.0, 0.7310585786300049)), "expected")
