"""Backprop for one sample, layer by layer: every z, a, f′(z) and δ = ∂L/∂z, and dead ReLU units.

Introduced in 06_multilayer, where the δ recursion is derived on the numbers of a 2-2-1 net:

    δ_K = (a_K − t) ⊙ f′(z_K)                    (K = the last layer, L = ½ Σ (a_K − t)²)
    δ_l = (δ_{l+1} · W_{l+1}) ⊙ f′(z_l)           (each hidden unit: the weighted sum of the
                                                   errors downstream, times its own slope)

``numerical_deltas`` gets the same δ without the recursion, by nudging each z and re-running
the rest of the network, so the derivation can be checked against the definition ∂L/∂z.
numpy only; nothing is changed in place.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_int, positive_float
from helpers.activations import get_activation
from helpers.network import Network

__all__ = ["DeltaTrace", "PassCost", "dead_units", "delta_trace", "multiplications",
           "numerical_deltas"]


class DeltaTrace(NamedTuple):
    """One sample's forward and backward pass; index l = 0 … K−1 is layer l + 1.

    ``z[l]``, ``a[l]``, ``f_prime[l]`` and ``delta[l]`` have one entry per unit of that layer;
    ``inputs`` is x; ``loss`` is ½ Σ (a_K − t)²; ``dL_dW[l] = outer(delta[l], a_prev)`` and
    ``dL_db[l] = delta[l]``.
    """

    inputs: np.ndarray
    z: list[np.ndarray]
    a: list[np.ndarray]
    f_prime: list[np.ndarray]
    delta: list[np.ndarray]
    loss: float
    dL_dW: list[np.ndarray]
    dL_db: list[np.ndarray]


def _layer_activations(net: Network) -> list:
    n_layers = len(net.weights)
    return [get_activation(net.output_activation if i == n_layers - 1 else net.activation)
            for i in range(n_layers)]


def _check_net(net) -> Network:
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    return net


def _sample(net: Network, x, t) -> tuple[np.ndarray, np.ndarray]:
    _check_net(net)
    x = as_float_array(x, "x", ndim=1)
    if x.shape != (net.sizes[0],):
        raise ValueError(f"x has shape {x.shape}, expected ({net.sizes[0]},): one sample for a "
                         f"network with {net.sizes[0]} inputs (e.g. X[1])")
    t = as_float_array(np.atleast_1d(t), "t", shape=(net.sizes[-1],),
                       match="(one target per output)")
    return x, t


def delta_trace(net: Network, x, t) -> DeltaTrace:
    """Forward then backward for one sample ``x`` with target ``t``, keeping every δ.

    Introduced in 06_multilayer. The loss is L = ½ Σ_outputs (a_K − t)² for this one sample.
    """
    x, t = _sample(net, x, t)
    acts = _layer_activations(net)
    zs, As, slopes = [], [], []
    a_prev = x
    for W, b, act in zip(net.weights, net.biases, acts, strict=True):
        z = W @ a_prev + b
        a = act.f(z)
        zs.append(z)
        As.append(a)
        slopes.append(act.df(z))
        a_prev = a
    error = As[-1] - t
    deltas = [None] * len(zs)
    deltas[-1] = error * slopes[-1]  # δ_K = ∂L/∂a_K · f′(z_K)
    for layer in range(len(zs) - 2, -1, -1):
        # weighted sum of the errors downstream, times this unit's own slope
        deltas[layer] = (net.weights[layer + 1].T @ deltas[layer + 1]) * slopes[layer]
    prevs = [x, *As[:-1]]
    return DeltaTrace(
        inputs=x, z=zs, a=As, f_prime=slopes, delta=deltas,
        loss=0.5 * float(np.sum(error**2)),
        dL_dW=[np.outer(d, p) for d, p in zip(deltas, prevs, strict=True)],
        dL_db=[d.copy() for d in deltas],
    )


def numerical_deltas(net: Network, x, t, eps: float = 1e-6) -> list[np.ndarray]:
    """∂L/∂z of every unit by centred differences: nudge one z, re-run the layers after it.

    Introduced in 06_multilayer, to check the δ recursion against its definition.
    """
    x, t = _sample(net, x, t)
    eps = positive_float(eps, "eps")
    trace = delta_trace(net, x, t)
    acts = _layer_activations(net)

    def loss_from(layer: int, z: np.ndarray) -> float:
        a = acts[layer].f(z)
        for W, b, act in zip(net.weights[layer + 1:], net.biases[layer + 1:],
                             acts[layer + 1:], strict=True):
            a = act.f(W @ a + b)
        return 0.5 * float(np.sum((a - t) ** 2))

    result = []
    for layer, z in enumerate(trace.z):
        grad = np.empty_like(z)
        for j in range(z.size):
            up, down = z.copy(), z.copy()
            up[j] += eps
            down[j] -= eps
            grad[j] = (loss_from(layer, up) - loss_from(layer, down)) / (2 * eps)
        result.append(grad)
    return result


def dead_units(net: Network, X) -> list[np.ndarray]:
    """For each hidden layer, a boolean per unit: True when its output is 0 for every row of X.

    Introduced in 06_multilayer. A ReLU unit whose z < 0 for every input passes no gradient
    (f′ = 0 there), so its own weights stop moving: it is *dead* (for good in the first hidden
    layer; a deeper one comes back only if the layers below change what it receives).
    """
    fp = _check_net(net).forward_all(X)
    return [np.all(a == 0.0, axis=0) for a in fp.a[1:-1]]


class PassCost(NamedTuple):
    """Multiplications of one forward and one backward pass over a batch. In 06_multilayer."""

    forward: int
    backward: int


def multiplications(sizes, n_samples: int) -> PassCost:
    """Count the multiplications of the matrix products of a forward and a backward pass of a
    dense net with layer ``sizes`` on ``n_samples`` samples (the element-wise f and f′ are
    cheap next to them, and not counted).

    Forward: one product per layer, A_{l−1} W_lᵀ (N·n_l·n_{l−1}). Backward: two per layer,
    δ_lᵀ A_{l−1} for ∂L/∂W_l and δ_l W_l to send δ back — except the first layer, whose δ
    would only reach the inputs. So backward ≤ 2 × forward. Introduced in 06_multilayer.
    """
    if isinstance(sizes, str | bytes) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must be a list of at least two layer sizes, like [2, 8, 1]; "
                         f"got {sizes!r}")
    sizes = [check_int(size, "sizes", minimum=1) for size in sizes]
    n = check_int(n_samples, "n_samples", minimum=1)
    products = [n * n_out * n_in for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False)]
    return PassCost(forward=sum(products), backward=sum(products) + sum(products[1:]))
