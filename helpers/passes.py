"""Batch forward and backward passes through fully connected layers, in matrix form.

Introduced in 06_multilayer. Layer l computes, for a batch X of shape (n_samples, n_in):

    Z_l = A_{l-1} · W_lᵀ + b_l,   A_l = f(Z_l),   A_0 = X

with W_l of shape (n_out, n_in). Backprop uses one error term δ_l = dL/dZ_l per layer:

    δ_L = dL/dA_L ⊙ f'(Z_L),   δ_{l-1} = (δ_l · W_l) ⊙ f'(Z_{l-1})
    dL/dW_l = δ_lᵀ · A_{l-1},   dL/db_l = Σ_samples δ_l

``Network`` (helpers.network) holds the weights and calls these; they do no validation.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["ForwardPass", "Gradients", "backprop", "forward_pass"]


class ForwardPass(NamedTuple):
    """Every layer's z and a for a batch. ``a[0]`` is the input X. Used in 06_multilayer."""

    z: list[np.ndarray]  # z[l] has shape (n_samples, sizes[l + 1])
    a: list[np.ndarray]  # a[0] = X, a[l + 1] = f(z[l])


class Gradients(NamedTuple):
    """Loss and its gradients for every layer: ``(loss, dL_dW, dL_db)``. In 06_multilayer."""

    loss: float
    dL_dW: list[np.ndarray]  # same shapes as Network.weights
    dL_db: list[np.ndarray]  # same shapes as Network.biases


def forward_pass(weights, biases, kernels, X: np.ndarray) -> ForwardPass:
    """Every layer's z and a for the batch ``X``; ``kernels[l]`` is layer l's (f, f′ from a).

    Introduced in 06_multilayer.
    """
    zs, As = [], [X]
    for W, b, (f, _) in zip(weights, biases, kernels, strict=True):
        z = As[-1] @ W.T
        z += b
        zs.append(z)
        As.append(f(z))
    return ForwardPass(zs, As)


def backprop(weights, kernels, As, delta: np.ndarray, out=None, slope_from_a=None):
    """``(dL_dW, dL_db)`` from the output layer's error term ``delta`` = dL/dz_L, by backprop.

    Introduced in 06_multilayer. ``As``: every layer's a (``ForwardPass.a``); ``out``: a pair
    of lists of arrays to write the gradients into (the training loop reuses one buffer);
    ``slope_from_a``, if given, replaces the hidden layers' f′ written in terms of a.
    """
    n_layers = len(weights)
    dL_dW, dL_db = out if out is not None else ([None] * n_layers, [None] * n_layers)
    for layer in range(n_layers - 1, -1, -1):
        if out is None:
            dL_dW[layer] = delta.T @ As[layer]
            dL_db[layer] = delta.sum(axis=0)  # db: sum of δ over samples
        else:  # same, written into the caller's buffers
            np.matmul(delta.T, As[layer], out=dL_dW[layer])
            np.add.reduce(delta, axis=0, out=dL_db[layer])
        if layer:  # pass the error back: δ_{l−1} = (δ_l · W_l) ⊙ f'(z_{l−1})
            dL_da = delta @ weights[layer]
            slope = kernels[layer - 1][1] if slope_from_a is None else slope_from_a
            delta = dL_da * slope(As[layer])
    return dL_dW, dL_db
