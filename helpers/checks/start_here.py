"""Check for the warm-up exercise of 00_start_here: ``predict(x, w, b)`` returns w·x + b."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import CheckResult, check_cases, exercise_check

__all__ = ["check_predict"]

# (x, w, b) → expected w·x + b; the last case is a whole array of inputs at once.
_PREDICT_CASES = [
    ((2.0, 1.5, 0.5), 3.5),
    ((-1.0, 0.5, 2.0), 1.5),
    ((0.0, 3.0, -0.25), -0.25),
    ((np.array([-1.5, -0.5, 0.5, 1.0, 2.0]), 1.5, 0.5),
     np.array([-1.75, -0.25, 1.25, 2.0, 3.5])),
]


@exercise_check
def check_predict(predict) -> CheckResult:
    """Check ``predict(x, w, b)`` against w·x + b on numbers and on an array of x.
    Introduced in 00_start_here."""
    return check_cases(
        predict, _PREDICT_CASES, name="predict",
        hint="The line is a = w·x + b: multiply x by w, then add b. Written with * and + "
             "(no loop), it works for a single number and for a numpy array alike.",
        success="predict(x, w, b) = w·x + b, for single numbers and for an array of x.")
