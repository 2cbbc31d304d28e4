"""Checks for the exercises of 02_activations: the derivatives of sigmoid and tanh.

Introduced in 02_activations. Expected values come from plain ``math`` formulas written
here, not from the course's own implementation, so the check is an independent referee.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.checks._core import (
    CheckResult,
    call_safely,
    compare_numbers,
    correct,
    exercise_check,
    not_yet,
)

__all__ = ["check_sigmoid_derivative", "check_tanh_derivative"]

# Numbers and an array: a derivative must work elementwise on both.
_POINTS = (0.0, 1.0, -2.0, np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))


def _elementwise(formula, z):
    return np.vectorize(formula, otypes=[float])(z) if np.ndim(z) else formula(float(z))


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def _sigmoid_slope(z):
    return math.exp(-z) / (1.0 + math.exp(-z)) ** 2  # the quotient rule on 1/(1 + e^−z)


def _tanh_slope(z):
    return 1.0 / math.cosh(z) ** 2  # sech²(z)


def _check_derivative(function, *, name, slope, mistakes, hint, success) -> CheckResult:
    """Run ``function`` on every point; on a mismatch, name a known mistake if it fits."""
    for z in _POINTS:
        got, failure = call_safely(function, z, name=name, hint=hint)
        if failure is not None:
            return failure
        expected = _elementwise(slope, z)
        shown = np.array2string(np.asarray(z), precision=2)
        mismatch = compare_numbers(got, expected, what=f"{name}({shown})", hint=hint)
        if mismatch is None:
            continue
        got_array = np.asarray(got, dtype=float) if _is_numeric(got) else None
        for mistake, message in mistakes:
            wrong = _elementwise(mistake, z)
            if got_array is not None and got_array.shape == np.shape(wrong) and np.allclose(
                    got_array, wrong, rtol=1e-6, atol=1e-9):
                return not_yet(f"{mismatch.message} {message}", hint)
        return mismatch
    return correct(success)


def _is_numeric(value):
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


@exercise_check
def check_sigmoid_derivative(function) -> CheckResult:
    """Check a learner's ``sigmoid_derivative(z)`` against σ′(z) = e^−z / (1 + e^−z)².

    Introduced in 02_activations. Tries numbers and an array (it must work elementwise).
    """
    mistakes = [
        (lambda z: z * (1 - z), "It looks like z·(1 − z): use σ(z) in place of z."),
        (_sigmoid, "That is σ(z) itself, not its slope."),
        (lambda z: -_sigmoid_slope(z), "Right size, wrong sign."),
    ]
    return _check_derivative(
        function, name="sigmoid_derivative", slope=_sigmoid_slope, mistakes=mistakes,
        hint="compute s = sigmoid(z) first, then return s * (1 - s).",
        success="σ′(z) = σ(z)(1 − σ(z)) for numbers and arrays; σ′(0) = 0.25, its maximum.")


@exercise_check
def check_tanh_derivative(function) -> CheckResult:
    """Check a learner's ``tanh_derivative(z)`` against 1 − tanh(z)² = sech²(z).

    Introduced in 02_activations. Tries numbers and an array (it must work elementwise).
    """
    mistakes = [
        (lambda z: 1 - z**2, "It looks like 1 − z²: square tanh(z), not z."),
        (lambda z: 1 - math.tanh(z), "It looks like 1 − tanh(z): the tanh must be squared."),
        (lambda z: math.tanh(z) * (1 - math.tanh(z)),
         "That is the sigmoid's pattern a(1 − a); tanh's is 1 − a²."),
    ]
    return _check_derivative(
        function, name="tanh_derivative", slope=_tanh_slope, mistakes=mistakes,
        hint="compute a = np.tanh(z) first, then return 1 - a**2.",
        success="tanh′(z) = 1 − tanh(z)²; tanh′(0) = 1, four times the sigmoid's best.")
