"""Checks for the exercises of 01_chain_rule: the chain rule for F(x) = sin(x²), and the local
derivatives of a multiplication node."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import (
    CheckResult,
    call_safely,
    check_cases,
    compare_numbers,
    correct,
    exercise_check,
    not_yet,
)
from helpers.gradcheck import numerical_gradient

__all__ = ["check_dF_dx", "check_mul_local_grads"]

_XS = (-2.0, -0.7, 0.0, 0.5, 1.3, 2.2)

_DF_DX_HINT = ("Chain rule: dF/dx = dg/dh · dh/dx with h = x² and g(h) = sin(h). Work out "
               "each factor on its own; dg/dh is evaluated at the inner value h = x².")

# Common slips, recognised so the hint can say exactly which factor is off.
_SLIPS = (
    (lambda x: np.cos(x**2), "you have dg/dh = cos(x²) but not the inner factor dh/dx = 2x."),
    (lambda x: 2 * x * np.cos(x), "the outer derivative must be evaluated at h = x², "
                                   "i.e. cos(x²), not cos(x)."),
    (lambda x: -2 * x * np.cos(x**2), "the sign is off: the derivative of sin is +cos."),
    (lambda x: 2 * x * np.sin(x**2), "the derivative of sin(h) is cos(h), not sin(h)."),
)


@exercise_check
def check_dF_dx(dF_dx) -> CheckResult:
    """Check ``dF_dx(x)`` for F(x) = sin(x²) against a centred finite difference of F at
    several x. Introduced in 01_chain_rule."""
    for x in _XS:
        got, failure = call_safely(dF_dx, x, name="dF_dx", hint=_DF_DX_HINT)
        if failure is not None:
            return failure
        expected = numerical_gradient(lambda u: np.sin(u**2), x)
        mismatch = compare_numbers(got, expected, what=f"dF_dx({x})", hint=_DF_DX_HINT,
                                   rtol=1e-5, atol=1e-7)
        if mismatch is not None:
            return _explain_slip(dF_dx, mismatch)
    return correct("dF_dx matches the finite difference of F(x) = sin(x²) at "
                   f"{len(_XS)} points: cos(x²) · 2x.")


def _explain_slip(dF_dx, mismatch: CheckResult) -> CheckResult:
    for slip, explanation in _SLIPS:
        matches = True
        for x in _XS:
            got, failure = call_safely(dF_dx, x)
            if failure is not None or compare_numbers(got, slip(x), what="") is not None:
                matches = False
                break
        if matches:
            return not_yet(mismatch.message, f"Close: {explanation}")
    return mismatch


_MUL_HINT = ("For f = x·y, to get df/dx treat y as a constant: the derivative of "
             "(constant)·x is that constant. Return the pair (df/dx, df/dy).")


@exercise_check
def check_mul_local_grads(mul_local_grads) -> CheckResult:
    """Check ``mul_local_grads(x, y)`` returns (df/dx, df/dy) = (y, x) for f = x·y.
    Introduced in 01_chain_rule."""
    got, failure = call_safely(mul_local_grads, 3.0, -2.0, name="mul_local_grads",
                               hint=_MUL_HINT)
    if failure is not None:
        return failure
    if compare_numbers(got, (3.0, -2.0), what="") is None:
        return not_yet("mul_local_grads(3.0, -2.0) returned (3.0, -2.0) = (x, y): the two "
                       "derivatives are swapped.",
                       "df/dx is the *other* factor: for f = x·y, df/dx = y and df/dy = x.")
    return check_cases(
        mul_local_grads,
        [((3.0, -2.0), (-2.0, 3.0)), ((0.5, 4.0), (4.0, 0.5)), ((-1.5, 0.0), (0.0, -1.5))],
        name="mul_local_grads", hint=_MUL_HINT,
        success="for f = x·y, df/dx = y and df/dy = x: each input's local derivative is the "
                "other input's value.")
