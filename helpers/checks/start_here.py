"""Checks for the warm-up exercises of 00_start_here: ``predict(x, w, b)`` returns w·x + b, and
where the loss bowl's lowest point sits for two values of b (read off the explorer)."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import (
    CheckResult,
    call_safely,
    check_cases,
    correct,
    exercise_check,
    not_yet,
)
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["LINE_POINTS_T", "LINE_POINTS_X", "bowl_lowest_w", "check_bowl_minimum",
           "check_predict"]

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


# The five points of the fit-a-line explorer, written out (a test compares with the widget's).
LINE_POINTS_X = (-1.5, -0.5, 0.5, 1.0, 2.0)
LINE_POINTS_T = (-1.75, -0.25, 1.25, 2.0, 3.5)


def bowl_lowest_w(b: float) -> float:
    """The w at the bottom of the loss bowl ½·mean((t − (w·x + b))²) with b held fixed:
    setting the slope in w to 0 gives w = Σx(t − b) / Σx². Introduced in 00_start_here."""
    sxx = sum(x * x for x in LINE_POINTS_X)
    return sum(x * (t - b) for x, t in zip(LINE_POINTS_X, LINE_POINTS_T, strict=True)) / sxx


@exercise_check
def check_bowl_minimum(bowl_minimum) -> CheckResult:
    """Check ``bowl_minimum() -> (w at b = 0, w at b = 1)``: the w the learner read off the
    explorer at the bowl's lowest point (within about one slider notch). In 00_start_here."""
    given, failure = call_safely(bowl_minimum, name="bowl_minimum")
    if failure is not None:
        return failure
    if not isinstance(given, tuple | list) or len(given) != 2:
        return not_yet(f"bowl_minimum() should return two numbers (w at b = 0, w at b = 1), "
                       f"got {type(given).__name__}.", "End with `return 1.23, 4.56` (your "
                       "two readings).")
    try:
        got = [float(v) for v in given]
    except (TypeError, ValueError):
        return not_yet("give two numbers: the w you read at b = 0 and at b = 1.")
    want = [bowl_lowest_w(0.0), bowl_lowest_w(1.0)]
    tolerance = 0.06  # about one notch of the w slider (0.05) plus reading error
    ok = [abs(g - w) <= tolerance for g, w in zip(got, want, strict=True)]
    if all(ok):
        return correct(f"the bowl's bottom sits at w ≈ {want[0]:.2f} for b = 0 and w ≈ "
                       f"{want[1]:.2f} for b = 1: the best w depends on b. One knob's best "
                       "value moves when another knob moves.")
    if abs(got[0] - want[1]) <= tolerance and abs(got[1] - want[0]) <= tolerance:
        return not_yet("the two answers are swapped.", "w_at_b0 is for b = 0, w_at_b1 for "
                                                       "b = 1.")
    if abs(got[0] - got[1]) < 0.03:
        return not_yet(f"you gave the same w for both ({got[0]:.2f}).",
                       "Set b = 1 and watch the grey curve: its lowest point moves sideways.")
    if any(abs(g - 1.5) < 0.03 for g in got):
        return not_yet("w = 1.5 is the best line overall (with b = 0.5); with b held at 0 or "
                       "at 1 the bowl's bottom is somewhere else.",
                       "Put b exactly at 0 (then at 1) and look for the lowest point of the "
                       "grey curve on the right.")
    wrong = "b = 0" if not ok[0] else "b = 1"
    return not_yet(f"your w for {wrong} is not at the bottom of the bowl.",
                   "Move w until the dot sits at the lowest point of the grey curve.")


register_hints(
    "predict",
    "The line's height at x is its slope times x, plus its height at x = 0.",
    "Return w * x + b: numpy multiplies and adds whole arrays entry by entry.",
)
register_hints(
    "bowl_minimum",
    "The right-hand panel is the loss for every w, with b fixed at the slider's value.",
    "Set b = 0, then drag w until the dot is at the lowest point of the grey curve; read w. "
    "Repeat with b = 1.",
)
register_self_check(
    "start_here",
    Question("You dragged sliders until an explorer is in a strange state. What now?",
             ("re-run the whole notebook", "press Reset", "restart Jupyter"),
             1, ("That works but is slow; every explorer has a Reset button.",
                 "Right: Reset puts every control back to where it started.",
                 "No need: Reset puts every control back.")),
    Question("The loss is at the bottom of the bowl for b = 0. You change b. Is w still best?",
             ("yes, w and b are independent", "not in general: the bowl's lowest w moves "
              "with b", "only if the loss is 0"),
             1, ("Not here: in Exercise 2 the bottom of the bowl moves when you change b.",
                 "Right: that is why we want the slope for every knob at once — the "
                 "gradient.", "The bowl moves whatever the loss is.")),
    Question("A check cell says ❌ and you have no idea. What is the gentlest next step?",
             ('run hint("name")', 'run show_solution("name")', "skip the exercise"),
             0, ("Right: hint tier 1 points at the idea; ask for tier 2 only if needed.",
                 "That gives the whole answer away; keep it for the very end.",
                 "The exercises are where the ideas stick: try a hint first.")),
)
