"""Network: forward vs an independent per-sample loop, gradients vs finite differences."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.network import ForwardPass, Gradients, Network, network_from_params

FAST = settings(max_examples=30, deadline=None)
SIZES = [[2, 2, 1], [3, 4, 2], [2, 3, 3, 1]]
ACTS = ["sigmoid", "tanh", "relu"]


def ref_f(name, z):
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    return math.tanh(z) if name == "tanh" else max(z, 0.0)


def ref_forward(weights, biases, x, acts):
    """One sample through the layers with plain python loops: returns (outputs, all z)."""
    a, zs = list(x), []
    for W, b, act in zip(weights, biases, acts, strict=True):
        z = [sum(W[j][i] * a[i] for i in range(len(a))) + b[j] for j in range(len(b))]
        zs.extend(z)
        a = [ref_f(act, zj) for zj in z]
    return a, zs


def ref_loss(weights, biases, X, T, acts, reduction):
    total = 0.0
    for x, t in zip(X, T, strict=True):
        y, _ = ref_forward(weights, biases, x, acts)
        total += 0.5 * sum((yi - ti) ** 2 for yi, ti in zip(y, t, strict=True))
    return total / len(X) if reduction == "mean" else total


def layer_acts(net):
    n = len(net.weights)
    return [net.activation] * (n - 1) + [net.output_activation]


def test_shapes_and_initialisation():
    net = Network([3, 4, 2])
    assert [W.shape for W in net.weights] == [(4, 3), (2, 4)]
    assert [b.shape for b in net.biases] == [(4,), (2,)]
    assert all(W.dtype == np.float64 for W in net.weights)
    assert all((b == 0).all() for b in net.biases)  # default: zero biases
    assert net.n_params == 4 * 3 + 4 + 2 * 4 + 2
    same = Network([3, 4, 2])
    assert all((a == b).all() for a, b in zip(net.weights, same.weights, strict=True))
    other = Network([3, 4, 2], seed=1)
    assert not (net.weights[0] == other.weights[0]).all()
    rum = Network([2, 2, 1], init_scale=0.3, seed=5)
    for p in rum.weights + rum.biases:
        assert (np.abs(p) <= 0.3).all()
    assert any((b != 0).all() for b in rum.biases)
    assert repr(Network([2, 1], output_activation="tanh")).startswith("Network([2, 1]")


@FAST
@given(st.sampled_from(SIZES), st.sampled_from(ACTS), st.integers(0, 10**6))
def test_forward_matches_per_sample_loop(sizes, act, seed):
    net = Network(sizes, activation=act, seed=seed)
    X = np.random.default_rng(seed).normal(size=(5, sizes[0]))
    Y = net.forward(X)
    assert Y.shape == (5, sizes[-1])
    for x, y in zip(X, Y, strict=True):
        expected, _ = ref_forward(net.weights, net.biases, x, layer_acts(net))
        np.testing.assert_allclose(y, expected, rtol=1e-13, atol=1e-15)
    fp = net.forward_all(X)
    assert isinstance(fp, ForwardPass)
    assert fp.a[0] is not None and np.array_equal(fp.a[0], X)
    assert len(fp.z) == len(sizes) - 1 and len(fp.a) == len(sizes)
    np.testing.assert_array_equal(fp.a[-1], Y)


@FAST
@given(
    st.sampled_from(SIZES),
    st.sampled_from(ACTS),
    st.sampled_from(["mean", "sum"]),
    st.integers(0, 10**6),
    st.integers(1, 4),
)
def test_gradients_match_finite_differences(sizes, act, reduction, seed, n_samples):
    rng = np.random.default_rng(seed)
    net = Network(sizes, activation=act, seed=seed, init_scale=1.0)
    X = rng.normal(size=(n_samples, sizes[0]))
    T = rng.uniform(0, 1, size=(n_samples, sizes[-1]))
    acts = layer_acts(net)
    if act == "relu":  # finite differences must not cross a kink
        zs = [ref_forward(net.weights, net.biases, x, acts)[1] for x in X]
        assume(min(abs(z) for row in zs for z in row) > 1e-3)
    loss, dW, db = net.gradients(X, T, reduction=reduction)
    assert loss == pytest.approx(
        ref_loss(net.weights, net.biases, X, T, acts, reduction), rel=1e-12
    )
    Ws = [W.tolist() for W in net.weights]
    Bs = [b.tolist() for b in net.biases]
    h = 1e-6

    def centred(params, layer, *index):
        """Centred difference of the reference loss w.r.t. params[layer][index...]."""
        row = params[layer]
        for k in index[:-1]:
            row = row[k]
        old, results = row[index[-1]], []
        for value in (old + h, old - h):
            row[index[-1]] = value
            results.append(ref_loss(Ws, Bs, X, T, acts, reduction))
        row[index[-1]] = old
        return (results[0] - results[1]) / (2 * h)

    for layer, W in enumerate(net.weights):
        for j, i in np.ndindex(W.shape):
            assert dW[layer][j, i] == pytest.approx(centred(Ws, layer, j, i), rel=1e-5, abs=1e-8)
        for j in range(W.shape[0]):
            assert db[layer][j] == pytest.approx(centred(Bs, layer, j), rel=1e-5, abs=1e-8)


def test_loss_reductions_and_gradients_result():
    net = Network([2, 3, 1], seed=2)
    X = np.array([[0.0, 1.0], [1.0, 1.0]])
    T = np.array([[1.0], [0.0]])
    Y = net.forward(X)
    total = 0.5 * float(((Y - T) ** 2).sum())
    assert net.loss(X, T, reduction="sum") == pytest.approx(total, rel=1e-15)
    assert net.loss(X, T) == pytest.approx(total / 2, rel=1e-15)
    g = net.gradients(X, T, reduction="sum")
    assert isinstance(g, Gradients) and g.loss == pytest.approx(total)
    g_mean = net.gradients(X, T)
    for a, b in zip(g.dL_dW, g_mean.dL_dW, strict=True):
        np.testing.assert_allclose(a / 2, b, rtol=1e-14)


def test_output_activation_differs_from_hidden():
    net = Network([2, 3, 1], activation="relu", output_activation="sigmoid", seed=0)
    assert (net.activation, net.output_activation) == ("relu", "sigmoid")
    x = np.array([[0.3, -0.7]])
    expected, _ = ref_forward(net.weights, net.biases, x[0], ["relu", "sigmoid"])
    np.testing.assert_allclose(net.forward(x)[0], expected, rtol=1e-13)


def test_copy_and_params_are_independent():
    net = Network([2, 2, 1])
    clone = net.copy()
    clone.weights[0][0, 0] += 1.0
    assert net.weights[0][0, 0] != clone.weights[0][0, 0]
    W, B = net.get_params()
    W[0][:] = 7.0
    assert not (net.weights[0] == 7.0).any()
    net.set_params(W, B)
    assert (net.weights[0] == 7.0).all()
    W[0][:] = 8.0  # set_params copied
    assert (net.weights[0] == 7.0).all()


def test_predict_thresholds_outputs():
    net = Network([1, 1], seed=0)
    net.set_params([np.array([[10.0]])], [np.array([0.0])])
    assert net.predict(np.array([[-1.0], [1.0]])).tolist() == [[0], [1]]


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: Network([2]), ValueError, "sizes"),
        (lambda: Network(3), TypeError, "sizes"),
        (lambda: Network("21"), TypeError, "sizes"),
        (lambda: Network([2, 0, 1]), ValueError, "sizes[1]"),
        (lambda: Network([2, 1.5]), TypeError, "sizes[1]"),
        (lambda: Network([2, True]), TypeError, "sizes[1]"),
        (lambda: Network([2, 1], activation="step"), ValueError, "activation"),
        (lambda: Network([2, 1], output_activation=1), TypeError, "activation"),
        (lambda: Network([2, 1], init_scale=0.0), ValueError, "init_scale"),
        (lambda: Network([2, 1], seed=-1), ValueError, "seed"),
        (lambda: Network([2, 1]).forward(np.ones((3, 3))), ValueError, "X has shape (3, 3)"),
        (lambda: Network([2, 1]).forward(np.ones(2)), ValueError, "X must be 2-D"),
        (lambda: Network([2, 1]).forward(np.ones((0, 2))), ValueError, "X is empty"),
        (lambda: Network([2, 1]).forward([[1.0, math.nan]]), ValueError, "X contains NaN"),
        (lambda: Network([2, 1]).forward([["a", "b"]]), TypeError, "X"),
        (lambda: Network([2, 1]).loss(np.ones((3, 2)), np.ones((2, 1))), ValueError, "T has"),
        (
            lambda: Network([2, 1]).loss(np.ones((3, 2)), np.ones((3, 1)), "avg"),
            ValueError,
            "reduction",
        ),
        (lambda: Network([2, 1]).gradients(np.ones((3, 2)), np.ones(3)), ValueError, "T has"),
        (
            lambda: Network([2, 1]).set_params([np.ones((2, 2))], [np.ones(1)]),
            ValueError,
            "weights[0] has shape (2, 2), expected (1, 2)",
        ),
        (lambda: Network([2, 1]).set_params([], []), ValueError, "weights"),
    ],
)
def test_network_validation(call, error, needle):
    with pytest.raises(error) as info:
        call()
    assert needle in str(info.value)


def test_network_from_params_reads_the_sizes_and_copies_the_arrays():
    W = [np.arange(6.0).reshape(3, 2), np.ones((1, 3))]
    b = [np.zeros(3), np.array([0.5])]
    net = network_from_params(W, b, activation="tanh")
    assert net.sizes == (2, 3, 1) and net.activation == "tanh"
    W[0][0, 0] = 99.0
    assert net.weights[0][0, 0] == 0.0  # a copy
    x = np.array([[1.0, -1.0]])
    by_hand = np.tanh(np.ones(3) @ np.tanh(np.arange(6.0).reshape(3, 2) @ x[0]) + 0.5)
    assert net.forward(x)[0, 0] == pytest.approx(by_hand, rel=1e-14)
    with pytest.raises(ValueError, match="biases"):
        network_from_params(W, b[:1])
