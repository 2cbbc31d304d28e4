"""Looking inside a deep network: per-layer activations and gradients, dead ReLU units, the
noise of mini-batch gradients, and the cost of finite differences against backprop.

Introduced in 10_deeper_networks. numpy only; every number comes from ``Network``.
"""

from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from helpers._validate import check_int
from helpers.layer_backprop import dead_units
from helpers.network import Network

__all__ = ["LayerStats", "dead_fraction", "deep_net", "gradient_noise", "layer_stats",
           "mystery_networks", "time_gradients"]

UNIFORM_SCALE = 0.3  # deep_net's init="uniform" draws from ±0.3·gain


def deep_net(depth: int, activation: str, init: str, gain: float = 1.0, width: int = 64,
             seed: int = 0) -> Network:
    """A digits net, 64 → ``depth`` hidden layers of ``width`` → 10 (softmax, cross-entropy),
    initialised by ``init`` with its scale multiplied by ``gain``. In 10_deeper_networks."""
    depth = check_int(depth, "depth", minimum=1)
    scale = UNIFORM_SCALE * gain if init == "uniform" else gain
    return Network([64] + [width] * depth + [10], activation=activation, output="softmax",
                   loss="cross_entropy", init=init, init_scale=scale, seed=seed)


# How the four networks of 10's diagnosis exercise are made. The notebook shows only their
# activation and their statistics: diagnosing them from the evidence is the exercise. Width and
# seed differ from the histogram explorer's (64 units, seed 0), so no explorer state shows the
# same numbers: the learner has to read the evidence, not match it.
_MYSTERY = {"A": ("relu", "he", 1.0), "B": ("tanh", "xavier", 2.5),
            "C": ("relu", "he", 0.6), "D": ("relu", "he", 1.5)}
_MYSTERY_WIDTH, _MYSTERY_SEED = 48, 3


def mystery_networks() -> dict[str, tuple[str, Network]]:
    """The four untrained six-layer digits nets of the diagnosis exercise, as
    {name: (hidden activation, network)}; how each was initialised is not shown.
    Introduced in 10_deeper_networks."""
    return {name: (activation, deep_net(6, activation, init, gain, width=_MYSTERY_WIDTH,
                                        seed=_MYSTERY_SEED))
            for name, (activation, init, gain) in _MYSTERY.items()}


class LayerStats(NamedTuple):
    """Per hidden layer: its activations a (all samples, all units, flattened) and the
    gradient dL/dW of the weights feeding it. In 10_deeper_networks."""

    activations: list[np.ndarray]
    weight_gradients: list[np.ndarray]


def _check_net(net) -> Network:
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    return net


def layer_stats(net: Network, X, T) -> LayerStats:
    """Activations of every hidden layer and dL/dW of every layer but the output's, for the
    batch (X, T): what Karpathy-style histograms show. In 10_deeper_networks."""
    net = _check_net(net)
    X = net._check_X(X)
    T = net._check_T(T, X)
    with np.errstate(over="ignore", under="ignore"):
        forward = net._forward(X)
        gradients = net._gradients(X, T, "mean", fp=forward)  # one forward pass, not two
    hidden = len(net.sizes) - 2
    return LayerStats([a.ravel() for a in forward.a[1:hidden + 1]],
                      [g.ravel() for g in gradients.dL_dW[:hidden]])


def dead_fraction(net: Network, X) -> list[float]:
    """For each hidden layer, the fraction of its units that output 0 for *every* sample of X
    (06's ``dead_units``: a dead ReLU passes no gradient back, so its own weights stop moving;
    in the first hidden layer for good, deeper only until the layers below change its input).
    Introduced in 10_deeper_networks."""
    return [float(np.mean(dead)) for dead in dead_units(_check_net(net), X)]


def gradient_noise(net: Network, X, T, batch_size: int, n_batches: int = 100,
                   seed: int = 0) -> float:
    """How far a mini-batch gradient strays from the full-batch one, relative to its size:
    the mean of ‖g_batch − g_full‖ / ‖g_full‖ over ``n_batches`` random batches (drawn
    without replacement within a batch). It falls like 1/√batch_size. In 10_deeper_networks.
    """
    net = _check_net(net)
    X = net._check_X(X)
    T = net._check_T(T, X)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    n_batches = check_int(n_batches, "n_batches", minimum=1)
    if batch_size > len(X):
        raise ValueError(f"batch_size must be at most the {len(X)} samples, got {batch_size}")
    rng = np.random.default_rng(check_int(seed, "seed"))

    def flat(g):
        return np.concatenate([w.ravel() for w in g.dL_dW] + [b.ravel() for b in g.dL_db])

    full = flat(net.gradients(X, T))
    size = np.linalg.norm(full)
    errors = []
    for _ in range(n_batches):
        rows = rng.choice(len(X), size=batch_size, replace=False)
        errors.append(np.linalg.norm(flat(net.gradients(X[rows], T[rows])) - full) / size)
    return float(np.mean(errors))


class GradientTiming(NamedTuple):
    """Result of ``time_gradients``. In 10_deeper_networks."""

    n_params: int
    forward_passes: int  # what finite differences needed: two per parameter
    backprop_seconds: float
    finite_difference_seconds: float
    max_relative_error: float


def time_gradients(net: Network, X, T, eps: float = 1e-6) -> GradientTiming:
    """Time one backprop gradient against centred finite differences of every weight and bias
    (two forward passes each), and compare the two gradients. In 10_deeper_networks."""
    net = _check_net(net)
    X = net._check_X(X)
    T = net._check_T(T, X)
    start = time.perf_counter()
    gradients = net.gradients(X, T)
    backprop = time.perf_counter() - start
    analytic = [*gradients.dL_dW, *gradients.dL_db]
    probe = net.copy()
    params = [*probe.weights, *probe.biases]
    passes, worst = 0, 0.0
    start = time.perf_counter()
    for p, g in zip(params, analytic, strict=True):
        numeric = np.empty_like(p)
        for index in np.ndindex(p.shape):
            old = p[index]
            p[index] = old + eps
            up = probe.loss(X, T)
            p[index] = old - eps
            down = probe.loss(X, T)
            p[index] = old
            numeric[index] = (up - down) / (2 * eps)
            passes += 2
        scale = np.maximum(np.abs(numeric) + np.abs(g), 1e-8)
        worst = max(worst, float(np.max(np.abs(numeric - g) / scale)))
    finite = time.perf_counter() - start
    return GradientTiming(net.n_params, passes, backprop, finite, worst)
