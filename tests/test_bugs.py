"""The bug gallery of 07_backprop_bugs: each broken piece against its fixed twin, with
expected values written out by hand or from plain finite differences."""

import math

import numpy as np
import pytest

from helpers import bugs
from helpers.datasets import two_moons, xor
from helpers.network import Network
from helpers.value_network import network_value_graph


def plain_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def plain_loss(params, X, T):
    """½·mean Σ(a − t)² of a sigmoid net [W1, …, b1, …], written independently."""
    n = len(params) // 2
    a = X
    for W, b in zip(params[:n], params[n:], strict=True):
        a = plain_sigmoid(a @ W.T + b)
    return 0.5 * np.sum((a - T) ** 2) / len(X)


def finite_differences(params, X, T, eps=1e-6):
    grads = []
    for k, p in enumerate(params):
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            plus = [q.copy() for q in params]
            minus = [q.copy() for q in params]
            plus[k][i] += eps
            minus[k][i] -= eps
            g[i] = (plain_loss(plus, X, T) - plain_loss(minus, X, T)) / (2 * eps)
        grads.append(g)
    return grads


@pytest.fixture
def xor_net():
    return Network([2, 2, 1], seed=3), *xor()


def test_value_graph_loss_and_gradients_match_finite_differences(xor_net):
    net, X, T = xor_net
    params = net.weights + net.biases
    graph = network_value_graph(net, X, T)
    assert math.isclose(graph.loss.data, plain_loss(params, X, T), rel_tol=1e-12)
    dW, db = bugs.graph_gradients_fixed(net, X, T)
    for got, want in zip(dW + db, finite_differences(params, X, T), strict=True):
        assert np.allclose(got, want, rtol=1e-6, atol=1e-10)


def test_assign_bug_keeps_only_the_last_contribution(xor_net):
    net, X, T = xor_net
    dW, _ = bugs.graph_gradients_broken(net, X, T)
    fixed, _ = bugs.graph_gradients_fixed(net, X, T)
    assert not np.allclose(dW[1], fixed[1])
    # With '=' the first-layer weights see only the last-processed sample, x = (0, 0),
    # whose inputs are 0: every dL/dW1 comes out 0.
    assert np.all(dW[0] == 0.0)


def test_value_graph_rejects_non_sigmoid_nets():
    with pytest.raises(TypeError, match="sigmoid"):
        network_value_graph(Network([2, 2, 1], activation="tanh"), *xor())


def test_sigmoid_prime_twins():
    z = np.array([-2.0, 0.0, 1.5])
    a = plain_sigmoid(z)
    assert np.allclose(bugs.sigmoid_prime_fixed(a), np.exp(-z) / (1 + np.exp(-z)) ** 2)
    s = plain_sigmoid(a)
    assert np.allclose(bugs.sigmoid_prime_broken(a), s * (1 - s))
    assert not np.allclose(bugs.sigmoid_prime_broken(a), bugs.sigmoid_prime_fixed(a))


def test_small_twins():
    p, g = [np.array([1.0, 2.0])], [np.array([0.5, -1.0])]
    assert np.allclose(bugs.step_fixed(p, g, 0.1)[0], [0.95, 2.1])
    assert np.allclose(bugs.step_broken(p, g, 0.1)[0], [1.05, 1.9])
    assert bugs.accumulate_fixed(g, g) is g
    assert np.allclose(bugs.accumulate_broken(g, g)[0], [1.0, -2.0])
    assert bugs.accumulate_broken(None, g) is g
    fixed, broken = bugs.init_fixed((2, 3, 1)), bugs.init_broken((2, 3, 1))
    assert fixed.sizes == broken.sizes == (2, 3, 1)
    for f, b in zip(fixed.weights + fixed.biases, broken.weights + broken.biases, strict=True):
        assert np.allclose(b, 20 * f)


def test_network_hooks_give_the_fixed_and_broken_gradients():
    X, T = two_moons(12, 0.1, seed=2)
    net = bugs.init_fixed((2, 3, 1), seed=1)
    net.set_params(net.weights, [b + 0.3 for b in net.biases])  # non-zero biases
    params = net.weights + net.biases
    expected = finite_differences(params, X, T)
    g = net.gradients(X, T, slope_from_a=bugs.sigmoid_prime_fixed)
    for got, want in zip(g.dL_dW + g.dL_db, expected, strict=True):
        assert np.allclose(got, want, rtol=1e-6, atol=1e-10)
    wrong = net.gradients(X, T, slope_from_a=bugs.sigmoid_prime_broken)
    assert not np.allclose(wrong.dL_dW[0], expected[0])
    summed = net.gradients(X, T, reduction="sum")
    assert np.allclose(summed.dL_dW[0], 12 * expected[0], rtol=1e-5)
    assert bugs.gradient_error(net, expected, X, T) < 1e-6
    assert bugs.gradient_error(net, wrong.dL_dW + wrong.dL_db, X, T) > 1e-3


@pytest.fixture(scope="module")
def moons():
    return two_moons(64, 0.1, seed=0)


def test_fixed_training_descends_and_passes_every_check(moons):
    run = bugs.run_training(*moons, epochs=100)
    assert len(run.loss) == 101 and run.loss[-1] < 0.8 * run.loss[0]
    assert run.grad_error < 1e-6 and run.descends and run.diverged_at is None
    assert 0.1 < run.sigma_prime <= 0.25


@pytest.mark.parametrize("name", ["2 no gradient reset", "4 σ'(a) not σ'(z)", "5 sum not mean"])
def test_gradient_bugs_fail_the_gradient_check(moons, name):
    broken, fixed = bugs.run_bug(name, *moons, epochs=5)
    assert broken.grad_error > 1e-2 and fixed.grad_error < 1e-6


def test_wrong_sign_makes_the_loss_go_up(moons):
    broken, _ = bugs.run_bug("3 wrong sign", *moons, epochs=50)
    assert not broken.descends
    assert broken.loss[-1] > broken.loss[0]
    assert broken.grad_error < 1e-6  # the gradient itself is right


def test_saturated_init_stalls_with_tiny_sigma_prime(moons):
    broken, _ = bugs.run_bug("6 saturated init", *moons, epochs=50)
    assert broken.sigma_prime < 1e-3
    assert abs(broken.loss[-1] - broken.loss[0]) < 1e-4


def test_run_bug_rejects_unknown_names(moons):
    with pytest.raises(ValueError, match="name must be one of"):
        bugs.run_bug("1 = instead of +=", *moons)
    with pytest.raises(ValueError):
        bugs.run_bug("nope", *moons)


def test_train_with_graph_matches_plain_gradient_descent(xor_net):
    net, X, T = xor_net
    losses = bugs.train_with_graph(net, X, T, lr=5.0, epochs=3)
    params = [p.copy() for p in net.weights + net.biases]
    for k in range(4):
        assert math.isclose(losses[k], plain_loss(params, X, T), rel_tol=1e-9)
        grads = finite_differences(params, X, T)
        params = [p - 5.0 * g for p, g in zip(params, grads, strict=True)]


def test_gallery_covers_every_bug():
    entries = bugs.bug_gallery()
    assert list(entries) == list(bugs.BUGS)
    one = entries["1 = instead of +="]
    assert one.broken_error > 0.5 and one.fixed_error < 1e-6
    assert one.broken_loss[-1] > one.broken_loss[0] > one.fixed_loss[-1]
    for entry in entries.values():
        assert np.all(np.isfinite(entry.broken_loss)) and np.all(np.isfinite(entry.fixed_loss))
