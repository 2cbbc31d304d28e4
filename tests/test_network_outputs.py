"""09/10's additions to Network: output layers, cross-entropy, per-layer activations, inits.

Every gradient is compared with centred finite differences of a loss written here from the
definitions, one sample at a time with ``math`` (independent of the network's matrix code),
for every output/loss/activation combination.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.network import Network, log_softmax, softmax

FAST = settings(max_examples=40, deadline=None)
HIDDEN = ["sigmoid", "tanh", "relu"]
# (output, loss) pairs the network accepts; None means "the hidden activation" (06's nets).
COMBINATIONS = [
    (None, "squared_error"),
    ("sigmoid", "squared_error"),
    ("softmax", "squared_error"),
    ("identity", "squared_error"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "cross_entropy"),
]


# --- the reference: definitions, one sample at a time ---


def ref_act(name, z):
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return max(z, 0.0)
    assert name == "identity"
    return z


def ref_sample(weights, biases, x, names):
    """(output z list, output a list, every pre-activation) of one sample."""
    a, zs = list(x), []
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True)):
        z = [sum(W[j][i] * a[i] for i in range(len(a))) + b[j] for j in range(len(b))]
        zs.extend(z)
        if names[layer] == "softmax":
            top = max(z)
            exps = [math.exp(v - top) for v in z]
            a = [e / sum(exps) for e in exps]
        else:
            a = [ref_act(names[layer], v) for v in z]
    return z, a, zs


def ref_loss(weights, biases, X, T, names, loss, reduction):
    total = 0.0
    for x, t in zip(X, T, strict=True):
        z, a, _ = ref_sample(weights, biases, x, names)
        if loss == "squared_error":
            total += 0.5 * sum((ak - tk) ** 2 for ak, tk in zip(a, t, strict=True))
        elif names[-1] == "softmax":  # −Σ t log a
            top = max(z)
            log_norm = top + math.log(sum(math.exp(v - top) for v in z))
            total -= sum(tk * (zk - log_norm) for zk, tk in zip(z, t, strict=True))
        else:  # binary cross-entropy per output
            total -= sum(tk * math.log(ak) + (1 - tk) * math.log(1 - ak)
                         for ak, tk in zip(a, t, strict=True))
    return total / len(X) if reduction == "mean" else total


def targets(rng, n, k, output, loss):
    if output == "softmax" and loss == "cross_entropy":
        return np.eye(k)[rng.integers(0, k, size=n)]  # one-hot rows
    return rng.uniform(0.0, 1.0, size=(n, k))


def finite_difference_check(net, X, T, reduction, grads, h=1e-6):
    names = list(net.activations)
    Ws = [W.tolist() for W in net.weights]
    Bs = [b.tolist() for b in net.biases]

    def centred(params, layer, *index):
        row = params[layer]
        for k in index[:-1]:
            row = row[k]
        old, results = row[index[-1]], []
        for value in (old + h, old - h):
            row[index[-1]] = value
            results.append(ref_loss(Ws, Bs, X, T, names, net.loss_name, reduction))
        row[index[-1]] = old
        return (results[0] - results[1]) / (2 * h)

    loss, dW, db = grads
    assert loss == pytest.approx(ref_loss(Ws, Bs, X, T, names, net.loss_name, reduction),
                                 rel=1e-11, abs=1e-13)
    for layer, W in enumerate(net.weights):
        for j, i in np.ndindex(W.shape):
            assert dW[layer][j, i] == pytest.approx(centred(Ws, layer, j, i), rel=1e-5,
                                                    abs=1e-8), (layer, j, i)
        for j in range(W.shape[0]):
            assert db[layer][j] == pytest.approx(centred(Bs, layer, j), rel=1e-5, abs=1e-8)


def away_from_kinks(net, X):
    """Finite differences must not cross a ReLU kink."""
    if "relu" not in net.activations:
        return True
    zs = [ref_sample([W.tolist() for W in net.weights], [b.tolist() for b in net.biases],
                     x, list(net.activations))[2] for x in X]
    return min(abs(z) for row in zs for z in row) > 1e-3


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: f"{c[0]}-{c[1]}")
@settings(max_examples=25, deadline=None)
@given(
    sizes=st.sampled_from([[2, 3], [3, 4, 3], [2, 3, 3, 2]]),
    hidden=st.lists(st.sampled_from(HIDDEN), min_size=2, max_size=2),
    reduction=st.sampled_from(["mean", "sum"]),
    init=st.sampled_from([None, "uniform", "xavier", "he"]),
    seed=st.integers(0, 10**6),
    n_samples=st.integers(1, 4),
)
def test_every_gradient_matches_finite_differences(combination, sizes, hidden, reduction, init,
                                                   seed, n_samples):
    output, loss = combination
    n_layers = len(sizes) - 1
    # one name per hidden layer (a list when there are hidden layers), mixed on purpose
    activation = hidden[:n_layers - 1] if n_layers > 1 else hidden[0]
    if output is None and n_layers == 1:
        activation = "sigmoid" if loss == "cross_entropy" else hidden[0]
    net = Network(sizes, activation=activation, output=output, loss=loss, init=init,
                  seed=seed, init_scale=1.0 if init in (None, "uniform") else None)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, sizes[0]))
    T = targets(rng, n_samples, sizes[-1], net.output_activation, loss)
    assume(away_from_kinks(net, X))
    finite_difference_check(net, X, T, reduction, net.gradients(X, T, reduction=reduction))


@FAST
@given(st.integers(0, 10**6), st.integers(1, 6))
def test_softmax_cross_entropy_output_delta_is_a_minus_t(seed, n_samples):
    """With one layer, dL/dW = δᵀ·X and dL/db = Σ δ, so δ = (a − t)/N can be read off."""
    rng = np.random.default_rng(seed)
    net = Network([3, 4], output="softmax", loss="cross_entropy", seed=seed)
    X = rng.normal(size=(n_samples, 3))
    T = np.eye(4)[rng.integers(0, 4, size=n_samples)]
    a = net.forward(X)
    _, dW, db = net.gradients(X, T)
    delta = (a - T) / n_samples
    np.testing.assert_allclose(dW[0], delta.T @ X, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(db[0], delta.sum(axis=0), rtol=1e-12, atol=1e-15)


@FAST
@given(st.lists(st.floats(-1e300, 1e300), min_size=1, max_size=6))
def test_softmax_and_log_softmax_are_stable_for_any_finite_logits(logits):
    z = np.array(logits)
    # underflow to 0 is the right answer for a far-behind logit; anything else is a bug
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        p, log_p = softmax(z), log_softmax(z)
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(log_p))
    assert np.all(p >= 0) and p.sum() == pytest.approx(1.0, abs=1e-12)
    # the largest logit's log-probability lies in [−log n, 0]; none is above 0
    assert -math.log(len(z)) - 1e-12 <= log_p.max() <= 0.0
    top = int(np.argmax(z))
    assert p[top] == p.max()


def test_softmax_matches_the_textbook_formula_for_moderate_logits():
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 0.5]])
    naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(z), naive, rtol=1e-14)
    np.testing.assert_allclose(log_softmax(z), np.log(naive), rtol=1e-13)
    # exactly representable: logits 0 and log 3 give probabilities 1/4 and 3/4
    np.testing.assert_allclose(softmax([0.0, math.log(3.0)]), [0.25, 0.75], rtol=1e-15)


def test_log_softmax_stays_finite_where_softmax_underflows():
    log_p = log_softmax([1000.0, -1000.0])
    assert log_p.tolist() == [0.0, -2000.0]  # log(softmax) would be log(0) = −inf


def test_cross_entropy_loss_for_huge_logits_is_finite_and_right():
    net = Network([1, 2], output="softmax", loss="cross_entropy")
    net.set_params([np.array([[1000.0], [-1000.0]])], [np.zeros(2)])
    X = np.array([[1.0]])
    assert net.loss(X, [[1.0, 0.0]]) == 0.0  # certain and right
    assert net.loss(X, [[0.0, 1.0]]) == pytest.approx(2000.0)  # certain and wrong: 2000 nats
    sig = Network([1, 1], output="sigmoid", loss="cross_entropy")
    sig.set_params([np.array([[800.0]])], [np.zeros(1)])
    assert sig.loss(X, [[0.0]]) == pytest.approx(800.0)  # −log(1 − σ(800)) = 800


def test_output_none_is_06s_network():
    """output=None: the hidden activation on the output too, same weights as 06's defaults."""
    old = Network([2, 3, 1], activation="tanh", seed=4)
    assert old.activations == ("tanh", "tanh") and old.loss_name == "squared_error"
    rng = np.random.default_rng(0)
    expected = rng.normal(0.0, 1 / np.sqrt(2), size=(3, 2))  # 06's documented default init
    np.testing.assert_array_equal(Network([2, 3, 1], seed=0).weights[0], expected)
    same = Network([2, 3, 1], activation="tanh", seed=4, output_activation="tanh")
    for W, V in zip(old.weights, same.weights, strict=True):
        np.testing.assert_array_equal(W, V)
    assert repr(old) == "Network([2, 3, 1], activation='tanh')"


def test_activation_lists():
    net = Network([2, 3, 4, 2], activation=["relu", "tanh"], output="softmax")
    assert net.activations == ("relu", "tanh", "softmax") and net.activation is None
    every = Network([2, 3, 1], activation=["relu", "sigmoid"])
    assert every.activations == ("relu", "sigmoid")  # one per layer, output included
    hidden_only = Network([2, 3, 3, 1], activation=["relu", "tanh"])
    assert hidden_only.activations == ("relu", "tanh", "tanh")  # output reuses the last
    assert "relu" in repr(net) and "softmax" in repr(net)


def test_identity_output_is_linear_in_the_last_layer():
    net = Network([2, 3, 2], activation="relu", output="identity", seed=1)
    X = np.array([[0.5, -1.0], [2.0, 0.3]])
    fp = net.forward_all(X)
    np.testing.assert_array_equal(fp.a[-1], fp.z[-1])


@pytest.mark.parametrize(("init", "expected_std"), [
    ("xavier", math.sqrt(2.0 / (400 + 300))),
    ("he", math.sqrt(2.0 / 400)),
])
def test_xavier_and_he_have_their_spread(init, expected_std):
    net = Network([400, 300, 10], init=init, seed=0)
    W = net.weights[0]
    assert abs(W.mean()) < 0.05 * expected_std * 10
    assert W.std() == pytest.approx(expected_std, rel=0.02)  # 120,000 draws: within 2 %
    assert np.all(net.biases[0] == 0)
    doubled = Network([400, 300, 10], init=init, seed=0, init_scale=2.0)
    np.testing.assert_allclose(doubled.weights[0], 2.0 * W, rtol=1e-15)


def test_uniform_init_bounds():
    net = Network([50, 40, 3], init="uniform", init_scale=0.2, seed=0)
    for p in net.weights + net.biases:
        assert np.abs(p).max() <= 0.2
    assert np.abs(net.weights[0]).max() > 0.19  # fills the range
    default = Network([50, 40, 3], init="uniform", seed=0)
    assert 0.29 < np.abs(default.weights[0]).max() <= 0.3


def test_predict_class_and_accuracy():
    net = Network([2, 3], output="softmax", loss="cross_entropy")
    net.set_params([np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])], [np.zeros(3)])
    X = np.array([[2.0, 0.0], [0.0, 2.0], [-2.0, -2.0], [2.0, 0.0]])
    assert net.predict_class(X).tolist() == [0, 1, 2, 0]
    T = np.eye(3)[[0, 1, 2, 1]]
    assert net.accuracy(X, T) == 0.75


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: Network([2, 2], output="tanh"), ValueError, "output must be one of"),
        (lambda: Network([2, 2], loss="mse"), ValueError, "loss must be one of"),
        (lambda: Network([2, 2], init="glorot"), ValueError, "init must be one of"),
        (lambda: Network([2, 2], output="identity", loss="cross_entropy"), ValueError,
         "output='softmax'"),
        (lambda: Network([2, 2], activation="tanh", loss="cross_entropy"), ValueError,
         "output='softmax'"),
        (lambda: Network([2, 2], output="sigmoid", output_activation="tanh"), ValueError,
         "not both"),
        (lambda: Network([2, 3, 3, 1], activation=["relu"]), ValueError, "activation has 1"),
        (lambda: Network([2, 3, 1], activation=[]), TypeError, "activation"),
        (lambda: Network([2, 3, 1], activation=["relu", "step"]), ValueError, "activation"),
        (lambda: Network([2, 2], output="softmax", loss="cross_entropy").loss(
            np.ones((1, 2)), [[0.5, 0.6]]), ValueError, "sum to 1"),
        (lambda: Network([2, 1], output="sigmoid", loss="cross_entropy").loss(
            np.ones((1, 2)), [[2.0]]), ValueError, "[0, 1]"),
        (lambda: softmax("z"), TypeError, "z"),
        (lambda: log_softmax(np.ones((2, 2, 2))), ValueError, "z must be"),
    ],
)
def test_validation_names_the_argument(call, error, needle):
    with pytest.raises(error) as info:
        call()
    assert needle in str(info.value)


def test_the_value_graph_refuses_a_cross_entropy_net():
    from helpers.graph import network_value_graph

    net = Network([2, 2, 1], output="sigmoid", loss="cross_entropy")
    with pytest.raises(TypeError, match="squared-error"):
        network_value_graph(net, np.zeros((1, 2)), np.zeros((1, 1)))
