"""What notebooks 09 and 10 claim about their explorers and training runs, computed here.

The runs use ``train_digits`` / ``train`` (whose updates tests/test_train_minibatch.py checks
against a plain-numpy reference); dead units and step counts are counted here with numpy.
"""

import numpy as np
import pytest

from helpers import deep_net, load_digits, train_digits
from helpers.layer_backprop import dead_units
from helpers.widgets import make_digits_explorer, make_overfitting_explorer


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def hidden_relu(params, X):
    """The hidden layer's ReLU outputs of a 64-h-10 net, by hand."""
    (W1, _), (b1, _) = params
    return np.maximum(X @ W1.T + b1, 0.0)


# --- 09 -----------------------------------------------------------------------------------
def test_09_an_epoch_of_batches_of_16_is_85_steps(digits):
    n = len(digits[0])
    assert n == 1347
    assert -(-n // 16) == 85 and n // 16 == 84 and n - 84 * 16 == 3


def test_09_the_lr_slider_reaches_1_and_about_2():
    """The log slider moves in steps of 0.1 in the exponent from −2: 10⁰ = 1 and 10^0.3 ≈ 2
    (the readout's ".3g" shows 2)."""
    control = make_digits_explorer().controls["lr"]
    exponents = control.min + control.step * np.arange(round((control.max - control.min)
                                                              / control.step) + 1)
    assert np.any(np.isclose(10 ** exponents, 1.0))
    assert f"{10 ** exponents[np.argmin(np.abs(10 ** exponents - 2))]:.3g}" == "2"


def test_09_lr_1_jumps_about_and_lr_2_kills_every_hidden_unit(digits):
    X_train, _, X_test, _ = digits
    _, jumpy = train_digits(lr=10 ** 0.0, data=digits)
    accuracy = np.array(jumpy.accuracy[1:])
    assert not jumpy.diverged
    assert 0.35 < accuracy.min() < 0.45 and 0.85 < accuracy.max() < 0.95  # "roughly 40–90 %"
    assert np.max(np.abs(np.diff(accuracy))) > 0.3  # jumps from one epoch to the next

    _, dead = train_digits(lr=10 ** 0.3, data=digits)
    counts = [int(np.all(hidden_relu(p, X_train) == 0.0, axis=0).sum()) for p in dead.params]
    assert counts[1] == 30 and all(c == 32 for c in counts[3:]) and counts[2] < 32
    for epoch, params in enumerate(dead.params[1:], start=1):
        hidden = hidden_relu(params, X_test)
        answers = (hidden @ params[0][1].T + params[1][1]).argmax(axis=1)
        assert len(set(answers)) == 1, epoch  # the same digit for every picture
        assert f"{dead.accuracy[epoch]:.0%}" == "10%"
        assert f"{dead.test_accuracy[epoch]:.0%}" == "10%"


def test_09_four_hidden_units_and_sigmoid_units(digits):
    _, four = train_digits(hidden=4, data=digits)
    assert f"{four.accuracy[-1]:.0%}" == "84%" and f"{four.test_accuracy[-1]:.0%}" == "78%"
    _, sigmoid = train_digits(activation="sigmoid", data=digits)
    _, relu = train_digits(data=digits)
    assert f"{sigmoid.accuracy[1]:.0%}" == "20%" and f"{relu.accuracy[1]:.0%}" == "71%"
    assert f"{sigmoid.test_accuracy[-1]:.0%}" == "94%"


# --- 10 -----------------------------------------------------------------------------------
def test_10_at_lr_1_units_die_within_the_first_epoch_and_only_deeper_ones_revive(digits):
    """10's dead-unit cell: 85 plain steps of lr 1.0 on batches of 16 (train's shuffle), with
    the dead units counted after every step."""
    X, T = digits[0], digits[1]
    net = deep_net(2, "relu", "he")
    weights, biases = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    rng = np.random.default_rng(0)
    counts, revived = [], [0, 0]
    before = [d.copy() for d in dead_units(net, X)]
    for _ in range(10):
        order = rng.permutation(len(X))
        for start in range(0, len(X), 16):
            rows = order[start:start + 16]
            net.set_params(weights, biases)
            _, dW, db = net.gradients(X[rows], T[rows])
            weights = [W - 1.0 * g for W, g in zip(weights, dW, strict=True)]
            biases = [b - 1.0 * g for b, g in zip(biases, db, strict=True)]
            net.set_params(weights, biases)
            now = dead_units(net, X)
            revived = [r + int(np.sum(d0 & ~d1)) for r, d0, d1 in zip(revived, before, now,
                                                                       strict=True)]
            before = now
            counts.append([int(d.sum()) for d in now])
    # "most units died in the first few steps" was false: after 3 steps 20 and 35 of 64
    assert counts[2][0] < 32 and counts[4][1] < 32
    after_epoch = np.array(counts[84]) / 64
    assert [f"{f:.0%}" for f in after_epoch] == ["78%", "81%"]
    assert revived[0] == 0 and revived[1] > 0  # first hidden layer: never; second: yes
    epoch_ends = [c[1] for c in counts[84::85]]
    assert max(epoch_ends) == 63 and epoch_ends[-1] < 63  # layer 2 revives late, too


def test_10_he_with_gain_2_doubles_the_spread_and_the_mean_square_per_layer(digits):
    """10's summary: the mean square grows by n_in·Var(w)·½ = 4 per ReLU layer with He × 2, the
    spread (standard deviation) by its square root, about 2."""
    X = digits[0][:256]
    net = deep_net(6, "relu", "he", 2.0)
    a, rms, spread = X, [], []
    for W, b in zip(net.weights[:-1], net.biases[:-1], strict=True):
        a = np.maximum(a @ W.T + b, 0.0)
        rms.append(np.sqrt(np.mean(a * a)))
        spread.append(a.std())
    per_layer = (spread[-1] / spread[0]) ** (1 / 5)
    assert 1.9 < per_layer < 2.3 and f"{per_layer:.2f}" == "2.08"
    assert 3.6 < ((rms[-1] / rms[0]) ** (1 / 5)) ** 2 < 4.8


def test_10_weight_decay_001_takes_the_readouts_sum_of_squares_from_217_to_90(digits):
    """10's overfitting text; Σw² recomputed here from the same run's trained weights."""
    X_train, T_train, X_test, T_test = digits
    explorer = make_overfitting_explorer()
    for decay, shown in ((0.0, 217), (0.01, 90)):
        explorer.set(weight_decay=decay)
        assert f"Σw² = {shown}" in explorer.readout.value
        _, history = train_digits(64, 0.1, 16, "relu", epochs=100, record_params=False,
                                  data=(X_train[:100], T_train[:100], X_test, T_test),
                                  weight_decay=decay)
        assert round(sum(float(np.sum(W ** 2)) for W in history.network.weights)) == shown


def test_10_uniform_init_is_plus_minus_0_3_times_the_gain_for_weights_and_biases():
    for gain in (1.0, 2.0):
        net = deep_net(3, "relu", "uniform", gain)
        for params in (net.weights, net.biases):
            values = np.concatenate([p.ravel() for p in params])
            assert np.abs(values).max() <= 0.3 * gain
            assert np.abs(values).max() > 0.29 * gain  # the whole range is used
