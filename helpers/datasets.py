"""Data sets of the course: five points on a line (00_start_here); the 2-D classification
sets XOR and two moons (06_multilayer); real handwritten digits (09_softmax_cross_entropy).

XOR and two moons live in the same box, roughly [−0.5, 1.5] × [−0.5, 1.5], so one figure
(and one input scale) fits both. Targets T have shape (n_samples, 1) with values 0.0 or 1.0.
The digits (``load_digits``) are 8×8 pictures with one-hot targets over the classes 0–9.
"""

from __future__ import annotations

import numpy as np

from helpers._validate import as_float, as_float_array, check_int

__all__ = ["DIGITS_SOURCE", "add_point", "line_points", "load_digits", "one_hot", "two_moons",
           "xor"]


def line_points() -> tuple[np.ndarray, np.ndarray]:
    """Five points x and targets t on the line t = 1.5·x + 0.5. Introduced in 00_start_here."""
    x = np.array([-1.5, -0.5, 0.5, 1.0, 2.0])
    return x, 1.5 * x + 0.5


DIGITS_SOURCE = (
    "8×8 handwritten digits: 1,797 images, 10 classes. The copy that ships inside "
    "scikit-learn (sklearn.datasets.load_digits, BSD-3-Clause; no download) of the test set "
    "of 'Optical Recognition of Handwritten Digits' by E. Alpaydin and C. Kaynak (1998), UCI "
    "Machine Learning Repository (doi:10.24432/C50P49), licensed CC BY 4.0. "
    "Each pixel counts the inked points (0–16) in a 4×4 block of a 32×32 NIST bitmap."
)


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


def one_hot(labels, n_classes: int = 10) -> np.ndarray:
    """Targets T for class labels: row n is all 0 except a 1 at column labels[n].

    Introduced in 09_softmax_cross_entropy, e.g. ``one_hot([2], 4)`` is ``[[0, 0, 1, 0]]``.
    """
    n_classes = check_int(n_classes, "n_classes", minimum=1)
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise TypeError(f"labels must be a 1-D array of ints, got {labels.dtype} with shape "
                        f"{labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}, got {labels.min()} to "
                         f"{labels.max()}")
    return np.eye(n_classes)[labels]


def load_digits(test_fraction: float = 0.25, seed: int = 0):
    """Handwritten digits as ``(X_train, T_train, X_test, T_test)``. In 09_softmax_cross_entropy.

    X has one row of 64 pixels per image (row by row), scaled from 0–16 to [0, 1]; T holds
    one-hot targets over the digits 0–9 (``T.argmax(axis=1)`` is the digit). The split is
    fixed by ``seed`` and stratified: each digit puts the same share, ``test_fraction``
    (rounded), of its images into the test set, so both sets have every digit in proportion.
    Source and licence: ``DIGITS_SOURCE``. Needs scikit-learn (installed with the course).
    """
    test_fraction = as_float(test_fraction, "test_fraction")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1 (e.g. 0.25), "
                         f"got {test_fraction!r}")
    rng = np.random.default_rng(check_int(seed, "seed"))
    from sklearn.datasets import load_digits as sklearn_digits  # import only when needed

    digits = sklearn_digits()
    X = digits.data.astype(np.float64) / 16.0
    labels = digits.target.astype(int)
    test = []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(labels == digit))
        test.extend(members[: int(round(test_fraction * len(members)))])
    is_test = np.zeros(len(X), dtype=bool)
    is_test[test] = True
    train_rows, test_rows = np.flatnonzero(~is_test), np.flatnonzero(is_test)
    T = one_hot(labels, 10)
    return X[train_rows], T[train_rows], X[test_rows], T[test_rows]
