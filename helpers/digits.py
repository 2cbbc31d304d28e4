"""The digits classifier of 09_softmax_cross_entropy: train it, and see how good it is
(the confusion matrix, the samples it gets wrong). numpy only (the data come through
scikit-learn, see ``helpers.datasets.load_digits``).
"""

from __future__ import annotations

import numpy as np

from helpers._validate import check_int
from helpers.datasets import load_digits
from helpers.network import Network
from helpers.optim import TrainHistory, train

__all__ = ["DIGITS_EPOCHS", "confusion_matrix", "misclassified", "train_digits"]

DIGITS_EPOCHS = 20  # enough for the default 64-32-10 net to pass 95 % on the test set


def train_digits(hidden: int = 32, lr: float = 0.1, batch_size: int | None = 16,
                 activation: str = "relu", epochs: int = DIGITS_EPOCHS, seed: int = 0,
                 record_params: bool = True, data=None,
                 weight_decay: float = 0.0) -> tuple[Network, TrainHistory]:
    """Train a 64-hidden-10 softmax/cross-entropy net on the digits; ``(net, history)``.

    Introduced in 09_softmax_cross_entropy. He initialisation for ReLU, Xavier otherwise;
    mini-batches of ``batch_size`` (None: full batch), shuffled from ``seed``; the test
    set's loss and accuracy are recorded after every epoch. ``data`` is the 4-tuple of
    ``load_digits()`` (loaded if not given). ``net`` is the untrained network;
    ``history.network`` the trained one. ``weight_decay`` (10_deeper_networks): see ``train``.
    """
    if data is not None and (not isinstance(data, tuple | list) or len(data) != 4):
        raise TypeError("data must be the 4-tuple (X_train, T_train, X_test, T_test) that "
                        "load_digits() returns, or None")
    X_train, T_train, X_test, T_test = load_digits() if data is None else data
    net = Network([64, hidden, 10], activation=activation, output="softmax",
                  loss="cross_entropy", init="he" if activation == "relu" else "xavier",
                  seed=seed)
    history = train(net, X_train, T_train, lr=lr, epochs=epochs, batch_size=batch_size,
                    shuffle_seed=seed, X_test=X_test, T_test=T_test,
                    record_params=record_params, weight_decay=weight_decay)
    return net, history


def _labels(values, name: str) -> np.ndarray:
    labels = np.asarray(values)
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise TypeError(f"{name} must be a 1-D array of int class labels, got dtype "
                        f"{labels.dtype} with shape {labels.shape}")
    return labels


def confusion_matrix(true_labels, predicted_labels, n_classes: int = 10) -> np.ndarray:
    """Counts C[i, j] = how many samples of class i were predicted as class j.

    Introduced in 09_softmax_cross_entropy. The diagonal holds the right answers; row i
    sums to the number of samples of class i.
    """
    true_labels = _labels(true_labels, "true_labels")
    predicted_labels = _labels(predicted_labels, "predicted_labels")
    n_classes = check_int(n_classes, "n_classes", minimum=1)
    if true_labels.shape != predicted_labels.shape:
        raise ValueError(f"predicted_labels has shape {predicted_labels.shape}, expected "
                         f"{true_labels.shape} to match true_labels")
    for name, labels in (("true_labels", true_labels), ("predicted_labels", predicted_labels)):
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(f"{name} must lie in 0..{n_classes - 1}")
    counts = np.bincount(true_labels * n_classes + predicted_labels,
                         minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)


def misclassified(true_labels, predicted_labels) -> np.ndarray:
    """Indices of the samples whose predicted label is wrong, in order. In 09."""
    true_labels = _labels(true_labels, "true_labels")
    predicted_labels = _labels(predicted_labels, "predicted_labels")
    if true_labels.shape != predicted_labels.shape:
        raise ValueError(f"predicted_labels has shape {predicted_labels.shape}, expected "
                         f"{true_labels.shape} to match true_labels")
    return np.flatnonzero(true_labels != predicted_labels)
