"""Classic backprop bugs, each a small function next to its fixed twin. In 07_backprop_bugs.

A training run of a ``Network`` is assembled from small pieces; each bug swaps exactly one
piece for its broken twin, so a notebook can show the symptom and the check that catches it:

1. ``=`` instead of ``+=`` for a reused node   — ``graph_gradients_broken`` / ``_fixed``
2. gradients not reset between steps           — ``accumulate_broken`` / ``_fixed``
3. wrong sign in the update                    — ``step_broken`` / ``_fixed``
4. σ' applied to a instead of z                — ``sigmoid_prime_broken`` / ``_fixed``
5. sum instead of mean loss (lr scales with N) — ``reduction="sum"`` / ``"mean"``
6. saturated initialisation                    — ``init_broken`` / ``_fixed``

The forward and backward passes are always ``Network``'s own (``Network.gradients`` takes the
swapped σ' and the reduction); bug 1 uses ``network_value_graph``, the same net as ``Value``s.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_int, check_lr
from helpers.activations import _sigmoid
from helpers.gradcheck import numerical_gradients, relative_error
from helpers.graph import Value, backward_buggy_assign
from helpers.network import Network
from helpers.value_network import network_value_graph

__all__ = [
    "BUGS", "Bug", "GalleryEntry", "Run", "accumulate_broken", "accumulate_fixed",
    "bug_gallery", "gradient_error", "graph_gradients_broken", "graph_gradients_fixed",
    "init_broken", "init_fixed", "run_bug", "run_training", "sigmoid_prime_broken",
    "sigmoid_prime_fixed", "step_broken", "step_fixed", "train_with_graph",
]


# --- bug 1: '=' instead of '+=' on the scalar twin of a Network ---------------------------
def _graph_gradients(net: Network, X, T, backward):
    graph = network_value_graph(net, X, T)
    backward(graph.loss)
    return ([np.array([[w.grad for w in row] for row in Wl]) for Wl in graph.W],
            [np.array([v.grad for v in bl]) for bl in graph.b])


def graph_gradients_fixed(net: Network, X, T):
    """(dL_dW, dL_db) from the Value graph with the correct ``+=`` backward.

    Introduced in 07_backprop_bugs (bug 1, fixed).
    """
    return _graph_gradients(net, X, T, Value.backward)


def graph_gradients_broken(net: Network, X, T):
    """(dL_dW, dL_db) from the Value graph with ``=`` instead of ``+=``.

    Introduced in 07_backprop_bugs (bug 1, broken).
    """
    return _graph_gradients(net, X, T, backward_buggy_assign)


# --- the pieces of a training run (bugs 2–6) ------------------------------------------------
def sigmoid_prime_fixed(a):
    """σ'(z) = a(1 − a), with a = σ(z) from the forward pass. In 07_backprop_bugs (bug 4)."""
    return a * (1.0 - a)


def sigmoid_prime_broken(a):
    """σ'(a): the derivative evaluated at the activation, not at z. In 07_backprop_bugs (bug 4)."""
    s = _sigmoid(a)  # = sigmoid_derivative(a), without the input checks (it runs every step)
    return s * (1.0 - s)


def accumulate_fixed(previous, grads):
    """Use this step's gradients only (reset before every step). In 07_backprop_bugs (bug 2)."""
    return grads


def accumulate_broken(previous, grads):
    """Add this step's gradients to all earlier ones (never reset). In 07_backprop_bugs (bug 2)."""
    return grads if previous is None else [p + g for p, g in zip(previous, grads, strict=True)]


def step_fixed(params, grads, lr: float):
    """Gradient descent on a list of arrays: w − lr·dL_dw. In 07_backprop_bugs (bug 3)."""
    return [p - lr * g for p, g in zip(params, grads, strict=True)]


def step_broken(params, grads, lr: float):
    """Gradient *ascent*: w + lr·dL_dw. In 07_backprop_bugs (bug 3, broken)."""
    return [p + lr * g for p, g in zip(params, grads, strict=True)]


def init_fixed(sizes, seed: int = 0) -> Network:
    """A sigmoid Network, weights with standard deviation 1/√n_in (σ' near 1/4).

    Introduced in 07_backprop_bugs (bug 6, fixed).
    """
    return Network(sizes, seed=seed)


def init_broken(sizes, seed: int = 0) -> Network:
    """The same Network with every weight and bias ×20: the output's σ'(z) ≈ 0, so the
    gradients vanish.

    Introduced in 07_backprop_bugs (bug 6, broken).
    """
    net = Network(sizes, seed=seed)
    net.set_params([20.0 * W for W in net.weights], [20.0 * b for b in net.biases])
    return net


def _params(net: Network) -> list[np.ndarray]:
    return net.weights + net.biases


def _with_params(net: Network, params) -> Network:
    """A copy of ``net`` holding ``params`` = [W1, …, b1, …] (no checks: NaN may be the point)."""
    new = net.copy()
    n = len(new.weights)
    new.weights, new.biases = list(params[:n]), list(params[n:])
    return new


def gradient_error(net: Network, grads, X, T) -> float:
    """Relative error between ``grads`` = [dL_dW1, …, dL_db1, …] and centred differences of
    ``net``'s mean loss on (X, T). Introduced in 07_backprop_bugs (the gradient check)."""
    if not isinstance(net, Network):
        raise TypeError(f"net must be a helpers Network, got {type(net).__name__}")
    X = net._check_X(X)
    T = net._check_T(T, X)
    if isinstance(grads, np.ndarray) or not isinstance(grads, list | tuple):
        raise TypeError("grads must be a list of arrays [dL_dW1, …, dL_db1, …]")
    if len(grads) != len(_params(net)):
        raise ValueError(f"grads has {len(grads)} arrays, expected {len(_params(net))}: "
                         "[dL_dW1, …, dL_db1, …]")
    grads = [as_float_array(g, f"grads[{k}]", shape=p.shape, match=f"to match parameter {k}")
             for k, (g, p) in enumerate(zip(grads, _params(net), strict=True))]
    numerical = numerical_gradients(lambda ps: _with_params(net, ps).loss(X, T), _params(net))
    return relative_error(np.concatenate([np.ravel(g) for g in grads]),
                          np.concatenate([g.ravel() for g in numerical]))


def _descends(net: Network, grads, step, X, T) -> bool:
    """The descent check: does a tiny step of the update rule lower the loss?"""
    return bool(_with_params(net, step(_params(net), grads, 1e-3)).loss(X, T) < net.loss(X, T))


class Run(NamedTuple):
    """One training run: mean loss per step and what the three checks saw. In 07_backprop_bugs."""
    loss: np.ndarray  # mean loss before each step (NaN-free: stops when it blows up)
    grad_error: float  # largest relative error of the gradient used at steps 0–2
    descends: bool  # does one small step of the update rule lower the loss?
    sigma_prime: float  # smallest layer mean of σ'(z) at the start (1/4 at most)
    diverged_at: int | None


def run_training(X, T, sizes=(2, 4, 1), lr: float = 2.0, epochs: int = 300, seed: int = 0, *,
                 init=init_fixed, sigmoid_prime=sigmoid_prime_fixed, reduction: str = "mean",
                 accumulate=accumulate_fixed, step=step_fixed) -> Run:
    """Full-batch training of a sigmoid Network built from the pieces above.

    Introduced in 07_backprop_bugs. Swap one piece for its broken twin to see its symptom;
    the loss recorded is always the mean loss (what the learner would watch).
    """
    lr, epochs = check_lr(lr), check_int(epochs, "epochs")
    net = init(sizes, seed)
    X = net._check_X(X)
    T = net._check_T(T, X)
    sigma_prime = min(float(np.mean(a * (1.0 - a))) for a in net.forward_all(X).a[1:])

    def grads_of(net):
        g = net.gradients(X, T, reduction, slope_from_a=sigmoid_prime)
        return g.dL_dW + g.dL_db

    descends = _descends(net, grads_of(net), step, X, T)
    losses, used, grad_error, diverged_at = [], None, float("nan"), None
    with np.errstate(all="ignore"):
        for epoch in range(epochs + 1):
            loss = net.loss(X, T)
            if not np.isfinite(loss):
                diverged_at = epoch
                break
            losses.append(loss)
            if epoch == epochs:
                break
            used = accumulate(used, grads_of(net))
            if epoch <= 2:  # from the start (bug 5) to step 2 (bug 2 needs piled-up gradients)
                grad_error = np.nanmax([grad_error, gradient_error(net, used, X, T)])
            net = _with_params(net, step(_params(net), used, lr))
    return Run(np.array(losses), grad_error, descends, sigma_prime, diverged_at)


def train_with_graph(net: Network, X, T, lr: float = 5.0, epochs: int = 300,
                     gradients=graph_gradients_fixed) -> np.ndarray:
    """Mean loss per step of gradient descent with Value-graph gradients (bug 1's run).

    Introduced in 07_backprop_bugs.
    """
    losses = [net.loss(X, T)]
    for _ in range(epochs):
        dL_dW, dL_db = gradients(net, X, T)
        net = _with_params(net, step_fixed(_params(net), dL_dW + dL_db, lr))
        losses.append(net.loss(X, T))
    return np.array(losses)


class Bug(NamedTuple):
    """A bug of the gallery: what is broken, what you see, which check catches it.

    Introduced in 07_backprop_bugs.
    """
    title: str
    broken: dict  # keyword arguments of run_training that swap in the broken piece
    symptom: str
    caught_by: str


BUGS: dict[str, Bug] = {
    "1 = instead of +=": Bug("'=' instead of '+=' for a reused node", {},
                             ("weights reused by every sample keep one sample's share (the last "
                              "one written)"),
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
                          {"reduction": "sum"},
                          "steps N× too big: the loss jumps to 1/4 at once (saturated) and stays",
                          "gradient check against the mean loss; the loss curve"),
    "6 saturated init": Bug("huge initial weights (×20)", {"init": init_broken},
                            ("loss flat from the start: the output's σ'(z) ≈ 0, so the "
                             "gradients vanish"),
                            "σ' check (mean σ'(z) ≪ 1/4); not the gradient check"),
}


def run_bug(name: str, X, T, lr: float = 20.0, epochs: int = 1000) -> tuple[Run, Run]:
    """(broken run, fixed run) for a bug of ``BUGS`` (bugs 2–6) on the batch (X, T).

    Introduced in 07_backprop_bugs.
    """
    if name not in BUGS or not BUGS[name].broken:
        choices = [n for n, bug in BUGS.items() if bug.broken]
        raise ValueError(f"name must be one of {choices}; got {name!r}")
    broken = run_training(X, T, lr=lr, epochs=epochs, **BUGS[name].broken)
    return broken, run_training(X, T, lr=lr, epochs=epochs)


class GalleryEntry(NamedTuple):
    """Loss curves and check results of one bug, broken and fixed. In 07_backprop_bugs."""
    broken_loss: np.ndarray
    fixed_loss: np.ndarray
    broken_error: float  # gradient-check relative error of the broken version
    fixed_error: float
    descends: bool  # does the broken update rule lower the loss for a tiny step?
    sigma_prime: float  # smallest layer mean of σ'(z) at the start, broken version


@lru_cache(maxsize=1)
def bug_gallery() -> dict[str, GalleryEntry]:
    """Every bug of ``BUGS`` run once on the course's examples (computed once, then cached).

    Introduced in 07_backprop_bugs. Bug 1: a 2-2-1 sigmoid net (seed 3) on XOR, lr 5, 300
    steps with Value-graph gradients. Bugs 2–6: a 2-4-1 sigmoid net (seed 0) on 64 two-moons
    points, lr 20, 1000 steps: a baseline trained well enough that no broken run ends below it.
    """
    from helpers.datasets import two_moons, xor

    X, T = xor()
    net = Network([2, 2, 1], seed=3)
    broken, fixed = (sum(g(net, X, T), []) for g in (graph_gradients_broken,
                                                     graph_gradients_fixed))
    entries = {"1 = instead of +=": GalleryEntry(
        train_with_graph(net, X, T, gradients=graph_gradients_broken),
        train_with_graph(net, X, T), gradient_error(net, broken, X, T),
        gradient_error(net, fixed, X, T), _descends(net, broken, step_fixed, X, T),
        float("nan"))}
    X, T = two_moons(64, 0.1, 0)
    for name in list(BUGS)[1:]:
        broken_run, fixed_run = run_bug(name, X, T)
        entries[name] = GalleryEntry(broken_run.loss, fixed_run.loss, broken_run.grad_error,
                                     fixed_run.grad_error, broken_run.descends,
                                     broken_run.sigma_prime)
    return entries
