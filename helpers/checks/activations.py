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
    u = math.exp(-abs(z))  # σ′ is even; e^−|z| never overflows
    return u / (1.0 + u) ** 2  # the chain rule's e^−z / (1 + e^−z)², written at −|z|


def _tanh_slope(z):
    return 1.0 / math.cosh(z) ** 2  # sech²(z)


def _check_derivative(function, *, name, slope, mistakes, hint, success) -> CheckResult:
    """Run ``function`` on every point; on a mismatch, name a known mistake if it fits."""
    for z in _POINTS:
        got, failure = call_safely(function, z, name=name, hint=hint)
        if failure is not None and np.ndim(z) and "raised TypeError" in failure.message:
            # math.exp / math.tanh take a single number: right on numbers, TypeError on arrays.
            return not_yet(f"{name} works on numbers but raised TypeError on an array: use "
                           "numpy (np.exp, np.tanh) so it works on arrays — math.exp and "
                           "math.tanh take a single number only.", hint)
        if failure is not None:
            return failure
        expected = _elementwise(slope, z)
        shown = np.array2string(np.asarray(z), precision=2)
        mismatch = compare_numbers(got, expected, what=f"{name}({shown})", hint=hint)
        if mismatch is None:
            continue
        for mistake, message in mistakes:
            if _matches_everywhere(function, mistake):  # not by chance at one z
                return not_yet(f"{mismatch.message} {message}", hint)
        return mismatch
    return correct(success)


def _matches_everywhere(function, mistake) -> bool:
    """Whether ``function`` gives ``mistake``'s numbers at every point of _POINTS."""
    for z in _POINTS:
        got, failure = call_safely(function, z)
        if failure is not None or not _is_numeric(got):
            return False
        wrong = _elementwise(mistake, z)
        got = np.asarray(got, dtype=float)
        if got.shape != np.shape(wrong) or not np.allclose(got, wrong, rtol=1e-6, atol=1e-9):
            return False
    return True


def _is_numeric(value):
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


# Far out in the tails e^±z overflows float64 (e^800 = inf): only a slope written with σ(z)
# itself gives the right (tiny) number there.
_TAILS = (np.array([-800.0, 800.0]),)


def _check_tails(function, name, slope):
    """None if ``function`` is right far out in the tails, else a failing verdict."""
    for z in _TAILS:
        got, failure = call_safely(function, z, name=name)
        values = np.asarray(got, dtype=float) if failure is None and _is_numeric(got) else None
        if (failure is not None or values is None or values.shape != z.shape
                or not np.allclose(values, _elementwise(slope, z), rtol=1e-6, atol=1e-300)):
            return not_yet(f"{name}([−800, 800]) should be two tiny slopes (≈ 0), got "
                           + (failure.message if failure is not None else repr(got)) + ".",
                           "e^800 overflows to inf, and inf/inf is nan: a formula with e^−z in it "
                           "breaks in the tails. Write the slope with s = sigmoid(z) alone, which "
                           "stays between 0 and 1 for every z.")
    return None


@exercise_check
def check_sigmoid_derivative(function) -> CheckResult:
    """Check a learner's ``sigmoid_derivative(z)`` against σ′(z) = e^−z / (1 + e^−z)², and that
    it stays right at z = ±800, where only the form written with σ(z) does not overflow.

    Introduced in 02_activations. Tries numbers and an array (it must work elementwise).
    """
    mistakes = [
        (lambda z: z * (1 - z), "It looks like z·(1 − z): use σ(z) in place of z."),
        (_sigmoid, "That is σ(z) itself, not its slope."),
        (lambda z: -_sigmoid_slope(z), "Right size, wrong sign."),
        (lambda z: _sigmoid(z) * (1 + _sigmoid(z)),
         "σ·(1 + σ): check 1 − σ(z) = (1 + e^−z − 1)/(1 + e^−z) — a minus, not a plus."),
        (lambda z: (1 - _sigmoid(z)) ** 2,
         "(1 − σ)²: one of the two fractions is σ(z) itself, the other is 1 − σ(z)."),
        (lambda z: 1 - _sigmoid(z) ** 2, "1 − σ² is tanh's pattern; the two fractions of "
                                         "e^−z/(1 + e^−z)² are σ(z) and 1 − σ(z)."),
    ]
    hint = ("split e^−z/(1 + e^−z)² into two fractions and recognise each one with "
            "s = σ(z); numpy arithmetic works elementwise.")
    result = _check_derivative(
        function, name="sigmoid_derivative", slope=_sigmoid_slope, mistakes=mistakes,
        hint=hint, success="")
    if not result.passed:
        return result
    tails = _check_tails(function, "sigmoid_derivative", _sigmoid_slope)
    if tails is not None:
        return tails
    return correct("σ′(z) = σ(z)(1 − σ(z)) for numbers, arrays and the far tails; "
                   "σ′(0) = 0.25, its maximum.")


def _s2(z):
    return _sigmoid(2.0 * z)  # σ(2z) = (1 + tanh z)/2


@exercise_check
def check_tanh_derivative(function) -> CheckResult:
    """Check a learner's ``tanh_derivative(z)`` against 1 − tanh(z)² = sech²(z), derived from
    tanh(z) = 2σ(2z) − 1. Introduced in 02_activations. Tries numbers and an array.
    """
    mistakes = [
        (lambda z: 2 * _s2(z) * (1 - _s2(z)),
         "That is 2σ′(2z): the chain rule's inner factor d(2z)/dz = 2 is missing."),
        (lambda z: 4 * _sigmoid(z) * (1 - _sigmoid(z)),
         "σ′ is evaluated at z, but the inner value is 2z: use σ(2z)."),
        (lambda z: 2 * _sigmoid(z) * (1 - _sigmoid(z)),
         "σ′ at z and without the inner factor 2: d/dz σ(2z) = σ′(2z)·2."),
        (lambda z: 1 - z**2, "It looks like 1 − z²: square tanh(z), not z."),
        (lambda z: 1 - math.tanh(z), "It looks like 1 − tanh(z): the tanh must be squared."),
        (lambda z: math.tanh(z) * (1 - math.tanh(z)),
         "That is the sigmoid's pattern a(1 − a); here σ(2z) = (1 + a)/2, not a."),
        (lambda z: -_tanh_slope(z), "Right size, wrong sign."),
    ]
    return _check_derivative(
        function, name="tanh_derivative", slope=_tanh_slope, mistakes=mistakes,
        hint="differentiate 2σ(2z) − 1 with the chain rule, then write it with a = tanh(z).",
        success="tanh′(z) = 4σ(2z)(1 − σ(2z)) = 1 − tanh(z)²; tanh′(0) = 1, four times the "
                "sigmoid's best.")


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
                   "now simplify it in Exercise 2.")


register_hints(
    "sigmoid_chain_factors",
    "σ is a function inside a function, like F(x) = g(h(x)) in 01: the inner one builds the "
    "denominator, the outer one takes 1 over it.",
    "h(z) = 1 + e^−z is itself a chain (e^u with u = −z). g(h) = 1/h = h^−1: the power rule.",
    "dh/dz = e^−z · (−1). dg/dh = −h^−2, evaluated at h = 1 + e^−z.",
)
register_hints(
    "sigmoid_derivative",
    "e^−z/(1 + e^−z)² is a product of two fractions with the same denominator 1 + e^−z. "
    "One of them you have met before.",
    "1/(1 + e^−z) is σ(z). For the other one, write 1 − σ(z) as a single fraction over "
    "1 + e^−z and compare.",
    "σ′(z) = σ(z)·(1 − σ(z)): s = sigmoid(z), then return s * (1 - s) — elementwise for arrays.",
)
register_hints(
    "tanh_derivative",
    "tanh(z) = 2σ(2z) − 1 is a sigmoid with an inner function, u = 2z: 01's chain rule again, "
    "and your σ′ from Exercise 2 as the outer slope.",
    "d/dz [2σ(2z) − 1] = 2 · σ′(2z) · 2, with σ′(u) = σ(u)(1 − σ(u)). To write it with "
    "a = tanh(z), solve a = 2σ(2z) − 1 for σ(2z).",
    "σ(2z) = (1 + a)/2 and 1 − σ(2z) = (1 − a)/2, so tanh′(z) = 4·(1 + a)/2·(1 − a)/2 = 1 − a², "
    "with a = np.tanh(z).",
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
