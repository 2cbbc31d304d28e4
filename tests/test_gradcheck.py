"""Finite-difference gradients, relative error and the verdicts, against known derivatives."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import gradcheck
from helpers.gradcheck import (
    GradientCheck,
    check_gradient,
    describe_agreement,
    describe_relative_error,
    epsilon_sweep,
    format_relative_error,
    numerical_gradient,
    relative_error,
)

FAST = settings(max_examples=40, deadline=None)


@FAST
@given(st.floats(-5, 5))
def test_numerical_gradient_of_known_scalar_functions(x):
    assert numerical_gradient(math.sin, x) == pytest.approx(math.cos(x), abs=1e-8)
    assert numerical_gradient(lambda u: u**3, x) == pytest.approx(3 * x**2, rel=1e-7, abs=1e-8)
    assert isinstance(numerical_gradient(math.exp, x), float)


@FAST
@given(st.lists(st.floats(-3, 3), min_size=1, max_size=6))
def test_numerical_gradient_of_array_functions(values):
    x = np.array(values)
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.sum(v**2) + v[0] * np.sum(v)), x)
    expected = 2 * x + x[0]
    expected[0] += np.sum(x)
    np.testing.assert_allclose(g, expected, rtol=1e-7, atol=1e-7)
    np.testing.assert_array_equal(x, before)  # x is never changed


def test_numerical_gradient_keeps_shape():
    A = np.arange(6.0).reshape(2, 3)
    g = numerical_gradient(lambda M: float((M * A).sum()), np.zeros((2, 3)))
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, A, atol=1e-8)


def test_relative_error_values():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 2.1)
    assert relative_error([1.0, 100.0], [1.0, 101.0]) == pytest.approx(1 / 201)
    assert relative_error(1e-12, 0.0) == pytest.approx(1e-12 / 1e-8)  # floor keeps noise small
    assert relative_error(1.0, -1.0) == 1.0


def test_verdicts():
    assert describe_relative_error(1e-9).startswith("< 5e-08: excellent")
    assert describe_relative_error(3e-7).startswith("3.0e-07: acceptable")
    assert "acceptable" in describe_relative_error(1e-5)
    assert "suspicious" in describe_relative_error(1e-3)
    assert "almost certainly wrong" in describe_relative_error(0.006)
    assert "almost certainly wrong" in describe_relative_error(math.inf)
    with pytest.raises(ValueError, match="err"):
        describe_relative_error(-1.0)


@pytest.mark.parametrize("cs231n_threshold", [1e-7, 1e-4, 1e-2])
def test_verdict_thresholds_are_cs231n_s_translated_to_our_denominator(cs231n_threshold):
    """cs231n: |a − b| / max(|a|, |b|). Ours: |a − b| / (|a| + |b|). Two gradients exactly at
    cs231n's threshold must sit (to 1 %) at ours, so a verdict means the same on both scales."""
    a = 0.3
    b = a * (1 - cs231n_threshold)
    assert abs(a - b) / max(abs(a), abs(b)) == pytest.approx(cs231n_threshold, rel=1e-6)
    ours = relative_error(a, b)
    assert ours == pytest.approx(cs231n_threshold / (2 - cs231n_threshold), rel=1e-6)
    limits = [gradcheck.ROUND_OFF_LEVEL] + [limit for limit, _ in gradcheck._VERDICTS[1:]]
    assert ours == pytest.approx(limits[[1e-7, 1e-4, 1e-2].index(cs231n_threshold)], rel=0.01)


def test_round_off_level_errors_print_the_same_whatever_their_digits():
    """Errors below 5e-8 are finite-difference noise whose digits vary between CPUs."""
    assert {format_relative_error(e) for e in (0.0, 1.4e-8, 2.8e-8, 4.9e-8)} == {"< 5e-08"}
    assert format_relative_error(0.31) == "3.1e-01"
    assert format_relative_error(math.inf) == "inf"
    with pytest.raises(ValueError, match="err"):
        format_relative_error(-1e-3)


def test_describe_agreement_hides_round_off_but_shows_real_differences():
    a = np.array([[0.1, 0.2], [0.3, 0.4]])
    assert describe_agreement(a, a + 3e-18).startswith("agree to round-off")
    assert describe_agreement(a, a) == describe_agreement(a, a + 2e-19)
    text = describe_agreement(a, a + np.array([[0, 0], [0, 3.1e-3]]))
    assert text.startswith("differ") and "3.1e-03" in text
    with pytest.raises(ValueError, match="b"):
        describe_agreement(a, a[0])


def test_check_gradient_right_and_wrong():
    x = np.array([0.3, -1.2])

    def f(v):
        return float(np.sum(np.tanh(v)))

    good = check_gradient(f, 1 - np.tanh(x) ** 2, x)
    assert isinstance(good, GradientCheck)
    assert good.relative_error < 1e-7 and "excellent" in good.verdict
    bad = check_gradient(f, 1 - np.tanh(x), x)  # forgot the square
    assert bad.relative_error > 1e-2 and "wrong" in bad.verdict
    scalar = check_gradient(math.exp, math.exp(0.5), 0.5)
    assert isinstance(scalar.analytic, float) and scalar.relative_error < 1e-7


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: numerical_gradient(3.0, 1.0), TypeError, "f"),
        (lambda: numerical_gradient(math.sin, "1"), TypeError, "x"),
        (lambda: numerical_gradient(math.sin, 1.0, eps=0.0), ValueError, "eps"),
        (lambda: numerical_gradient(lambda v: v, np.ones(2)), ValueError, "f must return"),
        (lambda: numerical_gradient(lambda v: math.nan, 1.0), ValueError, "f must return"),
        (lambda: relative_error([1.0], [1.0, 2.0]), ValueError, "b has shape"),
        (lambda: check_gradient(math.sin, [1.0, 2.0], 1.0), ValueError, "analytic"),
    ],
)
def test_gradcheck_validation(call, error, needle):
    with pytest.raises(error) as info:
        call()
    assert needle in str(info.value)


def test_epsilon_sweep_against_hand_differences():
    # f(x) = x0³ + sin(x1): gradient (3·x0², cos x1), computed here by hand.
    def f(x):
        return x[0] ** 3 + np.sin(x[1])

    x = np.array([0.7, -0.4])
    right = np.array([3 * 0.7**2, np.cos(-0.4)])
    wrong = right * [1.0, 0.5]
    eps = np.array([1e-10, 1e-6, 1e-3, 1e-1])  # ascending, as on the explorer's slider
    sweep = epsilon_sweep(f, x, [right, wrong], eps)
    for i, e in enumerate(eps):
        by_hand = [(f(x + [e, 0]) - f(x - [e, 0])) / (2 * e),
                   (f(x + [0, e]) - f(x - [0, e])) / (2 * e)]
        np.testing.assert_allclose(sweep.numerical[i], by_hand, rtol=1e-12)
        diff = np.abs(right - by_hand) / np.maximum(np.abs(right) + np.abs(by_hand), 1e-8)
        assert sweep.errors[0, i] == pytest.approx(diff.max(), rel=1e-9)
    # truncation shrinks ε² for large ε; a wrong formula stays wrong at every ε
    assert sweep.errors[0, 3] / sweep.errors[0, 2] == pytest.approx(1e4, rel=0.05)
    assert np.all(sweep.errors[1] > 0.1)
    assert sweep.best_eps in (1e-3, 1e-6)
    assert sweep.truncation_scale == pytest.approx(sweep.errors[0, 3] / 1e-2)
    def not_called(_x):
        raise AssertionError("recomputed a difference the sweep holds")

    np.testing.assert_array_equal(sweep.numerical_at(not_called, x, 1e-6), sweep.numerical[1])
    np.testing.assert_allclose(sweep.numerical_at(f, x, 2e-4), right, rtol=1e-6)
