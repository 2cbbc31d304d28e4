"""Check for the "find the bug" exercise of 07_backprop_bugs, by gradient check.

Introduced in 07_backprop_bugs. The learner's gradients of a 2-2-1 sigmoid net are compared
with centred finite differences of the loss (helpers.gradcheck). A failing verdict says that a
gradient is wrong, not which one: finding it is the exercise.
"""

from __future__ import annotations

import functools

import numpy as np

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet
from helpers.checks.hints import Question, register_hints, register_self_check
from helpers.gradcheck import numerical_gradients, relative_error
from helpers.sanity import GRADIENT_CHECK_PASS

__all__ = ["check_descent_check", "check_find_the_bug", "check_gradient_check"]

# What a failing check says: where to look, never the fix (hint tiers narrow in).
HINT = ("Read each gradient's formula factor by factor and ask where each value comes "
        'from; hint("gradients_2_2_1") gives more.')
NAMES = ("dL_dW1", "dL_db1", "dL_dW2", "dL_db2")
TOLERANCE = GRADIENT_CHECK_PASS  # the one scale of 07: text, table and every check

register_hints(
    "gradients_2_2_1",
    "Only one line is wrong. Write each gradient's formula from notebook 06 — dL/dW_l = "
    "δ_lᵀ · (the input of layer l), dL/db_l = Σ_n δ_l — and compare it factor by factor with "
    "the code.",
    "Both δ's and both bias gradients are right. In the two weight gradients, which array is "
    "the input of each layer, the one its W multiplies in the forward pass?",
    "dL_dW1 = δ₁ᵀ · X: layer 1's input is X, not its own output a1.",
)
register_hints(
    "gradient_check",
    "You need a second, slow but trustworthy gradient to compare with: the definition of the "
    "derivative, one parameter entry at a time.",
    "For every array k and every entry i: copy params, add ε to that entry, evaluate loss_fn; "
    "do the same with −ε; (L₊ − L₋)/(2ε) is the numerical gradient. Then the relative error "
    "max |g − n| / max(|g| + |n|, 1e-8) over all entries.",
    "Loop `for k, p in enumerate(params): for i in np.ndindex(p.shape):` with ε = 1e-6; keep "
    "the largest relative error over all arrays and return it as a float.",
)
register_hints(
    "descent_check",
    "Descent means: a small enough step of your update rule must lower the loss.",
    "Take one step with update(params, grads, tiny_lr) and compare loss_fn before and after.",
    "new = update(params, grads, 1e-3); return loss_fn(new) < loss_fn(params).",
)
register_self_check(
    "bugs",
    Question("Your update is `w = w + lr * dL_dw`. Which check catches it?",
             ("The descent check", "The gradient check", "Neither: the loss curve looks fine"),
             0,
             ("Right: the gradient is correct, it is used in the wrong direction.",
              "The gradient itself is right, so its check passes.",
              "The loss goes up: you would see it, and the descent check says so at step 0.")),
    Question("A fresh sigmoid net with 0/1 targets (half of them 1) starts at loss 0.25 "
             "(½·mean squared error), where you expected about 0.125. What do you suspect?",
             ("Saturated outputs: huge initial weights push them to 0 or 1",
              "Nothing: any start is fine", "The learning rate is too small"),
             0,
             ("Right: outputs near ½ give ½·(½)² = 0.125; outputs pinned at 0 or 1, wrong "
              "for half the samples, give ½·½·1² = 0.25 — where section 2's ×20 net starts.",
              "The expected start, 1/8, is a cheap test that catches initialisation bugs.",
              "The learning rate cannot change the loss before the first step.")),
    Question("Your net cannot drive the loss of 4 training samples near zero. Most likely…",
             ("a bug in the model or the loop", "the data set is too small",
              "it needs more data to generalise"),
             0,
             ("Right: any working net with enough units memorises a tiny batch; failing to "
              "is the cheapest bug alarm there is.",
              "Small is the point: memorising 4 samples is easy for a correct loop.",
              "Generalising is not asked: on the training batch itself the loss must drop.")),
)


def _loss(params, X, T):
    W1, b1, W2, b2 = params
    a1 = 1.0 / (1.0 + np.exp(-(X @ W1.T + b1)))
    a2 = 1.0 / (1.0 + np.exp(-(a1 @ W2.T + b2)))
    return 0.5 * np.sum((a2 - T) ** 2) / len(X)


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
        worst = 0.0
        for name, g, e in zip(NAMES, got, expected, strict=True):
            try:
                g = np.asarray(g, dtype=float)
            except (TypeError, ValueError):
                return not_yet(f"{name} is not an array of numbers.", HINT)
            if g.shape != e.shape:
                return not_yet(f"{name} has shape {g.shape}, expected {e.shape}.", HINT)
            if not np.all(np.isfinite(g)):
                return not_yet(f"{name} contains NaN or infinity.", HINT)
            worst = max(worst, relative_error(g, e))
        if worst > TOLERANCE:
            # not which array: diagnosing it from the code is the exercise
            return not_yet(f"the gradient check fails: the largest relative error of the four "
                           f"arrays against finite differences is {worst:.1e} (passing needs "
                           f"< {TOLERANCE:g}). Which array is it, and which factor?", HINT)
    return correct(f"every gradient passes the gradient check (relative error < "
                   f"{TOLERANCE:.0e}).")


# --- the learner's own checks ------------------------------------------------------------
def _small_problem(seed: int = 4):
    """A 2-3-1 sigmoid net on 6 points as (loss_fn, params, right gradients), built here."""
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 1, (3, 2)), rng.normal(0, 1, (1, 3)), rng.normal(0, 0.5, 3),
              rng.normal(0, 0.5, 1)]
    X = rng.uniform(-1.0, 2.0, size=(6, 2))
    T = rng.integers(0, 2, size=(6, 1)).astype(float)

    def loss_fn(ps):
        W1, W2, b1, b2 = ps
        a1 = 1.0 / (1.0 + np.exp(-(X @ W1.T + b1)))
        a2 = 1.0 / (1.0 + np.exp(-(a1 @ W2.T + b2)))
        return 0.5 * float(np.sum((a2 - T) ** 2)) / len(X)

    return loss_fn, params, numerical_gradients(loss_fn, params)


def _sgd(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads, strict=True)]


@exercise_check
def check_gradient_check(gradient_check) -> CheckResult:
    """``gradient_check(loss_fn, params, grads)`` must pass right gradients (< 1e-6) and
    flag a wrong factor (>= 1e-2), returning the relative error as a number.
    Introduced in 07_backprop_bugs.
    """
    loss_fn, params, right = _small_problem()
    halved = [g.copy() for g in right]
    halved[0] = 0.5 * halved[0]  # one array off by a factor: a forgotten term
    one_entry = [g.copy() for g in right]
    one_entry[0][1, 0] *= 1.1  # a single entry 10 % off: an average over entries hides it
    for grads, expect_pass, what in ((right, True, "the right gradients"),
                                     (halved, False, "gradients with dL/dW1 halved"),
                                     (one_entry, False, "gradients with one entry 10 % off")):
        got, failure = call_safely(gradient_check, loss_fn, [p.copy() for p in params],
                                   [g.copy() for g in grads], name="gradient_check")
        if failure is not None:
            return failure
        try:
            error = float(got)
        except (TypeError, ValueError):
            return not_yet(f"gradient_check returned {type(got).__name__}; it should return "
                           "one number, the largest relative error.",
                           "Return a float (e.g. `return worst`).")
        if not np.isfinite(error) or error < 0:
            return not_yet(f"for {what} gradient_check returned {error!r}; a relative error "
                           "is a number >= 0.", 'Guard the division: max(|g| + |n|, 1e-8).')
        if expect_pass and error >= TOLERANCE:
            return not_yet(f"for {what} your check returns {error:.1e}, but it should be "
                           f"< {TOLERANCE:.0e}: your numerical gradient is not accurate enough.",
                           "Use centred differences (L(w+ε) − L(w−ε))/(2ε) with a small ε "
                           "such as 1e-6, and restore the entry after nudging it.")
        if not expect_pass and error < 1e-2:
            return not_yet(f"for {what} your check returns {error:.1e}: it should report at "
                           "least 1e-2, so it misses a real bug.",
                           "Compare every entry of every array and keep the largest "
                           "relative error, not an average.")
    return correct(f"your gradient check passes right gradients (< {TOLERANCE:.0e}) and flags "
                   "a halved array and a single entry 10 % off.")


@exercise_check
def check_descent_check(descent_check) -> CheckResult:
    """``descent_check(loss_fn, params, grads, update)`` must say True for a right update and
    False for gradient ascent.
    Introduced in 07_backprop_bugs.
    """
    loss_fn, params, right = _small_problem()

    def ascent(ps, gs, lr):
        return [p + lr * g for p, g in zip(ps, gs, strict=True)]

    for update, expected, what in ((_sgd, True, "a correct update"),
                                   (ascent, False, "an update with the wrong sign")):
        got, failure = call_safely(descent_check, loss_fn, [p.copy() for p in params],
                                   [g.copy() for g in right], update, name="descent_check")
        if failure is not None:
            return failure
        if not isinstance(got, bool | np.bool_):
            return not_yet(f"descent_check returned {type(got).__name__}; it should return "
                           "True or False.", "Return the comparison itself: `a < b`.")
        if bool(got) != expected:
            return not_yet(f"for {what} your descent check says {bool(got)}, expected "
                           f"{expected}.", "Take the step with the update you were given, "
                           "then compare the loss after with the loss before.")
    return correct("your descent check passes a correct update and catches gradient ascent.")
