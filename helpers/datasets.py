"""Tiny data sets made with numpy: five points on a line (00_start_here), and the 2-D
classification sets XOR and two moons (06_multilayer).

XOR and two moons live in the same box, roughly [−0.5, 1.5] × [−0.5, 1.5], so one figure
(and one input scale) fits both. Targets T have shape (n_samples, 1) with values 0.0 or 1.0.
"""

from __future__ import annotations

import numpy as np

from helpers._validate import as_float, as_float_array, check_int

__all__ = ["add_point", "line_points", "two_moons", "xor"]


def line_points() -> tuple[np.ndarray, np.ndarray]:
    """Five points x and targets t on the line t = 1.5·x + 0.5. Introduced in 00_start_here."""
    x = np.array([-1.5, -0.5, 0.5, 1.0, 2.0])
    return x, 1.5 * x + 0.5


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The four XOR cases: X of shape (4, 2) and T of shape (4, 1). In 06_multilayer."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    return X, T


def two_moons(n: int = 100, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles, n points (class 0 first), in 06_multilayer.

    Class 0 lies on the upper arc (cos θ, sin θ), class 1 on the lower arc
    (1 − cos θ, 0.5 − sin θ), θ uniform in [0, π], plus Gaussian noise of standard deviation
    ``noise``; then everything is shifted and scaled by 0.6 into the XOR box.
    """
    n = check_int(n, "n", minimum=2)
    noise = as_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0 (a standard deviation), got {noise!r}")
    rng = np.random.default_rng(check_int(seed, "seed"))
    n0 = n // 2
    theta = rng.uniform(0.0, np.pi, size=n)
    upper = np.stack([np.cos(theta[:n0]), np.sin(theta[:n0])], axis=1)
    lower = np.stack([1.0 - np.cos(theta[n0:]), 0.5 - np.sin(theta[n0:])], axis=1)
    X = np.concatenate([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    X = (X - np.array([0.5, 0.25])) * 0.6 + 0.5
    T = np.concatenate([np.zeros(n0), np.ones(n - n0)]).reshape(-1, 1)
    return X, T


def add_point(X, T, x: float, y: float, label: int) -> tuple[np.ndarray, np.ndarray]:
    """New (X, T) with the point (x, y) of class ``label`` (0 or 1) appended. In 06_multilayer."""
    X = as_float_array(X, "X", ndim=2, allow_empty=True)
    T = as_float_array(T, "T", shape=(X.shape[0], 1), match="(one target per row of X)",
                       allow_empty=True)
    if X.shape[1] != 2:
        raise ValueError(f"X has shape {X.shape}, expected (n_samples, 2)")
    if label not in (0, 1):
        raise ValueError(f"label must be 0 or 1, got {label!r}")
    point = np.array([[as_float(x, "x"), as_float(y, "y")]])
    return np.concatenate([X, point]), np.concatenate([T, [[float(label)]]])
