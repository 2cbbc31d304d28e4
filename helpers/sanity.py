"""The checks a practitioner runs before trusting a training loop, and a loop to break.

Introduced in 07_backprop_bugs. ``GRADIENT_CHECK_PASS`` is the one gradient-check scale of
that notebook: its text, its table and its exercise checks all use it.

- ``live_training``: a full-batch training loop assembled from a ``backward`` and an
  ``update`` function the learner writes (and breaks on purpose), which runs the learner's
  own ``gradient_check`` and ``descent_check`` before training and reports what they say;
- ``expected_initial_loss``: the loss a fresh net should start from (sigmoid outputs ≈ ½);
- ``overfit_tiny_batch``: a few samples must be learned almost perfectly;
- ``update_ratios``: ‖lr·dL/dW‖ / ‖W‖ per layer, the size of a step relative to the weights;
- ``layer_statistics``: activations and δ of every layer, for histograms.
numpy only; the network passed in is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers._validate import as_float, as_float_array, check_int, check_lr
from helpers.network import Network
from helpers.optim import train

__all__ = [
    "GRADIENT_CHECK_PASS", "GRADIENT_CHECK_WRONG", "LayerStatistics", "LiveRun",
    "expected_initial_loss", "format_check_error", "gradient_check_verdict", "layer_statistics",
    "live_training", "overfit_tiny_batch", "params_of", "update_ratios",
]

# One scale for every gradient check of 07 (text, table, exercise checks), both lines above 04's
# one-neuron 5e-8 / 5e-3. A network's check takes its worst entry, and near-zero entries (a
# trained net, a flat loss) keep few digits: in 07's gallery right gradients land up to ~6e-7,
# a right gradient on a saturated net's flat loss at ~2e-3, every wrong factor at 0.3 or more.
GRADIENT_CHECK_PASS = 1e-6
GRADIENT_CHECK_WRONG = 1e-2


def gradient_check_verdict(error: float) -> str:
    """The 07 scale: 'pass' below 1e-6, 'wrong' from 1e-2, 'look closer' in between.

    Introduced in 07_backprop_bugs.
    """
    if isinstance(error, float | np.floating) and np.isnan(error):
        return "wrong (not a number)"  # a broken gradient check can return NaN
    error = as_float(error, "error", allow_inf=True)
    if not np.isfinite(error):
        return "wrong (not a number)"
    if error < GRADIENT_CHECK_PASS:
        return "pass"
    if error < GRADIENT_CHECK_WRONG:
        return "look closer"
    return "wrong"


def _check_net(net) -> Network:
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    return net


def params_of(net: Network) -> list[np.ndarray]:
    """[W1, …, WK, b1, …, bK] as copies. Introduced in 07_backprop_bugs."""
    return [p.copy() for p in net.weights + net.biases]


def _net_with(net: Network, params) -> Network:
    new = net.copy()
    n = len(new.weights)
    new.weights = [np.asarray(p, dtype=float) for p in params[:n]]
    new.biases = [np.asarray(p, dtype=float) for p in params[n:]]
    return new


class LiveRun(NamedTuple):
    """What ``live_training`` saw: the mean loss per step and each check's verdict at step 0."""

    loss: np.ndarray
    gradient_error: float | None  # what the learner's gradient_check returned
    descends: bool | None  # what the learner's descent_check returned
    report: str


def live_training(backward: Callable, update: Callable, net: Network, X, T, *, lr: float = 2.0,
                  epochs: int = 300, gradient_check: Callable | None = None,
                  descent_check: Callable | None = None) -> LiveRun:
    """Train ``net`` with the learner's ``backward(net, X, T) -> (dL_dW, dL_db)`` and
    ``update(params, grads, lr) -> params``; run the learner's checks first.

    Introduced in 07_backprop_bugs. Before the first step, with ``loss_fn(params)`` = the
    mean loss and ``grads`` = what ``backward`` returned (same order as ``params``):
    ``gradient_check(loss_fn, params, grads)`` should return the relative error and
    ``descent_check(loss_fn, params, grads, update)`` whether a tiny step lowers the loss.
    Errors inside the learner's functions are reported in the text, never raised.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    X = net._check_X(X)
    T = net._check_T(T, X)
    lr, epochs = check_lr(lr), check_int(epochs, "epochs")
    lines = []

    def loss_fn(params):
        return _net_with(net, params).loss(X, T)

    def grads_at(current: Network) -> list[np.ndarray]:
        dL_dW, dL_db = backward(current, X, T)
        return [np.asarray(g, dtype=float) for g in list(dL_dW) + list(dL_db)]

    params = params_of(net)
    try:
        grads = grads_at(net)
    except Exception as exc:  # the learner's code, reported
        return LiveRun(np.array([loss_fn(params)]), None, None,
                       f"backward raised {type(exc).__name__}: {exc}")
    error = descends = None
    if gradient_check is not None:
        try:
            error = float(gradient_check(loss_fn, [p.copy() for p in params],
                                         [g.copy() for g in grads]))
            lines.append(f"gradient check: relative error {format_check_error(error)} → "
                         f"{gradient_check_verdict(error)}")
        except NotImplementedError:
            lines.append("gradient check: not written yet (exercise 1)")
        except Exception as exc:
            lines.append(f"gradient check raised {type(exc).__name__}: {exc}")
    if descent_check is not None:
        try:
            descends = bool(descent_check(loss_fn, [p.copy() for p in params],
                                          [g.copy() for g in grads], update))
            lines.append("descent check: a tiny step " + ("lowers the loss → pass" if descends
                                                          else "does NOT lower the loss → wrong"))
        except NotImplementedError:
            lines.append("descent check: not written yet (exercise 2)")
        except Exception as exc:
            lines.append(f"descent check raised {type(exc).__name__}: {exc}")
    losses = [loss_fn(params)]
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            try:
                params = [np.asarray(p, dtype=float)
                          for p in update(params, grads_at(_net_with(net, params)), lr)]
            except Exception as exc:
                lines.append(f"training stopped: {type(exc).__name__}: {exc}")
                break
            losses.append(loss_fn(params))
            if not np.isfinite(losses[-1]):
                lines.append("training stopped: the loss is no longer a finite number")
                break
    lines.append(f"loss: {losses[0]:.4f} at the start, {losses[-1]:.4f} after "
                 f"{len(losses) - 1} steps")
    return LiveRun(np.array(losses), error, descends, "\n".join(lines))


def format_check_error(error: float) -> str:
    """A gradient-check relative error as text every CPU prints alike. In 07_backprop_bugs.

    Below the pass line the digits are round-off and differ between CPUs, so only the bound
    is shown ("< 1e-06"); otherwise two significant figures.
    """
    error = as_float(error, "error", allow_inf=True)
    return f"< {GRADIENT_CHECK_PASS:.0e}" if error < GRADIENT_CHECK_PASS else f"{error:.1e}"


def expected_initial_loss(T) -> float:
    """½·mean((½ − t)²): the loss of a sigmoid net whose outputs all start near ½.

    Introduced in 07_backprop_bugs. For 0/1 targets it is 1/8 = 0.125 whatever the balance.
    """
    T = as_float_array(T, "T", ndim=(1, 2))
    return 0.5 * float(np.mean(np.sum((0.5 - T.reshape(len(T), -1)) ** 2, axis=-1)))


def overfit_tiny_batch(net: Network, X, T, n_samples: int = 4, lr: float = 2.0,
                       epochs: int = 2000):
    """Train on the first ``n_samples`` rows only; a working loop drives their loss to ≈ 0.

    Introduced in 07_backprop_bugs. Returns the training history (``helpers.train``).
    """
    n_samples = check_int(n_samples, "n_samples", minimum=1)
    X = _check_net(net)._check_X(X)
    T = net._check_T(T, X)
    return train(net, X[:n_samples], T[:n_samples], lr=lr, epochs=epochs)


def update_ratios(net: Network, X, T, lr: float) -> list[float]:
    """‖lr·dL/dW_l‖ / ‖W_l‖ for every layer: how big one step is next to the weights.

    Introduced in 07_backprop_bugs. Around 1e-3 is the usual rule of thumb; far above 1e-1
    the steps are wild, far below 1e-5 learning has (nearly) stopped.
    """
    lr = check_lr(lr)
    _, dL_dW, _ = _check_net(net).gradients(X, T)
    return [float(lr * np.linalg.norm(g) / np.linalg.norm(W))
            for g, W in zip(dL_dW, net.weights, strict=True)]


class LayerStatistics(NamedTuple):
    """Per layer l = 1 … K: every activation a_l and every δ_l = ∂L/∂z_l of a batch."""

    activations: list[np.ndarray]
    deltas: list[np.ndarray]


def layer_statistics(net: Network, X, T) -> LayerStatistics:
    """Activations and δ of every layer for the batch (X, T), mean loss. In 07_backprop_bugs."""
    X = _check_net(net)._check_X(X)
    T = net._check_T(T, X)
    fp = net.forward_all(X)
    kernels = net._kernels
    dL_da = (fp.a[-1] - T) / len(X)
    deltas = [None] * len(net.weights)
    for layer in range(len(net.weights) - 1, -1, -1):
        deltas[layer] = dL_da * kernels[layer][1](fp.a[layer + 1])
        dL_da = deltas[layer] @ net.weights[layer]
    return LayerStatistics([a.copy() for a in fp.a[1:]], deltas)
