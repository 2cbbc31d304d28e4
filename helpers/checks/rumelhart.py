"""Exercise check of 08_rumelhart_1986: is a six-bit pattern symmetric about its centre?"""

from __future__ import annotations

import numpy as np

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet

_HINT = ("Compare the pattern with itself reversed (x[::-1]): it is symmetric when every "
         "position matches, i.e. x_i = x_{7−i} for i = 1…6.")


def _all_patterns() -> np.ndarray:
    # The 64 six-bit patterns, built here on their own so the check does not trust the helpers.
    return np.array([[(k >> (5 - i)) & 1 for i in range(6)] for k in range(64)])


@exercise_check
def check_is_symmetric(is_symmetric) -> CheckResult:
    """Run ``is_symmetric`` on all 64 patterns; it must return True for exactly the palindromes.

    Introduced in 08_rumelhart_1986.
    """
    wrong = []
    for x in _all_patterns():
        expected = all(x[i] == x[5 - i] for i in range(3))
        got, failure = call_safely(is_symmetric, x.copy(), name="is_symmetric", hint=_HINT)
        if failure is not None:
            return failure
        if got is None:
            return not_yet("is_symmetric returned None.", "Did you forget the `return`?")
        if np.ndim(got) != 0 or not isinstance(got, bool | np.bool_ | int | np.integer):
            return not_yet(f"is_symmetric({x.tolist()}) returned {got!r}; expected a single "
                           "True or False.", "Reduce the element-wise comparison with all(...).")
        if bool(got) != expected:
            wrong.append((x.tolist(), expected))
    if wrong:
        pattern, expected = wrong[0]
        return not_yet(f"{len(wrong)} of 64 patterns are wrong; e.g. is_symmetric({pattern}) "
                       f"should be {expected}.", _HINT)
    return correct("True for exactly the 8 palindromes among the 64 patterns.")
