"""Check for the exercise of 03_forward_pass: one neuron's forward pass returning (z, a).

Introduced in 03_forward_pass. Expected values come from a plain-python sum and
``math.exp`` written here, independent of the course's own ``neuron_forward``.
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

__all__ = ["check_forward"]

# (x, w, b): the seed's neuron, then two more so a hard-coded answer cannot pass.
_CASES = (
    ([1.0, 2.0, 3.0], [0.2, 0.5, -0.1], 0.1),
    ([0.5, -1.0], [2.0, 1.5], -0.25),
    ([4.0, 0.0, -1.0, 2.0], [-0.5, 3.0, 1.0, 0.25], 0.0),
)
_HINT = "z = np.dot(w, x) + b, then a = sigmoid(z); finish with `return z, a`."


def _expected(x, w, b):
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    return z, 1.0 / (1.0 + math.exp(-z))


@exercise_check
def check_forward(function) -> CheckResult:
    """Check a learner's ``forward(x, w, b)`` returns ``(z, a)`` with z = w·x + b, a = σ(z).

    Introduced in 03_forward_pass. Called with numpy arrays for x and w and a float b.
    """
    for x, w, b in _CASES:
        got, failure = call_safely(function, np.array(x), np.array(w), b, name="forward",
                                   hint=_HINT)
        if failure is not None:
            return failure
        if not isinstance(got, tuple | list) or len(got) != 2:
            return not_yet(f"forward should return two values (z, a), but it returned "
                           f"one {type(got).__name__}.", _HINT)
        z_got, a_got = got
        z_want, a_want = _expected(x, w, b)
        where = f"for x={x}, w={w}, b={b}"
        mismatch = compare_numbers(z_got, z_want, what=f"z {where}", hint=_HINT)
        if mismatch is not None:
            z_no_bias = z_want - b
            if b != 0 and _close(z_got, z_no_bias):
                return not_yet(f"{mismatch.message} That is w·x without the bias.",
                               "add b after the weighted sum.")
            if np.ndim(z_got) == 1:
                return not_yet(f"{mismatch.message} Sum the products wᵢ·xᵢ into one number.",
                               "np.dot(w, x) multiplies and sums in one go.")
            return mismatch
        mismatch = compare_numbers(a_got, a_want, what=f"a {where}", hint=_HINT)
        if mismatch is not None:
            if _close(a_got, z_want):
                return not_yet(f"{mismatch.message} a equals z: apply the sigmoid to z.",
                               "a = sigmoid(z).")
            return mismatch
    return correct("z = w·x + b and a = σ(z); for the seed's neuron z = 1.0 and "
                   "a = 0.7310585786300049.")


def _close(got, want):
    try:
        return bool(np.allclose(np.asarray(got, dtype=float), want, rtol=1e-6, atol=1e-9))
    except (TypeError, ValueError):
        return False
