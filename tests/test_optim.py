"""The training loop: conventions, XOR, divergence, purity, equivalence with a manual loop.

Timings live in the benchmark (make bench), not here."""

import math
import warnings

import numpy as np
import pytest

from helpers.network import Network
from helpers.optim import TrainHistory, train

X_XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
T_XOR = np.array([[0.0], [1.0], [1.0], [0.0]])


def test_xor_learns_and_converges():
    net = Network([2, 2, 1], seed=3)
    h = train(net, X_XOR, T_XOR, lr=2.0, epochs=5000, tol=0.1)
    assert isinstance(h, TrainHistory)
    assert h.converged and not h.diverged and h.diverged_at is None
    assert 0 < h.epochs_run < 5000
    assert len(h.loss) == h.epochs_run + 1
    assert h.loss[-1] < h.loss[0]
    Y = h.network.forward(X_XOR)
    assert (np.abs(Y - T_XOR) < 0.1).all()  # the stop criterion really holds
    assert h.final_loss == pytest.approx(h.network.loss(X_XOR, T_XOR), rel=1e-12)
    assert h.loss[0] == pytest.approx(net.loss(X_XOR, T_XOR), rel=1e-12)
    assert h.params is None


def test_converged_flag_is_consistent_with_outputs():
    for seed in range(4):
        h = train(Network([2, 2, 1], seed=seed), X_XOR, T_XOR, lr=1.0, epochs=800, tol=0.2)
        within = bool((np.abs(h.network.forward(X_XOR) - T_XOR) < 0.2).all())
        assert h.converged == within
        assert h.epochs_run == (len(h.loss) - 1)
        if not h.converged:
            assert h.epochs_run == 800


def test_momentum_run_decreases_loss():
    h = train(Network([2, 3, 1], seed=0), X_XOR, T_XOR, lr=0.5, epochs=300, momentum=0.9)
    assert h.loss[-1] < h.loss[0] and h.epochs_run == 300 and len(h.loss) == 301


def test_divergence_is_reported_without_warnings():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 2))
    T = rng.normal(size=(8, 1))
    net = Network([2, 4, 1], activation="relu", seed=1)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        h = train(net, X, T, lr=1e6, epochs=500)
    assert h.diverged and not h.converged
    assert isinstance(h.diverged_at, int) and h.diverged_at == h.epochs_run < 500
    assert not h.loss[-1] <= 1e12
    assert np.isfinite(h.loss[:-1]).all()


def test_train_does_not_mutate_the_net():
    net = Network([2, 2, 1], seed=0)
    before = [p.copy() for p in net.weights + net.biases]
    h = train(net, X_XOR, T_XOR, lr=1.0, epochs=50)
    for p, q in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, q)
    assert h.network is not net
    assert not np.array_equal(h.network.weights[0], net.weights[0])


@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_train_equals_a_manual_loop(momentum, reduction):
    net = Network([2, 3, 1], activation="tanh", output_activation="sigmoid", seed=4)
    lr = 0.3
    W, B = net.get_params()
    vW = [np.zeros_like(w) for w in W]
    vB = [np.zeros_like(b) for b in B]
    manual = net.copy()
    losses = []
    for _ in range(3):
        loss, dW, db = manual.gradients(X_XOR, T_XOR, reduction=reduction)
        losses.append(loss)
        vW = [momentum * v - lr * g for v, g in zip(vW, dW, strict=True)]
        vB = [momentum * v - lr * g for v, g in zip(vB, db, strict=True)]
        W = [w + v for w, v in zip(W, vW, strict=True)]
        B = [b + v for b, v in zip(B, vB, strict=True)]
        manual.set_params(W, B)
    losses.append(manual.loss(X_XOR, T_XOR, reduction=reduction))

    h = train(
        net,
        X_XOR,
        T_XOR,
        lr=lr,
        epochs=3,
        momentum=momentum,
        reduction=reduction,
        record_params=True,
    )
    np.testing.assert_allclose(h.loss, losses, rtol=1e-13)
    for a, b in zip(h.network.weights + h.network.biases, W + B, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)
    assert len(h.params) == 4
    np.testing.assert_array_equal(h.params[0][0][0], net.weights[0])  # snapshot before update 1
    np.testing.assert_allclose(h.params[-1][0][1], W[1], rtol=1e-13)


def test_zero_epochs_and_stop_when():
    net = Network([2, 2, 1], seed=0)
    h = train(net, X_XOR, T_XOR, epochs=0)
    assert h.epochs_run == 0 and len(h.loss) == 1 and not h.converged
    seen = []

    def stop(epoch, loss, Y):
        seen.append((epoch, loss, Y.shape))
        return epoch == 5

    h = train(net, X_XOR, T_XOR, epochs=100, stop_when=stop)
    assert h.converged and h.epochs_run == 5 and len(h.loss) == 6
    assert seen[-1][0] == 5 and seen[0][2] == (4, 1)
    assert seen[3][1] == h.loss[3]


@pytest.mark.parametrize(
    ("kwargs", "error", "needle"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": -0.5}, ValueError, "lr"),
        ({"lr": math.nan}, ValueError, "lr"),
        ({"lr": "fast"}, TypeError, "lr"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 10.0}, TypeError, "epochs"),
        ({"momentum": 1.0}, ValueError, "momentum"),
        ({"momentum": -0.1}, ValueError, "momentum"),
        ({"reduction": "avg"}, ValueError, "reduction"),
        ({"tol": 0.0}, ValueError, "tol"),
        ({"stop_when": 3}, TypeError, "stop_when"),
        ({"X": np.ones((4, 3))}, ValueError, "X has shape (4, 3)"),
        ({"T": np.ones((3, 1))}, ValueError, "T has shape (3, 1)"),
        ({"net": "net"}, TypeError, "net"),
    ],
)
def test_train_validation(kwargs, error, needle):
    args = {"net": Network([2, 2, 1]), "X": X_XOR, "T": T_XOR, **kwargs}
    with pytest.raises(error) as info:
        train(**args)
    assert needle in str(info.value)
