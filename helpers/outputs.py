"""Output layers and losses of 09_softmax_cross_entropy: softmax, cross-entropy, accuracy.

Introduced in 09_softmax_cross_entropy. A network's output layer may be its own
(``output="softmax" | "sigmoid" | "identity"``) and its loss the cross-entropy
(``loss="cross_entropy"``). With softmax (or sigmoid) outputs and cross-entropy the output
error term is simply

    δ_L = a − t   (per sample; divided by N for the mean),

because the softmax's slope and the logarithm's 1/a cancel. Softmax and its logarithm are
computed from z − max(z), so they never overflow for any finite logits.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers._validate import as_float_array, check_choice
from helpers.activations import _layer_activation_names, get_activation

__all__ = ["LOSSES", "OUTPUTS", "log_softmax", "output_delta", "softmax"]

OUTPUTS = ("sigmoid", "softmax", "identity")  # the output layers offered by ``output=``
LOSSES = ("squared_error", "cross_entropy")


# --- raw kernels: no validation ---


def _softmax(z: np.ndarray) -> np.ndarray:
    # Subtracting each row's max changes nothing mathematically (it cancels in the ratio) and
    # makes every exponent <= 0: no overflow for any finite z, and the largest term is exactly 1.
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    # log softmax(z) = (z − m) − log Σ e^(z − m): finite for finite z even where softmax
    # underflows to 0 (which would make log(softmax) = −inf).
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _softplus(z: np.ndarray) -> np.ndarray:
    # log(1 + e^z) without overflow: max(z, 0) + log(1 + e^(−|z|)).
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _identity(z: np.ndarray) -> np.ndarray:
    return z


def _ones_from_a(a: np.ndarray) -> np.ndarray:
    return np.ones_like(a)


# name -> (f, f' from a) for the output layers that are not hidden activations. Softmax has no
# elementwise slope: its output error term is worked out whole in ``output_delta``.
_OUTPUT_KERNELS = {"identity": (_identity, _ones_from_a), "softmax": (_softmax, None)}


def _accuracy(Y: np.ndarray, T: np.ndarray) -> float:
    """Fraction of samples classified right: argmax(y) == argmax(t) for several outputs,
    (y >= 0.5) == (t >= 0.5) for one output (0/1 targets)."""
    if Y.shape[1] == 1:
        return float(np.count_nonzero((Y >= 0.5) == (T >= 0.5))) / len(Y)
    return float(np.count_nonzero(Y.argmax(axis=1) == T.argmax(axis=1))) / len(Y)


def softmax(z):
    """Softmax along the last axis, e^z_k / Σ_j e^z_j, stable for any finite z.

    Introduced in 09_softmax_cross_entropy. Each row of the result is a probability
    distribution (non-negative, sums to 1).
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    return _softmax(z)


def log_softmax(z):
    """log softmax(z) along the last axis, z_k − log Σ_j e^z_j, finite for any finite z.

    Introduced in 09_softmax_cross_entropy (the cross-entropy is −Σ t · log_softmax(z)).
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    return _log_softmax(z)


def _layer_setup(activation, output, output_activation, loss, n_layers: int
                 ) -> tuple[tuple[str, ...], str | None, str]:
    """(every layer's activation name, output last; the hidden layers' one name or None; the
    loss) from a Network's arguments, each checked with a clear error."""
    if output is not None and output_activation is not None:
        raise ValueError("give output (the newer name) or output_activation, not both")
    if output is not None:
        check_choice(output, "output", OUTPUTS)
    else:
        output = output_activation
    hidden, default_output = _layer_activation_names(activation, n_layers)
    if output is None:  # 06's networks: the output layer uses the hidden activation
        output = default_output
    elif output not in OUTPUTS:
        output = get_activation(output).name  # 06's output_activation="tanh" and co.
    # one name when the hidden layers agree (or there are none), as in 06; else None
    if not hidden:  # a single layer: the name given, as in 06
        activation_name = default_output
    else:
        activation_name = hidden[0] if len(set(hidden)) == 1 else None
    check_choice(loss, "loss", LOSSES)
    if loss == "cross_entropy" and output not in ("sigmoid", "softmax"):
        raise ValueError(
            f"loss='cross_entropy' needs probabilities at the output: use "
            f"output='softmax' (one class per output) or output='sigmoid', not {output!r}")
    return (*hidden, output), activation_name, loss


def _check_targets(T: np.ndarray, loss: str, output: str) -> np.ndarray:
    """``T`` (already a float array of the right shape), refused if ``loss`` cannot use it."""
    if loss == "cross_entropy":
        if T.min() < 0.0 or T.max() > 1.0:
            raise ValueError(
                f"T must hold probabilities in [0, 1] for loss='cross_entropy', got values "
                f"from {T.min():g} to {T.max():g}; use one-hot rows such as [0, 0, 1]")
        if output == "softmax":
            sums = T.sum(axis=1)
            bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-6)
            if bad.size:
                raise ValueError(
                    f"each row of T must sum to 1 for softmax outputs with cross-entropy "
                    f"(one-hot rows such as [0, 0, 1]); row {bad[0]} sums to "
                    f"{sums[bad[0]]:g}")
    return T


def output_delta(a: np.ndarray, z: np.ndarray, T: np.ndarray, loss: str, output: str,
                 slope_from_a: Callable[[np.ndarray], np.ndarray] | None
                 ) -> tuple[float, np.ndarray]:
    """The loss summed over samples and the output error term δ_L = dL/dz_L for that sum.

    Introduced in 09_softmax_cross_entropy. ``a``, ``z``: the output layer's activations and
    pre-activations for a batch; ``T``: the targets; ``loss``, ``output``: names from
    ``LOSSES`` and the output layer's activation; ``slope_from_a``: the output's f′ written
    in terms of a (unused for softmax and for cross-entropy, where δ = a − t).
    """
    if loss == "cross_entropy":
        if output == "softmax":
            loss_sum = -float(np.vdot(T, _log_softmax(z)))  # −Σ t·log a, from z: never log 0
        else:  # −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = t·softplus(−z) + (1 − t)·softplus(z)
            loss_sum = float(np.sum(T * _softplus(-z) + (1.0 - T) * _softplus(z)))
        return loss_sum, a - T  # the slope of the output and of the log cancel: δ = a − t
    error = a - T
    loss_sum = 0.5 * float(np.vdot(error, error))
    if output == "softmax":
        # softmax's Jacobian is diag(a) − a·aᵀ, so δ = a ⊙ (g − Σ_k g_k a_k) with g = dL/da
        return loss_sum, a * (error - np.sum(error * a, axis=1, keepdims=True))
    return loss_sum, error * slope_from_a(a)
