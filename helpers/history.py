"""What a training run records, epoch by epoch: loss, accuracy, test set, snapshots.

Introduced in 06_multilayer (the loss curve of ``train``); accuracy and a held-out test set
added in 09_softmax_cross_entropy. ``helpers.optim.train`` fills a ``_Run`` as it goes and
returns its ``TrainHistory``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.network import Network
from helpers.outputs import _accuracy

__all__ = ["DIVERGENCE_LIMIT", "TrainHistory"]

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
