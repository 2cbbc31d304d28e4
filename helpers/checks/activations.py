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
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["check_sigmoid_chain_factors", "check_sigmoid_derivative", "check_tanh_derivative"]

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
        hint="write the slope with the forward value s = σ(z); numpy arithmetic works elementwise.",
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
        hint="write the slope with the forward value a = tanh(z), as for the sigmoid.",
        success="tanh′(z) = 1 − tanh(z)²; tanh′(0) = 1, four times the sigmoid's best.")


@exercise_check
def check_sigmoid_chain_factors(function) -> CheckResult:
    """Check ``sigmoid_chain_factors(z) -> (dh_dz, dg_dh)`` for σ(z) = g(h(z)) with
    h(z) = 1 + e^−z and g(h) = 1/h: dh/dz = −e^−z and dg/dh = −1/h², at h = h(z).
    Introduced in 02_activations (01's chain rule applied to σ)."""
    for z in (0.0, 1.0, -2.0, 0.5):
        got, failure = call_safely(function, z, name="sigmoid_chain_factors")
        if failure is not None:
            return failure
        if not isinstance(got, tuple | list) or len(got) != 2:
            return not_yet(f"sigmoid_chain_factors({z:g}) should return two numbers "
                           f"(dh_dz, dg_dh), got {type(got).__name__}.",
                           "End with `return dh_dz, dg_dh`.")
        if not all(_is_numeric(v) and np.ndim(v) == 0 for v in got):
            return not_yet(f"sigmoid_chain_factors({z:g}) should return two numbers.")
        dh_dz, dg_dh = (float(v) for v in got)
        e = math.exp(-z)
        h = 1.0 + e
        if not math.isclose(dh_dz, -e, rel_tol=1e-6, abs_tol=1e-12):
            why = ("e^−z is e^u with the inner u = −z, whose slope is −1: the minus is missing."
                   if math.isclose(dh_dz, e, rel_tol=1e-6) else
                   "the 1 in h = 1 + e^−z is a constant (slope 0); differentiate e^−z with "
                   "01's chain rule (inner function −z).")
            return not_yet(f"dh_dz at z = {z:g} is {dh_dz:.6g}, expected {-e:.6g}.", why)
        if not math.isclose(dg_dh, -1.0 / h**2, rel_tol=1e-6, abs_tol=1e-12):
            if math.isclose(dg_dh, 1.0 / h**2, rel_tol=1e-6):
                why = "g(h) = h^−1 has slope −h^−2: the minus is missing."
            elif math.isclose(dg_dh, -1.0 / h, rel_tol=1e-6):
                why = "the power rule lowers the exponent: h^−1 becomes −h^−2, not −h^−1."
            elif z != 0 and math.isclose(dg_dh, -1.0 / z**2, rel_tol=1e-6):
                why = "evaluate the outer slope at the inner value h = 1 + e^−z, not at z."
            else:
                why = "g(h) = 1/h = h^−1; use the power rule, at h = 1 + e^−z."
            return not_yet(f"dg_dh at z = {z:g} is {dg_dh:.6g}, expected {-1 / h**2:.6g}.",
                           why)
    return correct("dh/dz = −e^−z and dg/dh = −1/h², so σ′(z) = e^−z/(1 + e^−z)² — "
                   "now turn it into σ(z)(1 − σ(z)) below.")


register_hints(
    "sigmoid_chain_factors",
    "σ is a function inside a function, like F(x) = g(h(x)) in 01: the inner one builds the "
    "denominator, the outer one takes 1 over it.",
    "h(z) = 1 + e^−z is itself a chain (e^u with u = −z). g(h) = 1/h = h^−1: the power rule.",
    "dh/dz = e^−z · (−1). dg/dh = −h^−2, evaluated at h = 1 + e^−z.",
)
register_hints(
    "sigmoid_derivative",
    "You know σ′ = e^−z/(1 + e^−z)²; the cheap form reuses the forward value σ(z).",
    "σ′(z) = σ(z)·(1 − σ(z)). Compute σ(z) once, with `sigmoid` from the setup.",
    "numpy applies * and − elementwise, so the same two lines work for a number and an array.",
)
register_hints(
    "tanh_derivative",
    "Like the sigmoid, tanh's slope is written with its own forward value a = tanh(z).",
    "tanh′(z) = 1 − tanh²(z): compute a = np.tanh(z) once.",
)
register_self_check(
    "activations",
    Question("σ′(z) for the sigmoid is largest where, and how large?",
             ("at z = 0, where it is exactly 0.25", "at z = 0, where it is 1",
              "far from 0, where σ is flat"),
             0, ("Right: σ′(0) = σ(0)(1 − σ(0)) = 0.5 · 0.5 = 0.25, and never more.",
                 "That is tanh′(0). The sigmoid's slope peaks at a quarter.",
                 "Flat means slope near 0: that is saturation, the smallest slope.")),
    Question("A gradient passes back through 10 sigmoid layers, each at its best z = 0 (weights "
             "1). What fraction reaches the first layer?",
             ("0.25 · 10 = 2.5", "0.25¹⁰ ≈ 1e−6", "all of it"),
             1, ("Slopes multiply along a chain, they don't add.",
                 "Right: one factor 0.25 per layer, 0.25¹⁰ ≈ 9.5e−7 — vanishing gradients.",
                 "Only a slope of exactly 1 (tanh at 0, an active ReLU) passes it whole.")),
    Question("tanh′(10) ≈ 8e−9 and relu′(−1) = 0. What is the difference?",
             ("none: both are zero", "tanh is saturated (tiny, not zero); the ReLU is dead "
              "(exactly zero)", "ReLU is saturated; tanh is dead"),
             1, ("8e−9 is tiny but not zero: a saturated unit still learns, very slowly.",
                 "Right: saturation shrinks the gradient; a dead ReLU passes nothing at all.",
                 "The other way round: a ReLU is flat at exactly 0 for z ≤ 0.")),
)
