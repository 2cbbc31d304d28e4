"""How much momentum? A sweep over β and the critical-damping value, on 05's landscape.

Introduced in 05_gradient_descent. Along a direction of curvature λ, one step of momentum
descent maps (distance, velocity) by a 2×2 matrix whose eigenvalues r solve

    r² − (1 + β − lr·λ)·r + β = 0.

While they are real, the run creeps (too little momentum); once they are complex, it
oscillates with |r| = √β (too much). The boundary, a double root, is *critical damping*:

    β* = (1 − √(lr·λ))²

Chosen for the shallow direction λ_min it makes the slow crawl along the valley as fast as
momentum can (|r| = 1 − √(lr·λ_min) instead of 1 − lr·λ_min). numpy only, pure functions.
"""

from __future__ import annotations

import numpy as np

from helpers._validate import as_float, as_float_array, check_int, check_lr
from helpers.landscape import T_DATA, X_DATA, _step_matrices, quadratic_of

__all__ = ["critical_momentum", "momentum_sweep", "slowest_rate"]


def critical_momentum(lr: float, curvature: float) -> float:
    """β* = (1 − √(lr·λ))², the momentum that critically damps a direction of curvature λ.

    Introduced in 05_gradient_descent. Needs 0 < lr·λ < 1 (a step that does not overshoot).
    """
    lr = check_lr(lr)
    curvature = as_float(curvature, "curvature")
    if not 0.0 < lr * curvature < 1.0:
        raise ValueError(f"lr·curvature must be in (0, 1), got {lr * curvature:g}: pick a "
                         "smaller lr or the shallow direction's curvature λ_min")
    return float((1.0 - np.sqrt(lr * curvature)) ** 2)


def slowest_rate(lr: float, momentum: float, curvature: float) -> float:
    """The largest |r| of the step's 2×2 matrix along curvature λ: the factor by which the
    error of that direction shrinks per step in the long run. In 05_gradient_descent."""
    lr, momentum = check_lr(lr), as_float(momentum, "momentum")
    curvature = as_float(curvature, "curvature")
    roots = np.roots([1.0, -(1.0 + momentum - lr * curvature), momentum])
    return float(np.max(np.abs(roots)))


def momentum_sweep(momenta, start=(4.0, 3.0), lr: float = 0.1, epochs: int = 100,
                   x=X_DATA, t=T_DATA) -> np.ndarray:
    """The loss after ``epochs`` momentum steps for every β in ``momenta`` (one run each).

    Introduced in 05_gradient_descent. Same update as helpers.optim and descent_path; all
    runs at once by batched matrix powers.
    """
    momenta = as_float_array(momenta, "momenta", ndim=1)
    if np.any((momenta < 0) | (momenta >= 1)):
        raise ValueError("momenta must all be in [0, 1), e.g. np.linspace(0, 0.98, 99)")
    start = as_float_array(start, "start", shape=(2,), match="(w0, b0)")
    lr = check_lr(lr)
    epochs = check_int(epochs, "epochs", minimum=1)
    q = quadratic_of(x, t)
    s0 = np.concatenate([start - q.minimum, np.zeros(2)])
    M = _step_matrices(q.H, np.full(momenta.shape, lr), momenta)
    with np.errstate(all="ignore"):
        final = np.linalg.matrix_power(M, epochs) @ s0
    d = final[:, :2]
    return q.loss_min + 0.5 * np.einsum("ki,ij,kj->k", d, q.H, d)
