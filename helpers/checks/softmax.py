"""Checks for the exercises of 09_softmax_cross_entropy: a stable softmax, the gradient of
softmax + cross-entropy, and one mini-batch step.

The expected values come from formulas written here with ``math`` and from centred finite
differences of the loss, so the checks trust none of the course's own code.
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
from helpers.gradcheck import numerical_gradients

__all__ = ["check_minibatch_step", "check_softmax_gradients", "check_stable_softmax"]

SOFTMAX_HINT = ("softmax(z)_k = e^(z_k) / Σ_j e^(z_j). Before you exponentiate, ask: which "
                "number could you subtract from every z_k without changing the ratio?")
GRADIENT_HINT = ("Follow the chain rule from the loss to z: the derivation above ends in a "
                 "very short δ. Then the weights' gradient is built from δ and X exactly as "
                 "in notebook 06, and remember the mean over the N samples.")
STEP_HINT = ("A mini-batch step uses only the rows in `rows`: the gradient of the mean loss "
             "over those samples, then the usual w − lr·dL/dw for every W and b.")


def _reference_softmax(z):
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    return [e / sum(exps) for e in exps]


@exercise_check
def check_stable_softmax(stable_softmax) -> CheckResult:
    """``stable_softmax(z)`` for a 1-D array z: right values, and finite for huge logits.

    Introduced in 09_softmax_cross_entropy.
    """
    overflow = "e^z overflowed to infinity (float64 stops near e^709)."
    cases = [
        ([1.0, 2.0, 3.0], "z = [1, 2, 3]", overflow),
        ([0.0, 0.0], "z = [0, 0]", overflow),
        ([-2.0, 5.0, 0.5, 1.0], "z = [-2, 5, 0.5, 1]", overflow),
        ([1000.0, 1001.0, 1002.0], "huge logits z = [1000, 1001, 1002]", overflow),
        ([-1000.0, 0.0], "z = [-1000, 0]", overflow),
        # Catches subtracting the mean: here z − mean still reaches 750, and e^750 overflows.
        ([-1500.0, 0.0], "a wide spread z = [-1500, 0]",
         "subtracting the mean is not enough when the logits spread widely: z − mean still "
         "reaches 750 here, and e^750 overflows (float64 stops near e^709)."),
        # Catches subtracting a fixed number (say 700): every e^(z − 700) underflows to 0, 0/0.
        ([-800.0, -790.0], "all very negative logits z = [-800, -790]",
         "subtracting a fixed number is not enough: for very negative logits every exponential "
         "underflows to 0 and 0/0 is nan. The number you subtract has to depend on z."),
    ]
    for z, label, why_not_finite in cases:
        got, failure = call_safely(stable_softmax, np.array(z), name="stable_softmax",
                                   hint=SOFTMAX_HINT)
        if failure is not None:
            return failure
        if got is not None:
            values = np.asarray(got, dtype=float)
            if values.shape == (len(z),) and not np.all(np.isfinite(values)):
                return not_yet(f"for {label} stable_softmax gives {values}: {why_not_finite}",
                               SOFTMAX_HINT)
            if values.shape == (len(z),) and np.all(np.isfinite(values)) and not math.isclose(
                    float(values.sum()), 1.0, rel_tol=1e-9):
                return not_yet(f"for {label} your probabilities add up to "
                               f"{float(values.sum()):.4g}, not 1.", SOFTMAX_HINT)
        mismatch = compare_numbers(got, _reference_softmax(z),
                                   what=f"stable_softmax for {label}", hint=SOFTMAX_HINT,
                                   rtol=1e-9, atol=1e-12)
        if mismatch is not None:
            return mismatch
    return correct("right probabilities, and finite even for logits near 1000, near −800, "
                   "or 1500 apart.")


def _softmax_cross_entropy(W, b, X, T):
    """Mean over samples of −Σ_k t_k log softmax(z)_k, z = W·x + b, written with math."""
    total = 0.0
    for x, t in zip(X, T, strict=True):
        z = [sum(W[j][i] * x[i] for i in range(len(x))) + b[j] for j in range(len(b))]
        top = max(z)
        log_norm = top + math.log(sum(math.exp(v - top) for v in z))
        total -= sum(tk * (zk - log_norm) for zk, tk in zip(z, t, strict=True))
    return total / len(X)


def _gradient_case(seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.8, size=(3, 4))
    b = rng.normal(0.0, 0.5, size=3)
    X = rng.uniform(0.0, 1.0, size=(5, 4))
    T = np.eye(3)[rng.integers(0, 3, size=5)]
    return W, b, X, T


def _as_array(value, shape):
    """``value`` as a float array if it has ``shape``, else None (compare_numbers reports it)."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array if array.shape == shape else None


def _named_gradient_slip(got, expected, n_samples):
    """The message for a gradient N times too large (the sum's) or with the sign of t − a."""
    for name, value, right in (("dL_dW", got[0], expected[0]), ("dL_db", got[1], expected[1])):
        g = _as_array(value, right.shape)
        if g is None:
            continue
        if np.allclose(g / n_samples, right, rtol=1e-5, atol=1e-8):
            return not_yet(f"{name} is N times too large: that is the gradient of the *sum* "
                           "over samples.", "Divide by the number of samples N (the loss "
                           "is the mean).")
        if np.allclose(-g, right, rtol=1e-5, atol=1e-8):
            return not_yet(f"{name} has the wrong sign: δ = a − t, not t − a.",
                           "∂L/∂z_k = a_k − t_k: the loss grows with a_k, and the "
                           "right class's logit gets a negative δ.")
    return None


@exercise_check
def check_softmax_gradients(softmax_gradients) -> CheckResult:
    """``softmax_gradients(W, b, X, T)`` → ``(dL_dW, dL_db)`` of the mean cross-entropy of
    one softmax layer, against finite differences.

    Introduced in 09_softmax_cross_entropy.
    """
    for seed in (0, 1):
        W, b, X, T = _gradient_case(seed)
        got, failure = call_safely(softmax_gradients, W.copy(), b.copy(), X.copy(), T.copy(),
                                   name="softmax_gradients", hint=GRADIENT_HINT)
        if failure is not None:
            return failure
        if not isinstance(got, tuple | list) or len(got) != 2:
            return not_yet("softmax_gradients should return two arrays, (dL_dW, dL_db).",
                           GRADIENT_HINT)
        expected = numerical_gradients(
            lambda params, X=X, T=T: _softmax_cross_entropy(params[0], params[1], X, T),
            [W, b])
        slip = _named_gradient_slip(got, expected, len(X))
        if slip is not None:
            return slip
        for name, g, e in (("dL_dW", got[0], expected[0]), ("dL_db", got[1], expected[1])):
            mismatch = compare_numbers(g, e, what=name, hint=GRADIENT_HINT, rtol=1e-5,
                                       atol=1e-8)
            if mismatch is not None:
                return mismatch
    return correct("your gradients match finite differences: δ = a − t really is all it "
                   "takes.")


@exercise_check
def check_minibatch_step(minibatch_step) -> CheckResult:
    """``minibatch_step(net, X, T, rows, lr)`` → new ``(weights, biases)`` after one step.

    Introduced in 09_softmax_cross_entropy.
    """
    from helpers.network import Network  # the check needs a network to hand over

    rng = np.random.default_rng(5)
    net = Network([4, 5, 3], activation="tanh", output="softmax", loss="cross_entropy",
                  init="xavier", seed=5)
    X = rng.uniform(0.0, 1.0, size=(12, 4))
    T = np.eye(3)[rng.integers(0, 3, size=12)]
    rows = np.array([7, 2, 9, 4])
    lr = 0.5
    before = [p.copy() for p in net.weights + net.biases]
    got, failure = call_safely(minibatch_step, net, X, T, rows, lr, name="minibatch_step",
                               hint=STEP_HINT)
    if failure is not None:
        return failure
    if not isinstance(got, tuple | list) or len(got) != 2 or not all(
            isinstance(part, list | tuple) for part in got):
        return not_yet("minibatch_step should return (weights, biases): two lists of arrays, "
                       "one array per layer.", STEP_HINT)
    if any(not np.array_equal(p, q) for p, q in zip(before, net.weights + net.biases,
                                                    strict=True)):
        return not_yet("minibatch_step changed the network's own weights.",
                       "Build new arrays (W - lr * g) instead of updating in place (-=).")

    def loss_on(rows_used):
        def loss(params):
            probe = net.copy()
            probe.set_params(params[:2], params[2:])
            a = probe.forward(X[rows_used])
            return float(-np.sum(T[rows_used] * np.log(a)) / len(rows_used))
        return loss

    def step_on(rows_used):
        grads = numerical_gradients(loss_on(rows_used), before)
        return [p - lr * g for p, g in zip(before, grads, strict=True)]

    new = list(got[0]) + list(got[1])
    if len(new) != len(before):
        return not_yet(f"expected {len(before) // 2} weight arrays and {len(before) // 2} "
                       "bias arrays.", STEP_HINT)
    expected = step_on(rows)
    everything = step_on(np.arange(len(X)))
    shapes_ok = all(np.shape(n) == e.shape for n, e in zip(new, expected, strict=True))
    if shapes_ok and all(np.allclose(n, e, rtol=1e-5, atol=1e-8)
                         for n, e in zip(new, everything, strict=True)):
        return not_yet("that is a step on the whole data set, not on the batch.",
                       "Use only X[rows] and T[rows].")
    names = ["new W1", "new W2", "new b1", "new b2"]
    for name, n, e in zip(names, new, expected, strict=True):
        mismatch = compare_numbers(n, e, what=name, hint=STEP_HINT, rtol=1e-5, atol=1e-8)
        if mismatch is not None:
            return mismatch
    return correct("one step on the 4 rows of the batch, exactly as train does it "
                   "(many times per epoch).")


# --- tiered hints (tier 1 never gives the answer) and the notebook's self-check ---

register_hints(
    "stable_softmax",
    "Which number could you subtract from every z_k so that no exponent is positive, "
    "without changing any ratio e^(z_j) / e^(z_k)?",
    "Shift by the largest logit: then the biggest exponent is e^0 = 1, so the sum is at "
    "least 1 — no overflow and no division by 0. Then exponentiate and divide by the sum.",
)
register_hints(
    "softmax_gradients",
    "You do not need the softmax's slope at all: the derivation above already did that "
    "work. What is δ for each sample?",
    "Stack each sample's δ = a − t as a row, like X. The weight gradient is then the same "
    "product as in notebook 06, the bias gradient sums δ over samples — and the mean's 1/N "
    "goes into δ.",
)
register_hints(
    "minibatch_step",
    "Which samples should the gradient see: all of X, or only some?",
    "X[rows] and T[rows] pick the batch; net.gradients gives the mean-loss gradients for "
    "them. Each new array is the old one minus lr times its gradient — build new arrays, "
    "do not change net.weights in place.",
)
register_self_check(
    "softmax_cross_entropy",
    Question("A softmax output gives the right class the probability 0.01. What is that "
             "class's δ = ∂L/∂z under the cross-entropy?",
             ("about −0.99", "about −0.0098", "about +0.99"), 0,
             ("Right: δ = a − t = 0.01 − 1. A confidently wrong output gets the strongest "
              "push — no σ′ factor to shrink it.",
              "That is the squared error's δ with a sigmoid's slope, (a − t)·a(1 − a) = "
              "−0.99 · 0.01 · 0.99: the cross-entropy has no such factor.",
              "Check the sign: t = 1 for the right class, so a − t is negative, and gradient "
              "descent raises that logit.")),
    Question("Why may softmax subtract max(z) from every logit first?",
             ("It multiplies the top and bottom of every fraction by the same e^(−max z)",
              "It is an approximation that is good enough for large logits",
              "It turns the logits into probabilities"), 0,
             ("Right: the ratios, and so the probabilities, are exactly unchanged; only "
              "overflow is avoided.",
              "No approximation is involved: the result is mathematically identical.",
              "The shifted logits are still logits (any real numbers); the exponentials and "
              "the division make the probabilities.")),
    Question("1,347 training samples, batches of 16: how many weight updates in one epoch?",
             ("1", "16", "85"), 2,
             ("That is full-batch gradient descent: one update per pass over the data.",
              "16 is the size of each batch, not the number of batches.",
              "Right: ⌈1347 / 16⌉ = 85 batches, the last one with 3 samples.")),
)
