"""A full-batch training loop with gradient descent (plain or with momentum) and its history.

Introduced in 06_multilayer, used again in 08_rumelhart_1986.
The update with momentum is the one in Rumelhart, Hinton & Williams (1986):

    v ← momentum·v − lr·dL_dw,   w ← w + v

With momentum = 0 this is plain gradient descent, w ← w − lr·dL_dw.

Added in 09_softmax_cross_entropy and 10_deeper_networks: mini-batches (``batch_size``, a
fresh shuffle every epoch from ``shuffle_seed``), weight decay (the loss gains ½·λ·Σ w² over
the weights, not the biases, so every step also shrinks each weight by lr·λ·w), and a test
set whose loss and accuracy are recorded next to the training set's after every epoch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers._validate import (
    as_float,
    as_float_array,
    check_choice,
    check_int,
    check_lr,
    check_momentum,
)
from helpers.network import Network, _accuracy

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

    Added in 09_softmax_cross_entropy, one entry per entry of ``loss`` (the same states):
    - ``accuracy``: fraction of training samples classified right (see ``Network.accuracy``);
    - ``test_loss``, ``test_accuracy``: the same on ``X_test``, ``T_test`` (None without them);
    - ``updates``: the weight updates made in all (with mini-batches, several per epoch).
    With mini-batches an entry is recorded after each whole epoch (``loss[k]`` after k epochs),
    and ``loss`` is the loss on the whole training set, without the weight-decay term.
    """

    loss: np.ndarray
    epochs_run: int
    converged: bool
    diverged: bool
    diverged_at: int | None
    params: list[tuple[list[np.ndarray], list[np.ndarray]]] | None
    network: Network
    accuracy: np.ndarray | None = None
    test_loss: np.ndarray | None = None
    test_accuracy: np.ndarray | None = None
    updates: int = 0

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
    *,
    batch_size: int | None = None,
    shuffle_seed: int = 0,
    weight_decay: float = 0.0,
    X_test=None,
    T_test=None,
) -> TrainHistory:
    """Gradient descent on a copy of ``net``. Introduced in 06_multilayer (full batch).

    Each epoch: forward pass on the whole batch, loss, stop checks, backprop, one update
    (v ← momentum·v − lr·dL_dw; w ← w + v). Training stops early when
    - every output is within ``tol`` of its target (|y − t| < tol), if ``tol`` is given;
    - ``stop_when(epoch, loss, Y)`` returns True, if given (Y: current outputs);
    - the loss becomes NaN, inf or > 1e12 (diverged; no warnings are raised).
    ``net`` is not changed: the trained copy is ``history.network``. See ``TrainHistory``
    for what is recorded.

    Added in 09_softmax_cross_entropy:
    - ``batch_size``: mini-batch gradient descent. Every epoch shuffles the training set
      (``np.random.default_rng(shuffle_seed).permutation``, a new order each epoch) and makes
      one update per consecutive slice of ``batch_size`` samples (the last may be smaller);
      the loss of each update is the mean (or sum) over its batch. ``None`` (or ≥ the number
      of samples, without shuffling) is full-batch gradient descent as in 06.
    - ``weight_decay`` λ ≥ 0: every update also follows the gradient of ½·λ·Σ w² (weights only).
    - ``X_test``, ``T_test``: a held-out set, evaluated (never trained on) after every epoch.
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
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", minimum=1)
    shuffle_seed = check_int(shuffle_seed, "shuffle_seed")
    weight_decay = as_float(weight_decay, "weight_decay")
    if weight_decay < 0:
        raise ValueError(f"weight_decay must be >= 0 (e.g. 1e-3), got {weight_decay!r}")
    if (X_test is None) != (T_test is None):
        raise ValueError("give both X_test and T_test (a held-out set), or neither")
    if X_test is not None:
        X_test = as_float_array(X_test, "X_test", ndim=2)
        if X_test.shape[1] != net.sizes[0]:
            raise ValueError(f"X_test has shape {X_test.shape}, expected (n_samples, "
                             f"{net.sizes[0]}) like X")
        try:
            T_test = net._check_T(T_test, X_test)
        except ValueError as exc:
            raise ValueError(str(exc).replace("T ", "T_test ", 1)) from None

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
    n_weights = sum(W.size for W in net.weights)  # the weights come first in theta
    net.weights, net.biases = param_views[:n_layers], param_views[n_layers:]
    grad_out = (grad_views[:n_layers], grad_views[n_layers:])
    run = _Run(net, X, T, X_test, T_test, reduction, epochs, record_params)
    if batch_size is not None and (batch_size < len(X) or epochs == 0):
        return _train_mini_batches(run, theta, grad, grad_out, n_weights, lr, momentum,
                                   batch_size, shuffle_seed, weight_decay, tol, stop_when)
    velocity = np.zeros_like(theta)
    classic = net._classic
    scale = run.scale
    tol_bound = -1.0 if tol is None else T.size * tol * tol * (1 + 1e-9)  # slack: rounding
    step = lr * scale  # fold the mean's 1/n into the step: dL/da = scale·(y − t)
    decay = weight_decay / scale  # grad holds (1/scale)·dL/dθ, so the decay term is λ·w/scale
    converged = diverged = False
    epoch = 0
    with np.errstate(all="ignore"):  # overflow on the way to divergence is detected, not warned
        for epoch in range(epochs + 1):
            fp = net._forward(X)
            if classic:
                error = fp.a[-1] - T
                sum_sq = float(np.vdot(error, error))
                loss = 0.5 * scale * sum_sq
            else:
                loss_sum, delta = net._output_delta(fp, T)
                loss = scale * loss_sum
                error = fp.a[-1] - T if tol is not None else None
                sum_sq = -1.0 if error is None else float(np.vdot(error, error))
            run.record(epoch, loss, fp.a[-1])
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
            if classic:
                net._backward(fp, error, out=grad_out)  # grad = (1/scale)·dL/dθ
            else:
                net._backward_from_delta(fp, delta, out=grad_out)
            if weight_decay:
                grad[:n_weights] += decay * theta[:n_weights]
            if momentum == 0.0:
                theta -= step * grad  # θ ← θ − lr·dL/dθ
            else:
                velocity *= momentum  # v ← momentum·v − lr·dL/dθ;  θ ← θ + v
                velocity -= step * grad
                theta += velocity
    return run.history(epoch, converged, diverged, updates=epoch)


class _Run:
    """What ``train`` records after every epoch (loss, accuracy, test set, snapshots)."""

    def __init__(self, net, X, T, X_test, T_test, reduction, epochs, record_params):
        self.net, self.X, self.T, self.X_test, self.T_test = net, X, T, X_test, T_test
        self.mean = reduction == "mean"
        self.scale = 1.0 / X.shape[0] if self.mean else 1.0
        self.test_scale = (None if X_test is None
                           else 1.0 / X_test.shape[0] if reduction == "mean" else 1.0)
        self.losses = np.empty(epochs + 1)
        # Accuracy is worth recording for classifiers; 06's one-output nets skip it (speed).
        self.classifier = net.sizes[-1] > 1 or not net._classic or X_test is not None
        self.accuracy = np.empty(epochs + 1) if self.classifier else None
        self.test_loss = None if X_test is None else np.empty(epochs + 1)
        self.test_accuracy = None if X_test is None else np.empty(epochs + 1)
        self.snapshots = [] if record_params else None

    def loss_of(self, fp, T, scale) -> float:
        if self.net._classic:
            error = fp.a[-1] - T
            return 0.5 * scale * float(np.vdot(error, error))
        return scale * self.net._output_delta(fp, T)[0]

    def record(self, epoch: int, loss: float, Y: np.ndarray) -> None:
        self.losses[epoch] = loss
        if self.accuracy is not None:
            self.accuracy[epoch] = _accuracy(Y, self.T)
        if self.X_test is not None:
            fp = self.net._forward(self.X_test)
            self.test_loss[epoch] = self.loss_of(fp, self.T_test, self.test_scale)
            self.test_accuracy[epoch] = _accuracy(fp.a[-1], self.T_test)
        if self.snapshots is not None:
            self.snapshots.append(self.net.get_params())

    def history(self, epoch, converged, diverged, updates) -> TrainHistory:
        def cut(values):
            return None if values is None else values[: epoch + 1].copy()

        return TrainHistory(
            loss=cut(self.losses),
            epochs_run=epoch,
            converged=converged,
            diverged=diverged,
            diverged_at=epoch if diverged else None,
            params=self.snapshots,
            network=self.net,
            accuracy=cut(self.accuracy),
            test_loss=cut(self.test_loss),
            test_accuracy=cut(self.test_accuracy),
            updates=updates,
        )


def _train_mini_batches(run: _Run, theta, grad, grad_out, n_weights, lr, momentum,
                        batch_size, shuffle_seed, weight_decay, tol, stop_when) -> TrainHistory:
    """The mini-batch loop of ``train`` (09_softmax_cross_entropy); arguments validated."""
    net, X, T = run.net, run.X, run.T
    n_samples = len(X)
    mean = run.mean
    rng = np.random.default_rng(shuffle_seed)
    velocity = np.zeros_like(theta)
    classic = net._classic
    converged = diverged = False
    updates = epoch = 0
    with np.errstate(all="ignore"):
        for epoch in range(run.losses.size):
            if epoch:  # one epoch: a new shuffle, then one update per slice of the shuffle
                order = rng.permutation(n_samples)
                X_shuffled, T_shuffled = X[order], T[order]
                for start in range(0, n_samples, batch_size):
                    X_batch = X_shuffled[start:start + batch_size]
                    T_batch = T_shuffled[start:start + batch_size]
                    fp = net._forward(X_batch)
                    if classic:
                        net._backward(fp, fp.a[-1] - T_batch, out=grad_out)
                    else:
                        net._backward_from_delta(fp, fp.a[-1] - T_batch
                                                 if net.loss_name == "cross_entropy"
                                                 else net._output_delta(fp, T_batch)[1],
                                                 out=grad_out)
                    # grad holds the summed gradient; the mean divides by this batch's size
                    scale = 1.0 / len(X_batch) if mean else 1.0
                    if weight_decay:
                        grad[:n_weights] += (weight_decay / scale) * theta[:n_weights]
                    if momentum == 0.0:
                        theta -= (lr * scale) * grad
                    else:
                        velocity *= momentum
                        velocity -= (lr * scale) * grad
                        theta += velocity
                    updates += 1
            fp = net._forward(X)
            loss = run.loss_of(fp, T, run.scale)
            run.record(epoch, loss, fp.a[-1])
            if not loss <= DIVERGENCE_LIMIT:
                diverged = True
                break
            if tol is not None and np.abs(fp.a[-1] - T).max() < tol:
                converged = True
                break
            if stop_when is not None and stop_when(epoch, loss, fp.a[-1]):
                converged = True
                break
    return run.history(epoch, converged, diverged, updates=updates)
