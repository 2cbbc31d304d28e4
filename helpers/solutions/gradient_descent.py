"""Reference answers to the exercises of 05_gradient_descent (peek with show_solution)."""

import numpy as np

__all__ = ["gradient_descent", "largest_stable_lr", "momentum_descent"]


def gradient_descent(grad_fn, start, lr, epochs):
    """Exercise of 05_gradient_descent: the whole path θ_0 … θ_epochs of θ ← θ − lr·∇L(θ).

    Introduced in 05_gradient_descent.
    """
    theta = np.array(start, dtype=float)
    path = [theta]
    for _ in range(epochs):
        theta = theta - lr * grad_fn(theta)
        path.append(theta)
    return np.array(path)  # shape (epochs + 1, number of parameters)


def momentum_descent(grad_fn, start, lr, momentum, epochs):
    """Exercise of 05_gradient_descent: the path of v ← momentum·v − lr·∇L(θ), θ ← θ + v.

    Introduced in 05_gradient_descent.
    """
    theta = np.array(start, dtype=float)
    v = np.zeros_like(theta)  # the velocity starts at rest
    path = [theta]
    for _ in range(epochs):
        v = momentum * v - lr * grad_fn(theta)
        theta = theta + v
        path.append(theta)
    return np.array(path)


def largest_stable_lr(a1, a2):
    """Exercise of 05_gradient_descent: the largest lr that does not diverge on the bowl
    L(θ) = a1·θ1² + a2·θ2².

    Introduced in 05_gradient_descent.
    """
    lam_max = 2 * max(a1, a2)  # a curvature is a second derivative: d²(a·θ²)/dθ² = 2a
    return 2 / lam_max  # beyond it |1 − lr·λ_max| > 1: every step overshoots by more
