"""Exercise check of 08_rumelhart_1986: hand-set weights that detect palindromes.

Introduced in 08_rumelhart_1986. The learner's weights are run on all 64 six-bit patterns
(built here on their own, so the check does not trust the helpers' data) and every output
must be on the right side of 0.5.
"""

from __future__ import annotations

import numpy as np

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["check_hand_set_weights"]

HINT = 'Use section 4\'s argument for every pattern; hint("hand_set_weights") gives more.'
SHAPES = {"W1": (2, 6), "b1": (2,), "W2": (1, 2), "b2": (1,)}

register_hints(
    "hand_set_weights",
    "Start from section 4: what must z of a hidden unit be for a palindrome, and how far from "
    "that must it be for any other pattern?",
    "Hidden unit 1: mirror weights opposite (w₆ = −w₁, …) with pair sizes in the ratio "
    "1 : 2 : 4, so a palindrome gives z = b exactly and any other pattern is at least one "
    "pair size away. Unit 2: the same weights, all signs flipped. A negative hidden bias of "
    "half the smallest pair size keeps both units off only for palindromes.",
    "Output: large negative weights from both hidden units and a positive bias, so it is on "
    "only when both hidden units are off. Sizes: pair weights 5, 10, 20; hidden biases −2.5; "
    "output weights −10 and bias +5 work.",
)

register_self_check(
    "rumelhart",
    Question("15 of 20 runs learned within 6,000 sweeps; 5 did not. Which summary is honest?",
             ("The median of all 20, counting the 5 as '> 6,000'",
              "The median of the 15 that learned", "The fastest run"),
             0,
             ("Right: leaving out the failures makes the method look faster than it is.",
              "That drops the hardest runs and biases the number down (1,874 vs 2,545 here).",
              "One lucky draw says little about the method.")),
    Question("With ε = 0.1 and α = 0.9, how large is a step on a long straight slope?",
             ("About ε/(1 − α) = 1 times the gradient", "ε = 0.1 times the gradient",
              "α = 0.9 times the gradient"),
             0,
             ("Right: the velocity builds up to ε/(1 − α); momentum is a larger effective step.",
              "That is the first step only; momentum adds up the following ones.",
              "α is the fraction of the velocity kept, not a step size.")),
    Question("Why do the pair weights need sizes like 1 : 2 : 4 rather than 1 : 1 : 2?",
             ("So that no mix of ± pair weights adds up to zero for a non-palindrome",
              "So that training is faster", "Because the inputs are binary"),
             0,
             ("Right: with 1 : 1 : 2, 1 + 1 − 2 = 0 and a non-palindrome looks like one.",
              "Speed has nothing to do with it: it is about which sums can cancel.",
              "Binary inputs are why the differences are −1, 0 or 1; the ratio stops them "
              "cancelling.")),
)


def _all_patterns() -> np.ndarray:
    return np.array([[(k >> (5 - i)) & 1 for i in range(6)] for k in range(64)], dtype=float)


@exercise_check
def check_hand_set_weights(hand_set_weights) -> CheckResult:
    """Run ``hand_set_weights()`` -> (W1, b1, W2, b2) on all 64 patterns.

    Introduced in 08_rumelhart_1986.
    """
    got, failure = call_safely(hand_set_weights, name="hand_set_weights")
    if failure is not None:
        return failure
    if not isinstance(got, list | tuple) or len(got) != 4:
        return not_yet("hand_set_weights should return four arrays: W1, b1, W2, b2.",
                       "End with `return W1, b1, W2, b2`.")
    arrays = {}
    for (name, shape), value in zip(SHAPES.items(), got, strict=True):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return not_yet(f"{name} is not an array of numbers.", HINT)
        if array.shape != shape:
            return not_yet(f"{name} has shape {array.shape}, expected {shape}.",
                           "W1 is (hidden units, inputs) = (2, 6); W2 is (1, 2).")
        if not np.all(np.isfinite(array)):
            return not_yet(f"{name} contains NaN or infinity.", HINT)
        arrays[name] = array
    X = _all_patterns()
    palindrome = np.all(X == X[:, ::-1], axis=1)
    with np.errstate(over="ignore"):
        a1 = 1.0 / (1.0 + np.exp(-(X @ arrays["W1"].T + arrays["b1"])))
        y = 1.0 / (1.0 + np.exp(-(a1 @ arrays["W2"].T + arrays["b2"])))[:, 0]
    wrong = (y >= 0.5) != palindrome
    if wrong.any():
        k = int(np.argmax(wrong))
        kind = "a palindrome" if palindrome[k] else "not a palindrome"
        return not_yet(f"{int(wrong.sum())} of 64 patterns are on the wrong side of 0.5, e.g. "
                       f"{X[k].astype(int).tolist()} ({kind}) gives y = {y[k]:.2f}.", HINT)
    return correct("all 64 patterns are on the right side of 0.5: your weights detect "
                   "symmetry without any training.")
