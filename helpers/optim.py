"""A full-batch training loop with gradient descent (plain or with momentum) and its history.

Introduced in 06_multilayer, used again in 08_rumelhart_1986.
The update with momentum is the one in Rumelhart, Hinton & Williams (1986):

    v ← momentum·v − lr·dL_dw,   w ← w + v

With momentum = 0 this is plain gradient descent, w ← w − lr·dL_dw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers._validate import as_float, check_choice, check_int, check_lr, check_momentum
from helpers.network import Network

__all__ = ["DIVERGENCE_LIMIT", "TrainHistory", "train"]

DIVERGENCE_LIMIT = 1e12  # a loss above this (or NaN/inf) means training has blown up


@dataclass
class TrainHistory:
    """What ``train`` did, epoch by epoch. Introduced in 06_multilayer.

    - ``loss[k]`` is the loss after k updates, so ``loss[0]`` is the starting loss, and
      ``len(loss) == epochs_run + 1`` (the last entry is the loss of ``network``).
    - ``epochs_run`` counts the weight updates made.
    - ``converged``: the stop criterion (``tol`` or ``stop_when``) was met after
      ``epochs_run`` updates.
    - ``diverged``: the loss became NaN, inf or > 1e12 after ``diverged_at`` updates
      (``diverged_at == epochs_run``, and ``loss[-1]`` is that non-finite or huge value);
      training stopped there. Otherwise ``diverged_at`` is None.
    - ``params``: if ``record_params``, one ``(weights, biases)`` snapshot per entry of
      ``loss``; else None.
    - ``network``: the trained copy (the network passed to ``train`` is never changed).
    """

    loss: np.ndarray
    epochs_run: int
    converged: bool
    diverged: bool
    diverged_at: int | None
    params: list[tuple[list[np.ndarray], list[np.ndarray]]] | None
    network: Network

    @property
    def final_loss(self) -> float:
        """The loss of the returned network (``loss[-1]``)."""
        return float(self.loss[-1])


def train(
    net: Network,
    X,
    T,
    lr: float = 0.5,
    epochs: int = 500,
    momentum: float = 0.0,
    reduction: str = "mean",
    tol: float | None = None,
    stop_when: Callable[[int, float, np.ndarray], bool] | None = None,
    record_params: bool = False,
) -> TrainHistory:
    """Full-batch gradient descent on a copy of ``net``. Introduced in 06_multilayer.

    Each epoch: forward pass on the whole batch, loss, stop checks, backprop, one update
    (v ← momentum·v − lr·dL_dw; w ← w + v). Training stops early when
    - every output is within ``tol`` of its target (|y − t| < tol), if ``tol`` is given;
    - ``stop_when(epoch, loss, Y)`` returns True, if given (Y: current outputs);
    - the loss becomes NaN, inf or > 1e12 (diverged; no warnings are raised).
    ``net`` is not changed: the trained copy is ``history.network``. See ``TrainHistory``
    for what is recorded.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    X = net._check_X(X)
    T = net._check_T(T, X)
    lr = check_lr(lr)
    epochs = check_int(epochs, "epochs")
    momentum = check_momentum(momentum)
    check_choice(reduction, "reduction", ("mean", "sum"))
    if tol is not None:
        tol = as_float(tol, "tol")
        if tol <= 0:
            raise ValueError(f"tol must be > 0 (e.g. tol=0.1) or None, got {tol!r}")
    if stop_when is not None and not callable(stop_when):
        raise TypeError(f"stop_when must be a function (epoch, loss, Y) -> bool, got {stop_when!r}")

    net = net.copy()
    # One flat vector holds every weight and bias; net.weights/biases become views into it, so
    # an update is a single array operation instead of one per layer (the loop is ~2x faster).
    shapes = [W.shape for W in net.weights] + [b.shape for b in net.biases]
    theta = np.concatenate([p.ravel() for p in net.weights + net.biases])
    grad = np.empty_like(theta)
    param_views, grad_views, start = [], [], 0
    for shape in shapes:
        stop = start + int(np.prod(shape))
        param_views.append(theta[start:stop].reshape(shape))
        grad_views.append(grad[start:stop].reshape(shape))
        start = stop
    n_layers = len(net.weights)
    net.weights, net.biases = param_views[:n_layers], param_views[n_layers:]
    grad_out = (grad_views[:n_layers], grad_views[n_layers:])
    velocity = np.zeros_like(theta)

    scale = 1.0 / X.shape[0] if reduction == "mean" else 1.0
    tol_bound = -1.0 if tol is None else T.size * tol * tol * (1 + 1e-9)  # slack: rounding
    step = lr * scale  # fold the mean's 1/n into the step: dL/da = scale·(y − t)
    losses = np.empty(epochs + 1)
    snapshots = [] if record_params else None
    converged = diverged = False
    epoch = 0
    with np.errstate(all="ignore"):  # overflow on the way to divergence is detected, not warned
        for epoch in range(epochs + 1):
            fp = net._forward(X)
            error = fp.a[-1] - T
            sum_sq = float(np.vdot(error, error))
            loss = 0.5 * scale * sum_sq
            losses[epoch] = loss
            if snapshots is not None:
                snapshots.append(net.get_params())
            if not loss <= DIVERGENCE_LIMIT:  # also true for NaN
                diverged = True
                break
            # all |y − t| < tol needs Σ(y − t)² < n·tol², so skip the exact test until then
            if sum_sq < tol_bound and np.abs(error).max() < tol:
                converged = True
                break
            if stop_when is not None and stop_when(epoch, loss, fp.a[-1]):
                converged = True
                break
            if epoch == epochs:
                break
            net._backward(fp, error, out=grad_out)  # grad = (1/scale)·dL/dθ
            if momentum == 0.0:
                theta -= step * grad  # θ ← θ − lr·dL/dθ
            else:
                velocity *= momentum  # v ← momentum·v − lr·dL/dθ;  θ ← θ + v
                velocity -= step * grad
                theta += velocity
    return TrainHistory(
        loss=losses[: epoch + 1].copy(),
        epochs_run=epoch,
        converged=converged,
        diverged=diverged,
        diverged_at=epoch if diverged else None,
        params=snapshots,
        network=net,
    )
