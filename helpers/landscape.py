"""Loss landscape and whole gradient-descent runs of a 2-parameter linear neuron a = w·x + b.

Introduced in 05_gradient_descent. The neuron is our example neuron with one input and *no*
sigmoid, fitted to six points (``X_DATA``, ``T_DATA``) with the loss
L(w, b) = ½·mean((t − (w·x + b))²). Without the sigmoid the loss is a bowl (a quadratic), so a
learning-rate sweep shows every regime: too slow, good, zig-zag, divergence. (With a sigmoid the
loss can never exceed ½; a huge step saturates the neuron and it stalls instead of exploding.)

Why a whole run is cheap: for a quadratic the gradient is linear in the parameters,
dL/dθ = H·(θ − θ*), with H the (constant) curvature matrix and θ* = (w*, b*) the minimum. One
step with momentum, v ← momentum·v − lr·dL/dθ and θ ← θ + v, is then a matrix product
s ← M·s on the state s = (θ − θ*, v). The whole run is s_k = M^k·s_0, and all the powers
M^0 … M^K are computed at once by repeated doubling (about log₂K batched 4×4 products).
numpy only, pure functions.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_int, check_lr, check_momentum

__all__ = [
    "DIVERGENCE_FACTOR",
    "T_DATA",
    "X_DATA",
    "DescentRun",
    "Quadratic",
    "descent_path",
    "describe_regime",
    "final_loss_sweep",
    "linear_gradient",
    "linear_loss",
    "loss_grid",
    "quadratic_of",
    "theta_gradient",
]

# Six points on the line t = 2x − 1: the minimum is w* = 2, b* = −1 with loss 0.
X_DATA = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
T_DATA = 2.0 * X_DATA - 1.0
# A run has diverged once its loss is this many times its starting loss (or not finite).
DIVERGENCE_FACTOR = 1e4
MAX_EPOCHS = 100_000


def _data(x, t):
    x = as_float_array(x, "x", ndim=1)
    t = as_float_array(t, "t", shape=x.shape, match="to match x")
    return x, t


def _params(w, b):
    w, b = as_float_array(w, "w", allow_empty=True), as_float_array(b, "b", allow_empty=True)
    try:
        np.broadcast_shapes(w.shape, b.shape)
    except ValueError:
        raise ValueError(f"w has shape {w.shape} and b {b.shape}: they must broadcast") from None
    return w, b


def linear_loss(w, b, x=X_DATA, t=T_DATA):
    """L(w, b) = ½·mean((t − (w·x + b))²) for numbers or broadcastable arrays w and b.

    Introduced in 05_gradient_descent.
    """
    x, t = _data(x, t)
    w, b = _params(w, b)
    residual = t - (w[..., None] * x + b[..., None])
    return 0.5 * np.mean(residual**2, axis=-1)


def linear_gradient(w, b, x=X_DATA, t=T_DATA):
    """(dL/dw, dL/db) by the chain rule: dL/da = −(t − a), da/dw = x, da/db = 1, averaged.

    Introduced in 05_gradient_descent.
    """
    x, t = _data(x, t)
    w, b = _params(w, b)
    dL_da = -(t - (w[..., None] * x + b[..., None]))
    return np.mean(dL_da * x, axis=-1), np.mean(dL_da, axis=-1)


def theta_gradient(theta, x=X_DATA, t=T_DATA):
    """∇L at θ = (w, b) as one array [dL/dw, dL/db]: the grad_fn for a descent loop.

    Introduced in 05_gradient_descent.
    """
    theta = as_float_array(theta, "theta", shape=(2,), match="(w, b)")
    return np.array(linear_gradient(theta[0], theta[1], x, t), dtype=float)


def loss_grid(w_lim=(-1.0, 5.0), b_lim=(-7.0, 5.0), n=121, x=X_DATA, t=T_DATA):
    """The loss on an n×n grid: returns (W, B, L), each of shape (n, n), for a contour plot.

    Introduced in 05_gradient_descent.
    """
    n = check_int(n, "n", minimum=2)
    w_lim = as_float_array(w_lim, "w_lim", shape=(2,), match="(w min, w max)")
    b_lim = as_float_array(b_lim, "b_lim", shape=(2,), match="(b min, b max)")
    W, B = np.meshgrid(np.linspace(*w_lim, n), np.linspace(*b_lim, n))
    return W, B, linear_loss(W, B, x, t)


class Quadratic(NamedTuple):
    """The loss as a bowl: L(θ) = L* + ½(θ − θ*)ᵀ·H·(θ − θ*), with θ = (w, b).

    Introduced in 05_gradient_descent.
    """

    H: np.ndarray  # 2×2 curvature matrix [[mean x², mean x], [mean x, 1]]
    minimum: np.ndarray  # θ* = (w*, b*)
    loss_min: float  # L*
    curvatures: np.ndarray  # eigenvalues of H, smallest first (λ_min, λ_max)


def quadratic_of(x=X_DATA, t=T_DATA) -> Quadratic:
    """Curvature matrix, minimum and curvatures of the linear neuron's loss on (x, t).

    Introduced in 05_gradient_descent.
    """
    x, t = _data(x, t)
    H = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    c = np.array([np.mean(x * t), np.mean(t)])
    if abs(np.linalg.det(H)) < 1e-12:
        raise ValueError("x must hold at least two different values, so that w and b are "
                         "both determined")
    minimum = np.linalg.solve(H, c)
    loss_min = float(linear_loss(minimum[0], minimum[1], x, t))
    return Quadratic(H, minimum, loss_min, np.linalg.eigvalsh(H))


class DescentRun(NamedTuple):
    """One gradient-descent run on the landscape, cut at divergence (all values finite).

    Introduced in 05_gradient_descent.
    """

    path: np.ndarray  # (k + 1, 2): (w, b) after 0 … k updates
    loss: np.ndarray  # (k + 1,): the loss at each point of the path
    epochs: int  # updates asked for
    diverged_at: int | None  # the update after which the loss passed the limit, or None


def _step_matrices(H, lr, momentum):
    """The 4×4 matrices M with s_{k+1} = M·s_k, s = (θ − θ*, v); one per (lr, momentum)."""
    lr, momentum = np.broadcast_arrays(np.asarray(lr, float), np.asarray(momentum, float))
    eye = np.eye(2)
    M = np.zeros(lr.shape + (4, 4))
    lrH = lr[..., None, None] * H
    m = momentum[..., None, None] * eye
    M[..., :2, :2] = eye - lrH  # θ' = θ + v' = (I − lr·H)·θ + momentum·v
    M[..., :2, 2:] = m
    M[..., 2:, :2] = -lrH  # v' = momentum·v − lr·H·θ
    M[..., 2:, 2:] = m
    return M


def _powers(M, count):
    """M^0 … M^(count − 1) stacked, by repeated doubling (about log₂(count) products)."""
    powers = np.eye(4)[None]
    top = M  # M^len(powers)
    while len(powers) < count:
        powers = np.concatenate([powers, top @ powers])  # M^n·M^i = M^(n + i)
        top = top @ top
    return powers[:count]


def _check_run(start, lr, epochs, momentum):
    start = as_float_array(start, "start", shape=(2,), match="(w0, b0)")
    lr = check_lr(lr)
    epochs = check_int(epochs, "epochs")
    if epochs > MAX_EPOCHS:
        raise ValueError(f"epochs must be <= {MAX_EPOCHS}, got {epochs}")
    return start, lr, epochs, check_momentum(momentum)


def descent_path(start=(0.0, 3.0), lr=0.1, epochs=100, momentum=0.0, x=X_DATA, t=T_DATA,
                 quadratic: Quadratic | None = None) -> DescentRun:
    """The whole run of gradient descent (with momentum) from ``start`` = (w0, b0), at once.

    Same update as helpers.optim: v ← momentum·v − lr·dL/dθ, θ ← θ + v (v starts at 0).
    A run whose loss exceeds DIVERGENCE_FACTOR × its starting loss (or overflows) is cut
    there and reported in ``diverged_at``. Pass ``quadratic=quadratic_of(x, t)`` to reuse it.

    Introduced in 05_gradient_descent.
    """
    start, lr, epochs, momentum = _check_run(start, lr, epochs, momentum)
    q = quadratic_of(x, t) if quadratic is None else quadratic
    s0 = np.concatenate([start - q.minimum, np.zeros(2)])
    with np.errstate(all="ignore"):  # overflow on the way to divergence is detected, not warned
        states = _powers(_step_matrices(q.H, lr, momentum), epochs + 1) @ s0
        d = states[:, :2]
        loss = q.loss_min + 0.5 * np.einsum("ki,ij,kj->k", d, q.H, d)
    limit = DIVERGENCE_FACTOR * max(loss[0], 1e-3)
    bad = ~(np.isfinite(loss) & (loss <= limit) & np.isfinite(d).all(axis=1))
    diverged_at = int(np.argmax(bad)) if bad.any() else None
    keep = epochs + 1 if diverged_at is None else diverged_at  # the last finite, in-limit point
    keep = max(keep, 1)
    return DescentRun(d[:keep] + q.minimum, loss[:keep], epochs, diverged_at)


def final_loss_sweep(lrs, start=(0.0, 3.0), epochs=100, momentum=0.0, x=X_DATA, t=T_DATA):
    """The loss after ``epochs`` updates for each learning rate in ``lrs`` (inf if diverged).

    Vectorised over the learning rates: one batched matrix power per sweep.

    Introduced in 05_gradient_descent.
    """
    lrs = as_float_array(lrs, "lrs", ndim=1)
    if np.any(lrs <= 0):
        raise ValueError("lrs must all be > 0 (learning rates)")
    start, _, epochs, momentum = _check_run(start, 1.0, epochs, momentum)
    q = quadratic_of(x, t)
    s0 = np.concatenate([start - q.minimum, np.zeros(2)])
    with np.errstate(all="ignore"):
        final = np.linalg.matrix_power(_step_matrices(q.H, lrs, momentum), epochs) @ s0
        d = final[:, :2]
        loss = q.loss_min + 0.5 * np.einsum("ki,ij,kj->k", d, q.H, d)
        start_loss = float(linear_loss(start[0], start[1], x, t))
    diverged = ~np.isfinite(loss) | (loss > DIVERGENCE_FACTOR * max(start_loss, 1e-3))
    return np.where(diverged, np.inf, loss)


def describe_regime(lr: float, momentum: float, run: DescentRun, curvatures) -> str:
    """One phrase on what a run did: diverged, too slow, converging, converged, zig-zagging.

    Introduced in 05_gradient_descent. Plain descent zig-zags across the valley once
    lr > 1/λ_max, the largest of ``curvatures``.
    """
    if not isinstance(run, DescentRun):
        raise TypeError(f"run must be a DescentRun from descent_path, got {type(run).__name__}")
    lr, momentum = check_lr(lr), check_momentum(momentum)
    curvatures = as_float_array(curvatures, "curvatures", ndim=1)
    if run.diverged_at is not None:
        return f"diverged at epoch {run.diverged_at} (the loss blew up)"
    shrink = run.loss[-1] / max(run.loss[0], 1e-300)
    if shrink > 0.5:
        return "far too slow: the loss has hardly moved"
    verdict = "converging, slowly" if shrink > 1e-4 else "converged well"
    if momentum == 0 and lr > 1 / np.max(curvatures):
        verdict += "; zig-zags across the valley (lr > 1/λ_max)"
    return verdict
