"""Classic backprop bugs, each a small function next to its fixed twin. In 07_backprop_bugs.

A training run is assembled from small pieces; each bug swaps exactly one piece for its
broken twin, so a notebook can show the symptom and the check that catches it:

1. ``=`` instead of ``+=`` for a reused node   — ``graph_gradients_broken`` / ``_fixed``
2. gradients not reset between steps           — ``accumulate_broken`` / ``_fixed``
3. wrong sign in the update                    — ``step_broken`` / ``_fixed``
4. σ' applied to a instead of z                — ``sigmoid_prime_broken`` / ``_fixed``
5. sum instead of mean loss (lr scales with N) — ``loss_scale_broken`` / ``_fixed``
6. saturated initialisation                    — ``init_broken`` / ``_fixed``

Bug 1 uses ``helpers.graph.network_value_graph``, a Network rebuilt from ``Value`` nodes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from helpers.activations import _sigmoid
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.graph import Value, backward_buggy_assign, network_value_graph
from helpers.network import Network

__all__ = [
    "BUGS", "Bug", "GalleryEntry", "Run", "accumulate_broken", "accumulate_fixed",
    "backprop", "gallery", "gradient_check", "graph_gradients_broken", "graph_gradients_fixed",
    "init_broken", "init_fixed", "loss_scale_broken", "loss_scale_fixed", "mean_loss",
    "run_bug", "run_training", "sigmoid_prime_broken",
    "sigmoid_prime_fixed", "step_broken", "step_fixed", "train_with_graph",
]


# --- bug 1: '=' instead of '+=' on the scalar twin of a Network ---------------------------
def _graph_gradients(net: Network, X, T, backward):
    graph = network_value_graph(net, X, T)
    backward(graph.loss)
    return ([np.array([[w.grad for w in row] for row in Wl]) for Wl in graph.W],
            [np.array([v.grad for v in bl]) for bl in graph.b])


def graph_gradients_fixed(net: Network, X, T):
    """(dL_dW, dL_db) from the Value graph with the correct ``+=`` backward. Bug 1, fixed."""
    return _graph_gradients(net, X, T, Value.backward)


def graph_gradients_broken(net: Network, X, T):
    """(dL_dW, dL_db) from the Value graph with ``=`` instead of ``+=``. Bug 1, broken."""
    return _graph_gradients(net, X, T, backward_buggy_assign)


# --- the pieces of a training run (bugs 2–6) ------------------------------------------------
def sigmoid_prime_fixed(z, a):
    """σ'(z) = a(1 − a), with a = σ(z) from the forward pass. Bug 4, fixed."""
    return a * (1.0 - a)


def sigmoid_prime_broken(z, a):
    """σ'(a): the derivative evaluated at the activation instead of at z. Bug 4, broken."""
    s = _sigmoid(a)  # = sigmoid_derivative(a), without the input checks (it runs every step)
    return s * (1.0 - s)


def loss_scale_fixed(n_samples: int) -> float:
    """1/N: the loss (and so the gradient) is a mean over the batch. Bug 5, fixed."""
    return 1.0 / n_samples


def loss_scale_broken(n_samples: int) -> float:
    """1: the loss is a sum, so the gradient (and the step) grows with N. Bug 5, broken."""
    return 1.0


def accumulate_fixed(previous, grads):
    """Use this step's gradients only (reset before every step). Bug 2, fixed."""
    return grads


def accumulate_broken(previous, grads):
    """Add this step's gradients to all earlier ones (never reset). Bug 2, broken."""
    return grads if previous is None else [p + g for p, g in zip(previous, grads, strict=True)]


def step_fixed(params, grads, lr: float):
    """Gradient descent: w − lr·dL_dw. Bug 3, fixed."""
    return [p - lr * g for p, g in zip(params, grads, strict=True)]


def step_broken(params, grads, lr: float):
    """Gradient *ascent*: w + lr·dL_dw. Bug 3, broken."""
    return [p + lr * g for p, g in zip(params, grads, strict=True)]


def init_fixed(sizes, seed: int = 0):
    """Weights with standard deviation 1/√n_in (z stays near 0, σ' near 1/4). Bug 6, fixed."""
    net = Network(sizes, seed=seed)
    return net.weights + net.biases


def init_broken(sizes, seed: int = 0):
    """The same weights and biases ×20: |z| is large, σ'(z) ≈ 0, gradients vanish. Bug 6."""
    net = Network(sizes, seed=seed)
    return [20.0 * W for W in net.weights] + [20.0 * b for b in net.biases]


def _forward(params, X):
    n = len(params) // 2
    zs, As = [], [X]
    for W, b in zip(params[:n], params[n:], strict=True):
        zs.append(As[-1] @ W.T + b)
        As.append(_sigmoid(zs[-1]))
    return zs, As


def mean_loss(params, X, T) -> float:
    """½·mean over samples of Σ(a − t)² for a sigmoid net given as [W1, …, b1, …]."""
    error = _forward(params, X)[1][-1] - T
    return 0.5 * float(np.sum(error * error)) / X.shape[0]


def backprop(params, X, T, sigmoid_prime=sigmoid_prime_fixed, loss_scale=loss_scale_fixed):
    """Gradients [dL_dW1, …, dL_db1, …] of a sigmoid net; the pieces are swappable."""
    n = len(params) // 2
    zs, As = _forward(params, X)
    dL_da = loss_scale(X.shape[0]) * (As[-1] - T)
    dW, db = [None] * n, [None] * n
    for layer in range(n - 1, -1, -1):
        delta = dL_da * sigmoid_prime(zs[layer], As[layer + 1])
        dW[layer], db[layer] = delta.T @ As[layer], delta.sum(axis=0)
        dL_da = delta @ params[layer]
    return dW + db


def gradient_check(params, grads, X, T) -> float:
    """Relative error between ``grads`` and centred differences of the mean loss."""
    numerical = []
    for k, p in enumerate(params):
        def loss_of(v, k=k):
            return mean_loss(params[:k] + [v] + params[k + 1:], X, T)
        numerical.append(numerical_gradient(loss_of, p, eps=1e-6).ravel())
    return relative_error(np.concatenate([g.ravel() for g in grads]), np.concatenate(numerical))


class Run(NamedTuple):
    """One training run: mean loss per step and what the three checks saw."""
    loss: np.ndarray  # mean loss before each step (NaN-free: stops when it blows up)
    grad_error: float  # largest relative error of the gradient used at steps 0–2 vs finite diff.
    descends: bool  # does one small step of the update rule lower the loss?
    sigma_prime: float  # smallest layer mean of σ'(z) at the start (1/4 at most)
    diverged_at: int | None


def run_training(X, T, sizes=(2, 4, 1), lr: float = 2.0, epochs: int = 300, seed: int = 0, *,
                 init=init_fixed, sigmoid_prime=sigmoid_prime_fixed,
                 loss_scale=loss_scale_fixed, accumulate=accumulate_fixed,
                 step=step_fixed) -> Run:
    """Full-batch training built from the pieces above (swap one for its broken twin)."""
    X, T = np.asarray(X, float), np.asarray(T, float)
    params = [np.array(p, float) for p in init(sizes, seed)]
    zs, As = _forward(params, X)
    sigma_prime = min(float(np.mean(a * (1.0 - a))) for a in As[1:])
    probe = backprop(params, X, T, sigmoid_prime, loss_scale)
    descends = mean_loss(step(params, probe, 1e-3), X, T) < mean_loss(params, X, T)
    losses, used, grad_error, diverged_at = [], None, float("nan"), None
    with np.errstate(all="ignore"):
        for epoch in range(epochs + 1):
            loss = mean_loss(params, X, T)
            if not np.isfinite(loss):
                diverged_at = epoch
                break
            losses.append(loss)
            if epoch == epochs:
                break
            used = accumulate(used, backprop(params, X, T, sigmoid_prime, loss_scale))
            if epoch <= 2:  # from the start (bug 5) to step 2 (bug 2 needs piled-up gradients)
                grad_error = np.nanmax([grad_error, gradient_check(params, used, X, T)])
            params = step(params, used, lr)
    return Run(np.array(losses), grad_error, bool(descends), sigma_prime, diverged_at)


def train_with_graph(net: Network, X, T, lr: float = 5.0, epochs: int = 300,
                     gradients=graph_gradients_fixed) -> np.ndarray:
    """Mean loss per step of gradient descent with Value-graph gradients (bug 1's run)."""
    net, losses = net.copy(), [net.loss(X, T)]
    for _ in range(epochs):
        dL_dW, dL_db = gradients(net, X, T)
        net.set_params(step_fixed(net.weights, dL_dW, lr), step_fixed(net.biases, dL_db, lr))
        losses.append(net.loss(X, T))
    return np.array(losses)


class Bug(NamedTuple):
    """One entry of the gallery: what is broken, what you see, which check catches it."""
    title: str
    broken: dict  # keyword arguments of run_training that swap in the broken piece
    symptom: str
    caught_by: str


BUGS: dict[str, Bug] = {
    "1 = instead of +=": Bug("'=' instead of '+=' for a reused node", {},
                             "weights reused by every sample get only the last sample's share",
                             "gradient check (~1); here the descent check too"),
    "2 no gradient reset": Bug("gradients never reset between steps",
                               {"accumulate": accumulate_broken},
                               ("looks faster at first (no friction), then freezes well "
                                "above the fixed run"),
                               "gradient check from step 2 on"),
    "3 wrong sign": Bug("w += lr·g instead of w −= lr·g", {"step": step_broken},
                        "the loss goes up", "descent check (a tiny step must lower the loss)"),
    "4 σ'(a) not σ'(z)": Bug("sigmoid derivative applied to a instead of z",
                             {"sigmoid_prime": sigmoid_prime_broken},
                             ("the loss still falls, but ends worse: easy to blame the learning "
                              "rate"),
                             "gradient check (relative error ~0.3)"),
    "5 sum not mean": Bug("sum loss with a learning rate tuned for the mean",
                          {"loss_scale": loss_scale_broken},
                          "steps N× too big: the loss jumps to 1/4 at once (saturated) and stays",
                          "gradient check against the mean loss; the loss curve"),
    "6 saturated init": Bug("huge initial weights (×20)", {"init": init_broken},
                            "loss flat from the start: σ'(z) ≈ 0 so the gradients vanish",
                            "σ' check (mean σ'(z) ≪ 1/4); not the gradient check"),
}


def run_bug(name: str, X, T, lr: float = 20.0, epochs: int = 1000) -> tuple[Run, Run]:
    """(broken run, fixed run) for a bug of ``BUGS`` (bugs 2–6) on the batch (X, T)."""
    if name not in BUGS or not BUGS[name].broken:
        choices = [n for n, bug in BUGS.items() if bug.broken]
        raise ValueError(f"name must be one of {choices}; got {name!r}")
    broken = run_training(X, T, lr=lr, epochs=epochs, **BUGS[name].broken)
    return broken, run_training(X, T, lr=lr, epochs=epochs)


class GalleryEntry(NamedTuple):
    """Loss curves and check results of one bug, broken and fixed (for 07's table and explorer)."""
    broken_loss: np.ndarray
    fixed_loss: np.ndarray
    broken_error: float  # gradient-check relative error of the broken version
    fixed_error: float
    descends: bool  # does the broken update rule lower the loss for a tiny step?
    sigma_prime: float  # smallest layer mean of σ'(z) at the start, broken version


@lru_cache(maxsize=1)
def gallery() -> dict[str, GalleryEntry]:
    """Every bug of ``BUGS`` run once on the course's examples (computed once, then cached).

    Bug 1: a 2-2-1 sigmoid net (seed 3) on XOR, lr 5, 300 steps with Value-graph gradients.
    Bugs 2–6: a 2-4-1 sigmoid net (seed 0) on 64 two-moons points, lr 20, 1000 steps (a
    baseline trained well enough that no broken run ends below it).
    """
    from helpers.datasets import two_moons, xor

    X, T = xor()
    net = Network([2, 2, 1], seed=3)
    params, grads = net.weights + net.biases, sum(graph_gradients_broken(net, X, T), [])
    descends = mean_loss(step_fixed(params, grads, 1e-3), X, T) < mean_loss(params, X, T)
    entries = {"1 = instead of +=": GalleryEntry(
        train_with_graph(net, X, T, gradients=graph_gradients_broken), train_with_graph(
            net, X, T), gradient_check(params, grads, X, T), gradient_check(
            params, sum(graph_gradients_fixed(net, X, T), []), X, T), descends, float("nan"))}
    X, T = two_moons(64, 0.1, 0)
    for name in list(BUGS)[1:]:
        broken, fixed = run_bug(name, X, T)
        entries[name] = GalleryEntry(broken.loss, fixed.loss, broken.grad_error,
                                     fixed.grad_error, broken.descends, broken.sigma_prime)
    return entries
