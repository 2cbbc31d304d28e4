"""Check for the exercise of 06_multilayer: backprop in matrix form, dL/dW = δᵀ·a_prev and
dL/db = δ summed over the samples.

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
from helpers.checks.hints import Question, register_hints, register_self_check
from helpers.gradcheck import numerical_gradients

__all__ = ["check_matrix_backprop"]

# What a failing check says: where to look, never the code (the tiers below narrow in).
HINT = ('Compare your layer with the 2-2-1 derivation above; hint("matrix_backprop") '
        "gives more.")

register_hints(
    "matrix_backprop",
    "Work backwards: you need δ of the last layer first, and each earlier δ is built from "
    "the one after it. What is ∂L/∂a for this loss, and what turns it into ∂L/∂z?",
    "Shapes guide you: δ of a layer has the shape of its a, (N, n_out); dL_dW must have the "
    "shape of W, (n_out, n_in), so it is δ transposed times the layer's input a_prev. dL_db "
    "has one entry per unit: add δ over the samples.",
    "Last layer: δ = (a_K − T)/N ⊙ a_K(1 − a_K). For each layer from the last: "
    "dL_dW[l] = δᵀ · a[l], dL_db[l] = δ.sum(axis=0), then δ ← (δ · W[l]) ⊙ a[l](1 − a[l]).",
)

register_self_check(
    "multilayer",
    Question("A hidden unit feeds two output units with weights 2 and −1; their δ are 0.1 and "
             "0.3, and the hidden unit's f′(z) is 0.25. What is its δ?",
             ("(2·0.1 − 1·0.3)·0.25 = −0.025", "(0.1 + 0.3)·0.25 = 0.1",
              "(2·0.1 − 1·0.3) = −0.1"),
             0,
             ("Right: the weighted sum of the errors downstream, times its own slope.",
              "Each downstream error reaches the hidden unit through its weight: weight them.",
              "Missing the hidden unit's own slope f′(z): a change of z moves a by f′(z) only.")),
    Question("Layer l has 3 inputs and 5 units; the batch has N = 8 samples. What is the shape "
             "of dL/dW_l = δ_lᵀ · A_{l−1}?",
             ("(5, 3), like W_l", "(8, 5), like δ_l", "(8, 3), like A_{l−1}"),
             0,
             ("Right: (5, 8) · (8, 3) = (5, 3); the sum over the batch happens in the product.",
              "That is δ_l itself, one row per sample; the gradient must match W_l.",
              "That is the layer's input; the gradient must match W_l to update it.")),
    Question("A ReLU unit has z < 0 for every training input. What happens to its weights "
             "during training?",
             ("They stop changing while it stays dead: f′ = 0 there, so its δ and gradients "
              "are 0", "They grow until z becomes positive", "They shrink to zero"),
             0,
             ("Right: the unit is dead; no gradient reaches its incoming weights. (A unit in a "
              "deeper layer can come back if the layers below change what it receives.)",
              "Nothing pushes them: every gradient of this unit is multiplied by f′(z) = 0.",
              "Nothing pulls them either: the gradient is exactly zero, they stay frozen.")),
)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _case(sizes, n_samples, seed):
    """A sigmoid net (weights list, activations list, targets) made from a seeded rng."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0.0, 1.0, size=(n_out, n_in))
               for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.normal(0.0, 0.5, size=n_out) for n_out in sizes[1:]]
    X = rng.uniform(-1.0, 1.5, size=(n_samples, sizes[0]))
    T = rng.integers(0, 2, size=(n_samples, sizes[-1])).astype(float)
    return weights, biases, X, T


def _activations(weights, biases, X):
    a = [X]
    for W, b in zip(weights, biases, strict=True):
        a.append(_sigmoid(a[-1] @ W.T + b))
    return a


def _numerical_gradients(weights, biases, X, T):
    """(dL_dW, dL_db) by centred differences of the loss written from its definition."""
    n = len(weights)

    def loss(params):
        out = _activations(params[:n], params[n:], X)[-1]
        return 0.5 * np.sum((out - T) ** 2) / len(X)

    grads = numerical_gradients(loss, list(weights) + list(biases))
    return grads[:n], grads[n:]


CASES = (((2, 3, 1), 4, 3), ((2, 3, 3, 1), 6, 1))


def _matches(got, expected) -> bool:
    """Every array of the answer (dL_dW, dL_db) close to the finite differences."""
    try:
        return all(np.shape(g) == np.shape(e) and np.allclose(g, e, rtol=1e-5, atol=1e-8)
                   for gs, es in zip(got, expected, strict=True)
                   for g, e in zip(gs, es, strict=True))
    except (TypeError, ValueError):
        return False


def _backprop_variant(weights, a, T, *, mean=True, output_slope=True, hidden_slope=True,
                      sign=1.0):
    """Matrix backprop with one step changed the way learners slip: no 1/N, no f′ at the
    output or in the hidden layers, or (t − a) for (a − t)."""
    n = len(a[0]) if mean else 1
    delta = sign * (a[-1] - T) / n
    if output_slope:
        delta = delta * a[-1] * (1 - a[-1])
    dL_dW, dL_db = [None] * len(weights), [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        dL_dW[layer], dL_db[layer] = delta.T @ a[layer], delta.sum(axis=0)
        delta = delta @ weights[layer]
        if hidden_slope:
            delta = delta * a[layer] * (1 - a[layer])
    return dL_dW, dL_db


def _known_slip(got, weights, a, T) -> str | None:
    """Which common slip reproduces the answer exactly, said in words; None if none does."""
    n = len(a[0])
    slips = [
        ({"mean": False}, f"every gradient is N = {n} times too large: the loss is "
                          "1/(2N)·Σ, so δ of the output layer carries a factor 1/N."),
        ({"output_slope": False}, "δ of the output layer is missing the output's slope "
                                  "f′(z) = a(1 − a)."),
        ({"hidden_slope": False}, "δ of a hidden layer is missing its own slope f′(z) = "
                                  "a(1 − a) (only the output layer's δ has it)."),
        ({"sign": -1.0}, "every gradient has the wrong sign: dL/da of the output is "
                         "(a − t)/N, not (t − a)/N."),
    ]
    for change, words in slips:
        if _matches(got, _backprop_variant(weights, a, T, **change)):
            return words
    return None


def _as_pair(got, n_layers, net):
    """(dL_dW, dL_db) from the learner's answer, or a failing verdict."""
    if isinstance(got, list | tuple) and got and all(isinstance(g, np.ndarray) for g in got):
        return None, not_yet("matrix_backprop returned a list of arrays; it should return two "
                             "lists, (dL_dW, dL_db). Did you return only dL_dW?",
                             "End with `return dL_dW, dL_db`.")
    if not isinstance(got, list | tuple) or len(got) != 2:
        return None, not_yet(f"matrix_backprop should return two lists, (dL_dW, dL_db); got "
                             f"{type(got).__name__}"
                             + (f" of length {len(got)}" if isinstance(got, list | tuple)
                                else "") + ".", "End with `return dL_dW, dL_db`.")
    for name, part in zip(("dL_dW", "dL_db"), got, strict=True):
        if not isinstance(part, list | tuple) or len(part) != n_layers:
            return None, not_yet(f"for a {net} net, {name} should be a list of {n_layers} "
                                 "arrays (one per layer), got "
                                 f"{type(part).__name__}"
                                 + (f" of length {len(part)}" if isinstance(part, list | tuple)
                                    else "") + ".", HINT)
    return got, None


@exercise_check
def check_matrix_backprop(matrix_backprop) -> CheckResult:
    """Compare ``matrix_backprop(weights, a, T)`` -> (dL_dW, dL_db) with finite differences
    on two small nets.
    Introduced in 06_multilayer.
    """
    for sizes, n_samples, seed in CASES:
        weights, biases, X, T = _case(sizes, n_samples, seed)
        a = _activations(weights, biases, X)
        net = "-".join(map(str, sizes))
        got, failure = call_safely(matrix_backprop, [w.copy() for w in weights],
                                   [x.copy() for x in a], T.copy(), name="matrix_backprop")
        if failure is not None:
            return failure
        got, failure = _as_pair(got, len(weights), net)
        if failure is not None:
            return failure
        expected = _numerical_gradients(weights, biases, X, T)
        if not _matches(got, expected):
            slip = _known_slip(got, weights, a, T)
            if slip is not None:
                return not_yet(f"On the {net} net: {slip}", HINT)
        # Output layer first: the order you compute them in, so the first message points
        # at the first place that went wrong.
        for layer in range(len(weights) - 1, -1, -1):
            for name, gs, es in zip(("dL_dW", "dL_db"), got, expected, strict=True):
                mismatch = compare_numbers(gs[layer], es[layer],
                                           what=f"{name}[{layer}] of the {net} net",
                                           hint=HINT, rtol=1e-5, atol=1e-8)
                if mismatch is not None:
                    return mismatch
    return correct("your dL_dW and dL_db match finite differences on a 2-3-1 and a 2-3-3-1 "
                   "network.")
