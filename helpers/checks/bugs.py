"""Check for the "find the bug" exercise of 07_backprop_bugs, by gradient check.

Introduced in 07_backprop_bugs. The learner's gradients of a 2-2-1 sigmoid net are compared
with centred finite differences of the loss (helpers.gradcheck); each parameter
gets its own relative error, so the verdict says *which* gradient is wrong.
"""

from __future__ import annotations

import functools

import numpy as np

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet
from helpers.gradcheck import numerical_gradients, relative_error
from helpers.network import network_from_params

__all__ = ["check_find_the_bug"]

HINT = ("Look at the last factor of dL_dW1 = δ₁ᵀ · a_prev: a_prev is whatever goes *into* "
        "layer 1. Is that a1?")
NAMES = ("dL_dW1", "dL_db1", "dL_dW2", "dL_db2")
TOLERANCE = 1e-6


def _loss(params, X, T):
    """The mean loss of the 2-2-1 sigmoid net [W1, b1, W2, b2] (Network's forward pass)."""
    W1, b1, W2, b2 = params
    return network_from_params([W1, W2], [b1, b2]).loss(X, T)


def _cases():
    X_xor = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T_xor = np.array([[0.0], [1.0], [1.0], [0.0]])
    for seed, X, T in ((0, X_xor, T_xor), (1, None, None)):
        rng = np.random.default_rng(seed)
        params = [rng.normal(0, 1, (2, 2)), rng.normal(0, 0.5, 2), rng.normal(0, 1, (1, 2)),
                  rng.normal(0, 0.5, 1)]
        if X is None:
            X = rng.uniform(-1.0, 2.0, size=(7, 2))
            T = rng.integers(0, 2, size=(7, 1)).astype(float)
        yield params, X, T


@exercise_check
def check_find_the_bug(gradients_2_2_1) -> CheckResult:
    """Gradient-check ``gradients_2_2_1(W1, b1, W2, b2, X, T)`` on two nets and batches.

    Introduced in 07_backprop_bugs.
    """
    for params, X, T in _cases():
        got, failure = call_safely(gradients_2_2_1, *[p.copy() for p in params], X.copy(),
                                   T.copy(), name="gradients_2_2_1", hint=HINT)
        if failure is not None:
            return failure
        if not isinstance(got, list | tuple) or len(got) != 4:
            return not_yet("gradients_2_2_1 should return 4 arrays: dL_dW1, dL_db1, dL_dW2, "
                           f"dL_db2; got {type(got).__name__}.", HINT)
        expected = numerical_gradients(functools.partial(_loss, X=X, T=T), params)
        for name, g, e in zip(NAMES, got, expected, strict=True):
            try:
                g = np.asarray(g, dtype=float)
            except (TypeError, ValueError):
                return not_yet(f"{name} is not an array of numbers.", HINT)
            if g.shape != e.shape:
                return not_yet(f"{name} has shape {g.shape}, expected {e.shape}.", HINT)
            if not np.all(np.isfinite(g)):
                return not_yet(f"{name} contains NaN or infinity.", HINT)
            error = relative_error(g, e)
            if error > TOLERANCE:
                return not_yet(f"gradient check fails for {name}: relative error {error:.1e} "
                               f"against finite differences (passing needs < {TOLERANCE:g}).",
                               HINT)
    return correct("every gradient passes the gradient check (relative error < 1e-6).")
