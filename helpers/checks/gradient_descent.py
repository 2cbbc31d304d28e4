"""Checks for the exercises of 05_gradient_descent: the whole path of gradient descent, plain
and with momentum. The test landscape is the bowl L(θ) = ½(θ₁² + 10·θ₂²), whose gradient is
(θ₁, 10·θ₂); the expected paths are computed here coordinate by coordinate with plain math."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import call_safely, compare_numbers, correct, exercise_check, not_yet

__all__ = ["check_gradient_descent", "check_momentum_descent"]

_CURVATURES = (1.0, 10.0)


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
