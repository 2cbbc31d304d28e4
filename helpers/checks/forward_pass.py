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
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["check_batch_forward", "check_batch_loss", "check_forward"]

# (x, w, b): our example neuron, then two more so a hard-coded answer cannot pass.
_CASES = (
    ([1.0, 2.0, 3.0], [0.2, 0.5, -0.1], 0.1),
    ([0.5, -1.0], [2.0, 1.5], -0.25),
    ([4.0, 0.0, -1.0, 2.0], [-0.5, 3.0, 1.0, 0.25], 0.0),
)
_HINT = "two steps: the weighted sum plus the bias gives z, the activation of z gives a."


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
    return correct("z = w·x + b and a = σ(z); for our example neuron z ≈ 1 "
                   "(0.9999999999999999 in float64) and a = 0.7310585786300049.")


def _close(got, want):
    try:
        return bool(np.allclose(np.asarray(got, dtype=float), want, rtol=1e-6, atol=1e-9))
    except (TypeError, ValueError):
        return False


# --- the batch forward pass and the batch loss ----------------------------------------------

_BATCHES = (
    # (X, w, b): our example batch (first row = our example neuron's x), then a 5 × 2 one.
    ([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0], [2.0, -1.0, 0.5], [3.0, 0.5, -1.0]],
     [0.2, 0.5, -0.1], 0.1),
    ([[0.5, -1.0], [2.0, 0.0], [-1.0, 1.5], [0.0, 0.0], [1.0, 1.0]], [1.5, -0.5], -0.3),
)


def _rows(X, w, b):
    """Z and A row by row, with plain python (independent of numpy's matrix product)."""
    Z = [sum(wi * xi for wi, xi in zip(w, row, strict=True)) + b for row in X]
    return Z, [1.0 / (1.0 + math.exp(-z)) for z in Z]


@exercise_check
def check_batch_forward(function) -> CheckResult:
    """Check ``batch_forward(X, w, b) -> (Z, A)``: one z and one a per row (sample) of X.
    Introduced in 03_forward_pass."""
    for X, w, b in _BATCHES:
        got, failure = call_safely(function, np.array(X), np.array(w), b, name="batch_forward")
        if failure is not None:
            if "shape" in failure.message or "aligned" in failure.message \
                    or "mismatch" in failure.message:
                return not_yet(failure.message, "X has shape (samples, features) and w has "
                               "shape (features,): which order makes the inner sizes meet?")
            return failure
        if not isinstance(got, tuple | list) or len(got) != 2:
            return not_yet("batch_forward should return two arrays (Z, A), got "
                           f"{type(got).__name__}.", "End with `return Z, A`.")
        Z_want, A_want = _rows(X, w, b)
        n = len(X)
        what = f"Z for the {n} × {len(w)} batch X"
        mismatch = compare_numbers(got[0], Z_want, what=what,
                                   hint="one z per row of X: each row dotted with w, plus b.")
        if mismatch is not None:
            if _close(got[0], [z - b for z in Z_want]):
                return not_yet(f"{mismatch.message} That is X·w without the bias.",
                               "add b: numpy adds a number to every entry (broadcasting).")
            if np.shape(got[0]) == ():
                return not_yet(f"{mismatch.message} One number for the whole batch: Z needs "
                               "one entry per sample.", "X @ w dots every row with w at once.")
            return mismatch
        mismatch = compare_numbers(got[1], A_want, what=f"A for the {n} × {len(w)} batch X",
                                   hint="A = σ(Z), elementwise.")
        if mismatch is not None:
            if _close(got[1], Z_want):
                return not_yet(f"{mismatch.message} A equals Z: apply the sigmoid.",
                               "A = sigmoid(Z) works elementwise on the whole array.")
            return mismatch
    return correct("Z = X·w + b and A = σ(Z), one row per sample; the first row is our "
                   "example neuron's z = 1 and a = 0.7311.")


_LOSS_CASES = (
    ([0.7310585786300049, 0.6456563062257954, 0.4875026035157896, 0.7407748991821504],
     [1.0, 0.0, 1.0, 0.0]),
    ([0.2, 0.9, 0.5], [0.0, 1.0, 1.0]),
)


@exercise_check
def check_batch_loss(function) -> CheckResult:
    """Check ``batch_loss(A, T)`` = the mean over samples of ½(T − A)². In 03_forward_pass."""
    for A, T in _LOSS_CASES:
        got, failure = call_safely(function, np.array(A), np.array(T), name="batch_loss")
        if failure is not None:
            return failure
        squares = [(ti - ai) ** 2 for ai, ti in zip(A, T, strict=True)]
        want = 0.5 * sum(squares) / len(A)
        what = f"batch_loss for {len(A)} samples"
        mismatch = compare_numbers(got, want, what=what,
                                   hint="one number: the average of ½(t − a)² over samples.")
        if mismatch is None:
            continue
        slips = (
            (0.5 * sum(squares), "That is the sum over samples; average instead (np.mean), so "
                                 "the loss does not grow with the batch size."),
            (sum(squares) / len(A), "The ½ is missing: L = ½(t − a)² for every sample."),
            (0.5 * sum(ti - ai for ai, ti in zip(A, T, strict=True)) / len(A),
             "The errors are not squared: positive and negative misses cancel out."),
        )
        for wrong, why in slips:
            if _close(got, wrong):
                return not_yet(f"{mismatch.message} {why}")
        if np.ndim(got) == 1:
            return not_yet(f"{mismatch.message} One number per sample: average them into one.",
                           "np.mean(...) of the per-sample losses.")
        return mismatch
    return correct("the batch loss is the mean of ½(t − a)² over the samples; for one "
                   "sample it is our example neuron's L.")


register_hints(
    "forward",
    "Two steps, as on paper: first the weighted sum with the bias, then the activation.",
    "The weighted sum of two arrays is a dot product; `sigmoid` is imported in the setup.",
)
register_hints(
    "batch_forward",
    "Each row of X is one sample. You want the single-neuron computation for every row at "
    "once — without a loop.",
    "A matrix times a vector dots every row with the vector. Which order of X and w has "
    "matching inner sizes, (4, 3)·(3,)?",
    "Z = X @ w + b (the bias broadcasts to every entry), then A = sigmoid(Z).",
)
register_hints(
    "batch_loss",
    "The loss of one sample is ½(t − a)²; the batch loss is one number for all of them.",
    "Compute the per-sample losses as one array with numpy, then reduce it — should a batch "
    "of 8 have twice the loss of a batch of 4?",
)
register_self_check(
    "forward_pass",
    Question("In our example neuron, x₃ = 0 for a moment. What does changing w₃ do to L?",
             ("nothing: w₃ only ever appears as w₃·x₃", "it still moves z through b",
              "it doubles L"),
             0, ("Right: a weight on a zero input changes nothing — its gradient is 0 too.",
                 "b is its own parameter; w₃ reaches z only through the product w₃·x₃.",
                 "With x₃ = 0 the product is 0 whatever w₃ is.")),
    Question("X has shape (8, 3) and w has shape (3,). What is the shape of Z = X @ w + b?",
             ("(3,)", "(8,)", "(8, 3)"),
             1, ("That would be one z per feature; Z has one z per sample.",
                 "Right: one z per row (sample); the bias is added to each entry.",
                 "X @ w sums over the 3 features, leaving one number per sample.")),
    Question("Why does Python print z = 0.9999999999999999 for our example neuron?",
             ("a bug in numpy", "0.1, 0.2 and 0.3 are not exact in binary; the sum lands one "
              "rounding step below 1", "the sigmoid changed z"),
             1, ("Nothing is wrong: it is ordinary floating-point rounding.",
                 "Right: compare floats with a tolerance (np.isclose), never ==.",
                 "z is computed before the sigmoid; σ does not change z.")),
)
