"""Checks for the exercises of 04_backward_pass: the neuron's gradient by the chain rule, and
one update step of w and b. Expected values are the seed's numbers, computed here with plain
math (not with helpers.neuron), plus a second example so a hard-coded answer cannot pass."""

from __future__ import annotations

import math

import numpy as np

from helpers.checks._core import call_safely, compare_numbers, correct, exercise_check, not_yet

__all__ = ["check_neuron_gradient", "check_update_step"]

# (x, w, b, t): the seed example first, then one with a negative input and target 0.
_CASES = (
    ((1.0, 2.0, 3.0), (0.2, 0.5, -0.1), 0.1, 1.0),
    ((0.5, -1.0, 2.0), (1.5, 0.3, -0.4), -0.2, 0.0),
)


def _factors(x, w, b, t):
    """dL/da, da/dz and a for one sigmoid neuron, by hand."""
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    a = 1.0 / (1.0 + math.exp(-z))
    return -(t - a), a * (1.0 - a), a


def _numbers(value):
    """value as a float array, or None if it is not numbers (the compare reports that)."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _call_for_two(function, args, name, what):
    """Call the learner's function safely; return (its two results, None) or (None, failure)."""
    got, failure = call_safely(function, *args, name=name)
    if failure is not None:
        return None, failure
    if isinstance(got, tuple | list) and len(got) == 2:
        return got, None
    return None, not_yet(
        f"{name} should return two things, {what}; got {type(got).__name__}"
        + (f" of length {len(got)}" if isinstance(got, tuple | list) else "") + ".",
        f"End with `return {what.strip('()')}`.")


def _diagnose_gradient(got_w, dL_da, da_dz, a, x):
    x = np.asarray(x)
    got_w = _numbers(got_w)
    if got_w is None or got_w.shape != x.shape:
        return "dL_dw has one entry per weight: (∂L/∂a · ∂a/∂z) times the array x."
    if np.allclose(got_w, dL_da * x):
        return "∂a/∂z is missing: multiply by σ'(z) = a·(1 − a)."
    if np.allclose(got_w, -dL_da * da_dz * x):
        return "the sign is flipped: ∂L/∂a = −(t − a) = a − t."
    if np.allclose(got_w, dL_da * a * x):
        return "∂a/∂z is σ'(z) = a·(1 − a), not σ(z) = a."
    return "compute ∂L/∂a = −(t − a), ∂a/∂z = a·(1 − a) and ∂z/∂w = x, then multiply them."


@exercise_check
def check_neuron_gradient(neuron_gradient) -> object:
    """Check ``neuron_gradient(x, w, b, t) -> (dL_dw, dL_db)`` for the sigmoid neuron.

    Introduced in 04_backward_pass.
    """
    for x, w, b, t in _CASES:
        dL_da, da_dz, a = _factors(x, w, b, t)
        expected_w = [dL_da * da_dz * xi for xi in x]
        args = (np.array(x), np.array(w), b, t)
        got, failure = _call_for_two(neuron_gradient, args, "neuron_gradient", "(dL_dw, dL_db)")
        if failure is not None:
            return failure
        got_w, got_b = got
        call = f"neuron_gradient(x={list(x)}, w={list(w)}, b={b}, t={t})"
        hint = _diagnose_gradient(got_w, dL_da, da_dz, a, x)
        mismatch = compare_numbers(got_w, expected_w, what=f"dL_dw from {call}", hint=hint)
        if mismatch is not None:
            return mismatch
        mismatch = compare_numbers(got_b, dL_da * da_dz, what=f"dL_db from {call}",
                                   hint="∂z/∂b = 1, so ∂L/∂b = ∂L/∂a · ∂a/∂z (no x).")
        if mismatch is not None:
            return mismatch
    return correct("your chain rule gives the seed's gradient "
                   "[−0.05287709, −0.10575419, −0.15863128] and ∂L/∂b = −0.05287709.")


@exercise_check
def check_update_step(update_step) -> object:
    """Check ``update_step(w, b, dL_dw, dL_db, lr) -> (new_w, new_b)``.

    Introduced in 04_backward_pass.
    """
    seed_w, seed_b, lr = (0.2, 0.5, -0.1), 0.1, 0.01
    dL_da, da_dz, _ = _factors((1.0, 2.0, 3.0), seed_w, seed_b, 1.0)
    seed_g = [dL_da * da_dz * xi for xi in (1.0, 2.0, 3.0)]
    cases = (
        (seed_w, seed_b, seed_g, dL_da * da_dz, lr),
        ((1.0, -2.0, 0.5), -0.3, (0.4, -0.2, 1.0), 0.25, 0.5),
    )
    for w, b, g_w, g_b, rate in cases:
        args = (np.array(w), b, np.array(g_w), g_b, rate)
        got, failure = _call_for_two(update_step, args, "update_step", "(new_w, new_b)")
        if failure is not None:
            return failure
        got_w, got_b = got
        expected_w = [wi - rate * gi for wi, gi in zip(w, g_w, strict=True)]
        uphill = [wi + rate * gi for wi, gi in zip(w, g_w, strict=True)]
        got_w_numbers, got_b_numbers = _numbers(got_w), _numbers(got_b)
        hint = ("you stepped uphill: subtract lr × gradient (w − lr·dL_dw)."
                if got_w_numbers is not None and got_w_numbers.shape == (3,)
                and np.allclose(got_w_numbers, uphill)
                else "new_w = w − lr · dL_dw, entry by entry.")
        what = f"new_w for w={list(w)}, lr={rate}"
        mismatch = compare_numbers(got_w, expected_w, what=what, hint=hint)
        if mismatch is not None:
            return mismatch
        hint_b = "new_b = b − lr · dL_db (one number)."
        if got_b_numbers is not None and got_b_numbers.size == 1 and np.isclose(
                float(got_b_numbers.reshape(())), b):
            hint_b = "the bias did not move: the seed forgets it, but b learns too (b − lr·dL_db)."
        mismatch = compare_numbers(got_b, b - rate * g_b, what=f"new_b for b={b}, lr={rate}",
                                   hint=hint_b)
        if mismatch is not None:
            return mismatch
    return correct("one step takes the seed to w = [0.20052877, 0.50105754, −0.09841369] "
                   "and b = 0.10052877.")
