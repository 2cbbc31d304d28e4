"""Check for the exercise of 06_multilayer: backprop in matrix form, dL/dW = δᵀ·a_prev.

Introduced in 06_multilayer. The expected gradients are centred finite differences of the
loss (helpers.gradcheck), so the check does not trust any backprop, the course's included.
"""

from __future__ import annotations

import numpy as np

from helpers.checks._core import (
    CheckResult,
    call_safely,
    compare_numbers,
    correct,
    exercise_check,
    not_yet,
)
from helpers.gradcheck import numerical_gradients
from helpers.network import network_from_params

__all__ = ["check_matrix_backprop"]

HINT = ("Start at the output with δ = (a_L − T)/N ⊙ a_L(1 − a_L); then for each layer, from "
        "the last to the first: dL_dW[l] = δᵀ · a[l], and δ ← (δ · W[l]) ⊙ a[l](1 − a[l]).")


def _case(sizes, n_samples, seed):
    """A sigmoid net (weights list, activations list, targets) made from a seeded rng."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0.0, 1.0, size=(n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.normal(0.0, 0.5, size=n_out) for n_out in sizes[1:]]
    X = rng.uniform(-1.0, 1.5, size=(n_samples, sizes[0]))
    T = rng.integers(0, 2, size=(n_samples, sizes[-1])).astype(float)
    return weights, biases, X, T


def _numerical_dL_dW(weights, biases, X, T):
    return numerical_gradients(lambda ws: network_from_params(ws, biases).loss(X, T), weights)


CASES = (((2, 3, 1), 4, 3), ((2, 3, 3, 1), 6, 1))


@exercise_check
def check_matrix_backprop(matrix_backprop) -> CheckResult:
    """Compare ``matrix_backprop(weights, a, T)`` with finite differences on two small nets.

    Introduced in 06_multilayer.
    """
    for sizes, n_samples, seed in CASES:
        weights, biases, X, T = _case(sizes, n_samples, seed)
        a = network_from_params(weights, biases).forward_all(X).a
        net = "-".join(map(str, sizes))
        got, failure = call_safely(matrix_backprop, [w.copy() for w in weights],
                                   [x.copy() for x in a], T.copy(), name="matrix_backprop",
                                   hint=HINT)
        if failure is not None:
            return failure
        if not isinstance(got, list | tuple) or len(got) != len(weights):
            return not_yet(f"for a {net} net matrix_backprop should return a list of "
                           f"{len(weights)} arrays (one dL_dW per layer), got "
                           f"{type(got).__name__}"
                           + (f" of length {len(got)}" if isinstance(got, list | tuple) else "")
                           + ".", HINT)
        expected = _numerical_dL_dW(weights, biases, X, T)
        for layer, (g, e) in enumerate(zip(got, expected, strict=True)):
            mismatch = compare_numbers(g, e, what=f"dL_dW[{layer}] of the {net} net",
                                       hint=HINT, rtol=1e-5, atol=1e-8)
            if mismatch is not None:
                return mismatch
    return correct("your matrix backprop matches finite differences on a 2-3-1 and a "
                   "2-3-3-1 network.")
