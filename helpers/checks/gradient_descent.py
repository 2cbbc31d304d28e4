"""Checks for the exercises of 05_gradient_descent: the whole path of gradient descent, plain
and with momentum. The test landscape is the bowl L(θ) = ½(θ₁² + 10·θ₂²), whose gradient is
(θ₁, 10·θ₂); the expected paths are computed here coordinate by coordinate with plain math."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import call_safely, compare_numbers, correct, exercise_check, not_yet
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["check_gradient_descent", "check_largest_stable_lr", "check_momentum_descent"]

_CURVATURES = (1.0, 10.0)

register_hints(
    "gradient_descent",
    "The path starts with the start itself; each later point comes from the one before by "
    "one update. How many points does a run of `epochs` updates have?",
    "Keep a list: put a copy of start in it, then repeat `epochs` times: compute the gradient "
    "at the current θ, take the step, append the new θ. Return np.array(list).",
    "θ = np.asarray(start, float); path = [θ]; in the loop θ = θ − lr·grad_fn(θ) (a new array, "
    "not θ -= …, which would change the points already stored); path.append(θ).",
)
register_hints(
    "largest_stable_lr",
    "Section 3: along a direction of curvature λ one step multiplies the distance to the "
    "minimum by a factor. For which lr does that factor stop being between −1 and 1 — and "
    "which of the two directions gets there first?",
    "The curvature along θᵢ is the second derivative of aᵢ·θᵢ², which is 2·aᵢ (not aᵢ). The "
    "run diverges as soon as |1 − lr·λ| > 1 in *either* direction, so the steeper one decides.",
    "λ_max = 2·max(a1, a2), and the run stays stable up to lr = 2/λ_max.",
)
register_hints(
    "momentum_descent",
    "Momentum needs one more variable that survives from step to step. What is its value "
    "before the first step?",
    "v starts as zeros shaped like θ. Each step: first update v from the gradient at the "
    "current θ, then move θ by v.",
    "v = momentum·v − lr·grad_fn(θ); θ = θ + v; append θ.",
)
register_self_check(
    "gradient_descent",
    Question("A valley has curvatures λ_min = 0.5 and λ_max = 8. Which lr diverges?",
             ("0.3", "0.2", "0.1"),
             0,
             ("Right: 2/λ_max = 0.25, and 0.3 > 0.25, so the steep direction blows up.",
              "0.2 < 2/λ_max = 0.25: it zig-zags (0.2 > 1/λ_max = 0.125) but converges.",
              "0.1 < 1/λ_max = 0.125: no overshoot at all.")),
    Question("Why does a narrow valley make plain gradient descent slow?",
             ("The steep direction caps lr at 2/λ_max, and that lr crawls along the shallow one",
              "The gradient is zero on the valley floor", "The loss has many local minima"),
             0,
             ("Right: each step shrinks the shallow error only by 1 − lr·λ_min ≈ 1.",
              "Not zero, only small: along the floor the slope is gentle but never zero "
              "until the minimum.",
              "This valley is a bowl with one minimum; it is slow for another reason.")),
    Question("With lr = 0.1 and the shallow curvature λ_min = 0.16, which momentum β damps "
             "the crawl along the valley best?",
             ("About (1 − √(0.1·0.16))² ≈ 0.76", "As close to 1 as possible", "β = 0"),
             0,
             ("Right: critical damping, the sweep's best value; more orbits, less creeps.",
              "Too much momentum orbits the minimum: each swing shrinks only by √β.",
              "β = 0 is plain descent, the slow crawl itself.")),
)


def _bowl_gradient(theta):
    """∇L for L(θ) = ½(θ₁² + 10·θ₂²); a fresh array, so the learner's code cannot spoil it."""
    theta = np.asarray(theta, dtype=float)
    return np.array([_CURVATURES[0] * theta[0], _CURVATURES[1] * theta[1]])


def _expected_path(start, lr, momentum, epochs):
    """θ_k for each k, one coordinate at a time (each coordinate of the bowl is independent)."""
    columns = []
    for theta, curvature in zip(start, _CURVATURES, strict=True):
        values, v = [theta], 0.0
        for _ in range(epochs):
            v = momentum * v - lr * curvature * theta
            theta = theta + v
            values.append(theta)
        columns.append(values)
    return np.array(columns).T


def _shape_hint(got, epochs, name):
    try:
        shape = np.shape(np.asarray(got, dtype=float))
    except (TypeError, ValueError):
        return None
    if shape == (2,):
        return not_yet(f"{name} returned one point (shape (2,)), not the whole path.",
                       f"Collect every θ in a list, start included, and return "
                       f"np.array(path): shape ({epochs + 1}, 2).")
    if shape == (epochs, 2):
        return not_yet(f"{name} returned {epochs} points; the path has epochs + 1 = "
                       f"{epochs + 1} (the start, then one point per update).",
                       "Put the start in the path before the first update.")
    return None


def _check_paths(function, name, cases, momentum_arg, hint):
    for start, lr, momentum, epochs in cases:
        args = (_bowl_gradient, np.array(start), lr) + ((momentum,) if momentum_arg else ()) \
            + (epochs,)
        got, failure = call_safely(function, *args, name=name)
        if failure is not None:
            return failure
        failure = _shape_hint(got, epochs, name)
        if failure is not None:
            return failure
        expected = _expected_path(start, lr, momentum, epochs)
        shown = (f"{name}(bowl gradient, start={list(start)}, lr={lr}"
                 + (f", momentum={momentum}" if momentum_arg else "") + f", epochs={epochs})")
        mismatch = compare_numbers(got, expected, what=shown, hint=hint)
        if mismatch is None:
            continue
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return mismatch
        if got.shape != expected.shape or not np.all(np.isfinite(got)):
            return mismatch
        if np.allclose(got, _expected_path(start, -lr, momentum, epochs)):
            hint = "you went uphill: step *against* the gradient (− lr·∇L)."
        elif momentum_arg and np.allclose(got, _expected_path(start, lr, 0.0, epochs)):
            hint = ("this is plain gradient descent: keep v from one step to the next "
                    "(v ← momentum·v − lr·∇L).")
        k = int(np.argmax(~np.isclose(got, expected, rtol=1e-6, atol=1e-9).all(axis=1)))
        fmt = {"float_kind": lambda v: f"{v:.6g}"}
        return not_yet(f"{shown}: point {k} of the path is "
                       f"{np.array2string(got[k], formatter=fmt)}, expected "
                       f"{np.array2string(expected[k], formatter=fmt)}"
                       + {0: ".", 1: " (the start is right)."}.get(k, f" (points 0…{k - 1} "
                                                                       "are right)."), hint)
    return None


@exercise_check
def check_gradient_descent(gradient_descent) -> object:
    """Check ``gradient_descent(grad_fn, start, lr, epochs)`` returns the (epochs + 1, n) path.

    Introduced in 05_gradient_descent.
    """
    cases = (((1.0, 1.0), 0.05, 0.0, 20),  # slow along θ₁, fast along θ₂
             ((-2.0, 3.0), 0.15, 0.0, 6))  # 1 − 0.15·10 = −0.5: θ₂ zig-zags
    failure = _check_paths(gradient_descent, "gradient_descent", cases, False,
                           "each update is θ ← θ − lr · grad_fn(θ); return all the θ's.")
    if failure is not None:  # (not `failure or …`: a failing verdict is falsy)
        return failure
    return correct("each step is θ ← θ − lr·∇L(θ), and the path has epochs + 1 "
                              "points. On the bowl, θ₂ zig-zags when lr·10 > 1.")


@exercise_check
def check_momentum_descent(momentum_descent) -> object:
    """Check ``momentum_descent(grad_fn, start, lr, momentum, epochs)`` (v starts at 0).

    Introduced in 05_gradient_descent.
    """
    cases = (((1.0, 1.0), 0.05, 0.9, 25), ((-2.0, 3.0), 0.02, 0.5, 8))
    failure = _check_paths(momentum_descent, "momentum_descent", cases, True,
                           "v ← momentum·v − lr·grad_fn(θ), then θ ← θ + v, starting from v = 0.")
    if failure is not None:
        return failure
    return correct("v ← momentum·v − lr·∇L(θ); θ ← θ + v. The velocity carries "
                              "the run along the shallow direction.")


def _stable_lr_mistakes(a1, a2):
    """(value, what it means) for the typical wrong answers on the bowl a1·θ1² + a2·θ2²."""
    lam_min, lam_max = sorted((2 * a1, 2 * a2))
    return (
        (1 / lam_max, "that is 1/λ_max, where the zig-zag starts (the step factor 1 − lr·λ_max "
                      "reaches 0); the run still converges until the factor reaches −1."),
        (2 / lam_min, "that is 2/λ_min: you used the shallow curvature, but the steep direction "
                      "blows up first."),
        (1 / lam_min, "that is 1/λ_min: the shallow curvature, and the zig-zag limit instead of "
                      "the divergence limit."),
        (2 / max(a1, a2), "you took the coefficient for the curvature: the curvature is the "
                          "second derivative of a·θ², which is 2a."),
        (2 / (lam_min + lam_max), "that is 2/(λ_min + λ_max), the lr that converges fastest; "
                                  "the largest stable one is bigger."),
    )


@exercise_check
def check_largest_stable_lr(largest_stable_lr) -> object:
    """Check ``largest_stable_lr(a1, a2)`` = 2/λ_max for the bowl L(θ) = a1·θ1² + a2·θ2²,
    whose curvatures are 2·a1 and 2·a2.

    Introduced in 05_gradient_descent.
    """
    hint = "divergence starts where |1 − lr·λ| = 1 along the steepest direction."
    for a1, a2 in ((2.0, 12.5), (9.0, 1.0), (0.5, 0.5)):
        got, failure = call_safely(largest_stable_lr, a1, a2, name="largest_stable_lr",
                                   hint=hint)
        if failure is not None:
            return failure
        expected = 2 / (2 * max(a1, a2))
        try:
            value = float(got)
        except (TypeError, ValueError):
            return not_yet(f"largest_stable_lr({a1}, {a2}) should return one number, got "
                           f"{type(got).__name__}.", hint)
        if np.isclose(value, expected, rtol=1e-6):
            continue
        for wrong, meaning in _stable_lr_mistakes(a1, a2):
            if np.isclose(value, wrong, rtol=1e-6):
                return not_yet(f"largest_stable_lr({a1}, {a2}) = {value:.4g}: {meaning}", hint)
        if 0 < value < expected:
            return not_yet(f"largest_stable_lr({a1}, {a2}) = {value:.4g}: too small — that lr "
                           f"is stable but not the largest; runs on this bowl stay stable up "
                           f"to about {expected:.4g}.", hint)
        return not_yet(f"largest_stable_lr({a1}, {a2}) = {value:.4g}: too large — a run on "
                       f"this bowl diverges from about {expected:.4g} on.", hint)
    # the point of it, on the steep direction of 2·θ1² + 12.5·θ2² (λ_max = 25, limit 0.08):
    # just below the limit each step shrinks the distance, just above it grows it
    shrink, grow = abs(1 - 0.99 * 0.08 * 25), abs(1 - 1.01 * 0.08 * 25)
    return correct(f"lr = 2/λ_max, with λ_max = 2·max(a1, a2). On 2·θ1² + 12.5·θ2² the limit is "
                   f"0.08: at 0.99 × 0.08 each step multiplies the steep distance by {shrink:.2f} "
                   f"(after 300 steps: × {shrink ** 300:.3f}); at 1.01 × 0.08 by {grow:.2f} "
                   f"(after 300 steps: × {grow ** 300:,.0f}).")
