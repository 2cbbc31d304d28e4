"""09's additions to train: mini-batches, shuffling, weight decay, a test set, accuracy.

The reference loop below makes the documented updates by hand, with gradients from centred
finite differences of the loss written from its definition (tests/test_network_outputs.py),
so it trusts neither the network's backprop nor train's loop.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_network_outputs import ref_loss

from helpers.network import Network
from helpers.optim import train


def fd_gradients(net, params, X, T, reduction, h=1e-6):
    """Centred differences of the reference loss for a flat list [W1.., b1..] of arrays."""
    n = len(net.weights)
    names = list(net.activations)

    def loss(ps):
        return ref_loss([p.tolist() for p in ps[:n]], [p.tolist() for p in ps[n:]], X, T,
                        names, net.loss_name, reduction)

    grads = []
    for k, p in enumerate(params):
        g = np.empty_like(p)
        for index in np.ndindex(p.shape):
            plus = [q.copy() for q in params]
            minus = [q.copy() for q in params]
            plus[k][index] += h
            minus[k][index] -= h
            g[index] = (loss(plus) - loss(minus)) / (2 * h)
        grads.append(g)
    return grads


def reference_sgd(net, X, T, lr, epochs, batch_size, shuffle_seed, weight_decay, momentum,
                  reduction):
    """The documented mini-batch loop, by hand."""
    params = net.get_params()[0] + net.get_params()[1]
    n_weights = len(net.weights)
    velocity = [np.zeros_like(p) for p in params]
    rng = np.random.default_rng(shuffle_seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            grads = fd_gradients(net, params, X[rows], T[rows], reduction)
            for k in range(n_weights):  # ½·λ·Σ w² on the weights only
                grads[k] = grads[k] + weight_decay * params[k]
            velocity = [momentum * v - lr * g for v, g in zip(velocity, grads, strict=True)]
            params = [p + v for p, v in zip(params, velocity, strict=True)]
    return params


@settings(max_examples=12, deadline=None)
@given(
    combination=st.sampled_from([(None, "squared_error"), ("softmax", "cross_entropy"),
                                 ("sigmoid", "cross_entropy"), ("softmax", "squared_error")]),
    batch_size=st.integers(1, 4),
    weight_decay=st.sampled_from([0.0, 0.1]),
    momentum=st.sampled_from([0.0, 0.5]),
    reduction=st.sampled_from(["mean", "sum"]),
    seed=st.integers(0, 1000),
)
def test_mini_batch_training_makes_the_documented_updates(combination, batch_size, weight_decay,
                                                          momentum, reduction, seed):
    output, loss = combination
    rng = np.random.default_rng(seed)
    net = Network([2, 3, 2], activation="tanh", output=output, loss=loss, seed=seed)
    X = rng.normal(size=(5, 2))
    T = np.eye(2)[rng.integers(0, 2, size=5)]
    history = train(net, X, T, lr=0.3, epochs=2, batch_size=batch_size, shuffle_seed=seed,
                    weight_decay=weight_decay, momentum=momentum, reduction=reduction)
    expected = reference_sgd(net, X, T, 0.3, 2, batch_size, seed, weight_decay, momentum,
                             reduction)
    got = history.network.weights + history.network.biases
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-8)
    assert history.updates == 2 * -(-5 // batch_size)
    assert history.epochs_run == 2 and len(history.loss) == 3


def test_full_batch_weight_decay_follows_the_penalised_gradient():
    rng = np.random.default_rng(1)
    net = Network([2, 3, 3], activation="relu", output="softmax", loss="cross_entropy",
                  init="he", seed=2)
    X = rng.normal(size=(6, 2))
    T = np.eye(3)[rng.integers(0, 3, size=6)]
    history = train(net, X, T, lr=0.2, epochs=3, weight_decay=0.05)
    expected = reference_sgd(net, X, T, 0.2, 3, 6, 0, 0.05, 0.0, "mean")  # one batch = all
    got = history.network.weights + history.network.biases
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-8)


def test_weight_decay_shrinks_weights():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 4))
    T = np.eye(3)[rng.integers(0, 3, size=40)]
    net = Network([4, 16, 3], activation="relu", output="softmax", loss="cross_entropy",
                  init="he", seed=0)
    plain = train(net, X, T, lr=0.3, epochs=50, batch_size=8)
    decayed = train(net, X, T, lr=0.3, epochs=50, batch_size=8, weight_decay=0.05)
    size = [sum(float(np.sum(W * W)) for W in h.network.weights) for h in (plain, decayed)]
    assert size[1] < 0.7 * size[0]


def test_records_train_and_test_loss_and_accuracy_of_each_recorded_state():
    rng = np.random.default_rng(3)
    X, X_test = rng.normal(size=(30, 3)), rng.normal(size=(12, 3))
    T = np.eye(4)[rng.integers(0, 4, size=30)]
    T_test = np.eye(4)[rng.integers(0, 4, size=12)]
    net = Network([3, 8, 4], activation="relu", output="softmax", loss="cross_entropy",
                  init="he", seed=1)
    for batch_size in (None, 7):
        history = train(net, X, T, lr=0.5, epochs=6, batch_size=batch_size, X_test=X_test,
                        T_test=T_test, record_params=True)
        assert len(history.params) == len(history.loss) == len(history.test_loss) == 7
        for k, params in enumerate(history.params):
            probe = net.copy()
            probe.set_params(*params)
            assert history.loss[k] == pytest.approx(probe.loss(X, T), rel=1e-12)
            assert history.test_loss[k] == pytest.approx(probe.loss(X_test, T_test), rel=1e-12)
            assert history.accuracy[k] == probe.accuracy(X, T)
            assert history.test_accuracy[k] == probe.accuracy(X_test, T_test)
        assert history.loss[-1] < history.loss[0]


def test_shuffling_depends_on_the_seed_and_full_batch_ignores_it():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 2))
    T = np.eye(2)[rng.integers(0, 2, size=12)]
    net = Network([2, 4, 2], output="softmax", loss="cross_entropy", seed=0)
    runs = [train(net, X, T, lr=0.5, epochs=3, batch_size=4, shuffle_seed=s) for s in (0, 0, 1)]
    assert np.array_equal(runs[0].loss, runs[1].loss)
    assert not np.array_equal(runs[0].loss, runs[2].loss)
    full = [train(net, X, T, lr=0.5, epochs=3, batch_size=b, shuffle_seed=s)
            for b, s in ((None, 0), (12, 5), (100, 1))]
    assert full[0].updates == 3
    for other in full[1:]:
        np.testing.assert_array_equal(other.loss, full[0].loss)


def test_06s_one_output_runs_record_no_accuracy_unless_asked():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    history = train(Network([2, 2, 1], seed=3), X, T, lr=5.0, epochs=10)
    assert history.accuracy is None and history.test_loss is None and history.updates == 10
    with_test = train(Network([2, 2, 1], seed=3), X, T, lr=5.0, epochs=10, X_test=X, T_test=T)
    np.testing.assert_array_equal(with_test.loss, history.loss)
    np.testing.assert_array_equal(with_test.test_loss, history.loss)


def test_diverging_mini_batch_run_stops_and_says_so():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2)) * 10
    T = rng.normal(size=(20, 1)) * 10
    net = Network([2, 8, 1], activation="relu", output="identity", init="he", seed=0)
    history = train(net, X, T, lr=50.0, epochs=30, batch_size=5)
    assert history.diverged and history.diverged_at == history.epochs_run < 30


@pytest.mark.parametrize(
    ("kwargs", "error", "needle"),
    [
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"batch_size": 2.0}, TypeError, "batch_size"),
        ({"weight_decay": -0.1}, ValueError, "weight_decay must be >= 0"),
        ({"shuffle_seed": "a"}, TypeError, "shuffle_seed"),
        ({"X_test": np.ones((2, 2))}, ValueError, "both X_test and T_test"),
        ({"X_test": np.ones((2, 3)), "T_test": np.ones((2, 1))}, ValueError, "X_test has"),
        ({"X_test": np.ones((2, 2)), "T_test": np.ones((3, 1))}, ValueError, "T_test has"),
    ],
)
def test_train_validation(kwargs, error, needle):
    X, T = np.ones((4, 2)), np.ones((4, 1))
    with pytest.raises(error) as info:
        train(Network([2, 1]), X, T, lr=0.1, epochs=1, **kwargs)
    assert needle in str(info.value)
