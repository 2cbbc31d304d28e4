"""The shared machinery of every exercise check: run the learner's code safely, compare,
and report *correct* or precisely what is off, with a hint. Introduced in 00_start_here."""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

# Self-study by default: a check returns its verdict, which the notebook shows.
_grading = False


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one exercise check; shows as one friendly line (plus a hint).

    Introduced in 00_start_here.
    """

    passed: bool
    message: str
    hint: str = ""

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if self.passed:
            return f"✅ Correct — {self.message}"
        text = f"❌ Not yet — {self.message}"
        return f"{text}\n💡 Hint: {self.hint}" if self.hint else text


def correct(message: str) -> CheckResult:
    """A passing verdict."""
    return CheckResult(True, message)


def not_yet(message: str, hint: str = "") -> CheckResult:
    """A failing verdict that says what is off and how to fix it."""
    return CheckResult(False, message, hint)


def call_safely(function: Any, *args: Any, name: str = "your function",
                hint: str = "") -> tuple[Any, CheckResult | None]:
    """Call the learner's function; return (result, None) or (None, a failing verdict).

    Never raises: an untouched stub, a typo or a crash becomes a precise message.
    """
    if not callable(function):
        return None, not_yet(f"{name} should be a function, but got {type(function).__name__}.",
                             "Pass the function itself (no parentheses after its name).")
    try:
        with np.errstate(all="ignore"):
            return function(*args), None
    except NotImplementedError:
        return None, not_yet(f"{name} is still the untouched stub (it raises "
                             "NotImplementedError).", _stub_hint(name, hint))
    except Exception as exc:  # the learner's bug, reported, never re-raised
        return None, not_yet(f"{name} raised {type(exc).__name__}: {exc}", hint)


def _stub_hint(name: str, hint: str) -> str:
    """What an untouched stub is told: where the tiered hints are, never the answer."""
    from helpers.checks.hints import _HINTS  # late: hints imports this module

    if name in _HINTS:
        return (f"Replace the `raise` line with your code. For a first nudge run "
                f'hint("{name}"); more tiers follow.')
    return hint or "Replace the `raise` line with your code."


def compare_numbers(got: Any, expected: Any, *, what: str, hint: str = "",
                    rtol: float = 1e-6, atol: float = 1e-9) -> CheckResult | None:
    """None when ``got`` matches ``expected`` (shape and values), else a failing verdict."""
    if got is None:
        return not_yet(f"{what} returned None.", "Did you forget the `return` statement?")
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return not_yet(f"{what} should be a number or an array of numbers, got "
                       f"{type(got).__name__}.", hint)
    expected_array = np.asarray(expected, dtype=float)
    if got_array.shape != expected_array.shape:
        return not_yet(f"{what} has shape {got_array.shape}, expected "
                       f"{expected_array.shape}.", hint)
    if not np.all(np.isfinite(got_array)):
        return not_yet(f"{what} contains NaN or infinity.", hint)
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        return not_yet(f"{what} is {_show(got_array)}, expected {_show(expected_array)}.", hint)
    return None


def _show(array: np.ndarray) -> str:
    """A number or array as a learner would write it (1.0, not numpy's '1.')."""
    try:
        array = np.asarray(array, dtype=float)
    except (TypeError, ValueError):
        return repr(array)
    if array.ndim == 0:
        return f"{float(array):.6g}"
    return np.array2string(array, separator=", ",
                           formatter={"float_kind": lambda value: f"{value:.6g}"})


def check_cases(function: Callable, cases, *, name: str, hint: str,
                success: str) -> CheckResult:
    """Run ``function`` on each ``(args, expected)`` case; first mismatch wins."""
    for args, expected in cases:
        got, failure = call_safely(function, *args, name=name, hint=hint)
        if failure is not None:
            return failure
        shown_args = ", ".join(_show(a) for a in args)
        mismatch = compare_numbers(got, expected, what=f"{name}({shown_args})", hint=hint)
        if mismatch is not None:
            return mismatch
    return correct(success)


def grading_mode(on: bool = True) -> None:
    """Switch every exercise check to graded use (nbgrader, otter-grader), or back with False.

    In grading mode a check that fails raises ``AssertionError`` carrying its usual message
    and hint (an autograder scores the cell 0 and shows that message as feedback); a check
    that passes returns None, so the cell shows nothing and earns full points; and nothing
    reaches stderr, not even a warning from the learner's code, because nbgrader scores a
    test cell with any stderr output 0. ``show_solution`` is off while it is on. The graded
    copies that ``make assignments`` builds switch it on in their setup cell.
    Introduced in 00_start_here (for teachers: README, "Teaching with this course").
    """
    global _grading
    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False, got {on!r}")
    _grading = on


def in_grading_mode() -> bool:
    """True after ``grading_mode()``: checks assert instead of returning a verdict.

    Introduced in 00_start_here (for teachers: README, "Teaching with this course")."""
    return _grading


def exercise_check(check: Callable[..., CheckResult]) -> Callable[..., CheckResult | None]:
    """Decorate a ``check_<exercise>`` so it also works as an autograder's test cell.

    Self-study: the check returns its :class:`CheckResult` unchanged. Grading mode (see
    :func:`grading_mode`): it returns None on a pass and raises ``AssertionError`` with the
    verdict's text on a miss, with stderr and warnings held back while it runs.
    """

    @functools.wraps(check)
    def run(*args: Any, **kwargs: Any) -> CheckResult | None:
        if not _grading:
            return check(*args, **kwargs)
        __tracebackhide__ = True  # pytest reports the message, not this frame
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            result = check(*args, **kwargs)
        if not result.passed:
            raise AssertionError(repr(result))
        return None

    return run
