"""10_deeper_networks: diagnostics against plain numpy, its checks, and its explorers."""

import numpy as np
import pytest
from explorer_testing import assert_every_control_changes_the_figure

from helpers import Network, dead_fraction, deep_net, gradient_noise, layer_stats, time_gradients
from helpers.checks import check_diagnosis, check_he_init
from helpers.solutions import diagnosis, he_init
from helpers.widgets import make_histogram_explorer, make_overfitting_explorer

RNG = np.random.default_rng(0)
X = RNG.uniform(0, 1, size=(40, 64))
T = np.eye(10)[RNG.integers(0, 10, size=40)]


def test_layer_stats_are_the_hidden_activations_and_their_weight_gradients():
    net = deep_net(3, "tanh", "xavier")
    stats = layer_stats(net, X, T)
    a = X
    for layer in range(3):  # by hand, with numpy
        a = np.tanh(a @ net.weights[layer].T + net.biases[layer])
        np.testing.assert_allclose(stats.activations[layer], a.ravel(), rtol=1e-12)
    assert len(stats.weight_gradients) == 3
    np.testing.assert_allclose(stats.weight_gradients[0], net.gradients(X, T).dL_dW[0].ravel())


def test_dead_fraction_counts_units_silent_for_every_sample():
    net = Network([2, 3, 1], activation="relu", output="identity")
    net.set_params([np.array([[1.0, 0.0], [-1.0, -1.0], [0.0, 1.0]]), np.ones((1, 3))],
                   [np.array([0.0, -0.5, -5.0]), np.zeros(1)])
    X2 = np.array([[1.0, 1.0], [2.0, 0.5]])  # unit 2: z < 0 always; unit 3: z < 0 always
    assert dead_fraction(net, X2) == [pytest.approx(2 / 3)]


def test_gradient_noise_falls_like_one_over_root_b_and_is_zero_for_the_full_batch():
    net = deep_net(1, "relu", "he", width=16)
    X_big = RNG.uniform(0, 1, size=(400, 64))
    T_big = np.eye(10)[RNG.integers(0, 10, size=400)]
    small, large = (gradient_noise(net, X_big, T_big, b, n_batches=60) for b in (4, 64))
    assert 2.5 < small / large < 6.0  # √16 = 4, give or take sampling
    assert gradient_noise(net, X_big, T_big, 400, n_batches=2) == pytest.approx(0, abs=1e-12)
    with pytest.raises(ValueError, match="batch_size must be at most"):
        gradient_noise(net, X_big, T_big, 401)


def test_time_gradients_counts_two_passes_per_parameter_and_agrees():
    net = deep_net(1, "tanh", "xavier", width=4)
    timing = time_gradients(net, X[:5], T[:5])
    assert timing.n_params == net.n_params == 64 * 4 + 4 + 4 * 10 + 10
    assert timing.forward_passes == 2 * net.n_params
    assert timing.max_relative_error < 1e-5
    assert timing.finite_difference_seconds > timing.backprop_seconds


def test_deep_net_scales_each_init_by_the_gain():
    for init in ("xavier", "he"):
        one, two = deep_net(2, "relu", init, 1.0), deep_net(2, "relu", init, 2.0)
        np.testing.assert_allclose(two.weights[1], 2 * one.weights[1], rtol=1e-15)
    assert np.abs(deep_net(2, "tanh", "uniform", 2.0).weights[0]).max() <= 0.6


def test_he_check_passes_the_solution_and_names_mistakes():
    assert check_he_init(he_init)
    fan_out = check_he_init(lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_out),
                                                                  size=(n_out, n_in)))
    assert not fan_out and "n_out" in fan_out.message
    lecun = check_he_init(lambda n_in, n_out, rng: rng.normal(0, np.sqrt(1 / n_in),
                                                                size=(n_out, n_in)))
    assert not lecun and "doubles" in lecun.message
    transposed = check_he_init(lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in),
                                                                     size=(n_in, n_out)))
    assert not transposed and "shape" in transposed.message
    assert "2" not in check_he_init(lambda *a: 1 / 0).hint.replace("20", "")  # no formula


def test_mystery_networks_show_what_the_diagnosis_says():
    """The answers of 10's diagnosis exercise, read from the statistics the learner sees."""
    from helpers import layer_stats, load_digits, mystery_networks

    X, T, _, _ = load_digits()
    answers = diagnosis()
    for name, (activation, net) in mystery_networks().items():
        a = layer_stats(net, X[:256], T[:256]).activations
        growth = a[-1].std() / a[0].std()
        pinned = np.mean(np.abs(a[-1]) > 0.9)
        seen = ("saturated" if activation == "tanh" and pinned > 0.3 else
                "exploding" if growth > 4 else "vanishing" if growth < 0.3 else "healthy")
        assert seen == answers[name], (name, growth, pinned)


def test_diagnosis_check():
    assert check_diagnosis(diagnosis())
    assert not check_diagnosis({"A": "?", "B": "?", "C": "?", "D": "?"})
    swapped = dict(diagnosis(), B="exploding", C="saturated")
    result = check_diagnosis(swapped)
    assert not result and "2 of 4" in result.message and "network B" in result.message
    assert not check_diagnosis({"A": "healthy"})
    assert not check_diagnosis("healthy")
    assert not check_diagnosis(dict(diagnosis(), D="fine"))


def pixels(explorer):
    explorer.draw_now()
    return np.asarray(explorer.canvas.buffer_rgba()).tobytes()


def test_histogram_explorer_matches_layer_stats_and_every_control_changes_it():
    explorer = make_histogram_explorer(activation="relu", init="he", depth=3)
    from helpers import load_digits

    X_train, T_train, _, _ = load_digits()
    stats = layer_stats(deep_net(3, "relu", "he"), X_train[:256], T_train[:256])
    spread = explorer.view.spread[0].get_ydata()
    np.testing.assert_allclose(spread, [a.std() for a in stats.activations], rtol=1e-12)
    assert_every_control_changes_the_figure(explorer, pixels)


def test_overfitting_explorer_every_control_changes_the_figure():
    explorer = make_overfitting_explorer()
    assert "training 100.0%" in explorer.readout.value
    assert_every_control_changes_the_figure(explorer, pixels)


def test_mystery_networks_match_no_explorer_state_and_the_stated_factors_hold():
    """The mystery nets are not reachable in the histogram explorer (other width and seed), so
    the learner reads the evidence instead of matching numbers; the check's per-layer factors
    and the hint's "weight gradients need not be small" come from these statistics."""
    from helpers import layer_stats, load_digits, mystery_networks
    from helpers.widgets.deep import WIDTH

    X, T, _, _ = load_digits()
    stats = {}
    for name, (_, net) in mystery_networks().items():
        assert set(net.sizes[1:-1]) != {WIDTH}, name
        stats[name] = layer_stats(net, X[:256], T[:256])
    for name, low, high in (("C", 0.55, 0.75), ("D", 1.4, 1.8)):
        spreads = [a.std() for a in stats[name].activations]
        per_layer = (spreads[-1] / spreads[0]) ** (1 / (len(spreads) - 1))
        assert low < per_layer < high, (name, per_layer)
    mean_gradient = {n: np.mean([np.abs(g).mean() for g in s.weight_gradients])
                     for n, s in stats.items()}
    assert mean_gradient["B"] > mean_gradient["A"]  # saturated, yet larger than healthy


def test_time_gradients_reads_look_closer_from_round_off_not_kinks():
    """10's text: with ε = 1e-6 the worst entry reads 'look closer' on 07's scale, a larger ε
    passes (round-off, not a wrong factor), and a tanh net of the same size reads the same."""
    from helpers import deep_net, gradient_check_verdict, load_digits, time_gradients

    X, T, _, _ = load_digits()
    X, T = X[:100], T[:100]
    fine = time_gradients(deep_net(1, "relu", "he", width=32), X, T)
    coarse = time_gradients(deep_net(1, "relu", "he", width=32), X, T, eps=1e-4)
    smooth = time_gradients(deep_net(1, "tanh", "xavier", width=32), X, T)
    assert gradient_check_verdict(fine.max_relative_error) == "look closer"
    assert gradient_check_verdict(coarse.max_relative_error) == "pass"
    assert gradient_check_verdict(smooth.max_relative_error) == "look closer"
    assert fine.n_params == 2410


def test_saturated_tanh_has_larger_weight_gradients_than_level_tanh():
    """10's text: raising tanh + xavier's gain from 1 to 3 grows the weight gradients 5–10×."""
    from helpers import deep_net, layer_stats, load_digits

    X, T, _, _ = load_digits()
    sizes = [[np.abs(g).mean() for g in layer_stats(deep_net(6, "tanh", "xavier", gain), X[:256],
                                                      T[:256]).weight_gradients]
             for gain in (1.0, 3.0)]
    ratios = np.array(sizes[1]) / np.array(sizes[0])
    assert np.all((ratios > 4) & (ratios < 12)), ratios


def test_he_check_names_the_variance_used_as_std_and_xaviers_formula():
    """Two slips written out: 2/n_in passed to rng.normal as the standard deviation, and
    Xavier's √(2/(n_in + n_out)) instead of He's."""
    variance_as_std = check_he_init(lambda n_in, n_out, rng: rng.normal(0, 2 / n_in,
                                                                          size=(n_out, n_in)))
    assert not variance_as_std and "standard deviation" in variance_as_std.message
    assert "square root of the variance" in variance_as_std.message
    xavier = check_he_init(lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / (n_in + n_out)),
                                                                 size=(n_out, n_in)))
    assert not xavier and "Xavier" in xavier.message and "n_in only" in xavier.message
    lecun = check_he_init(lambda n_in, n_out, rng: rng.normal(0, np.sqrt(1 / n_in),
                                                                size=(n_out, n_in)))
    assert "LeCun" not in lecun.message  # a name the course never introduces


def test_self_check_std_feedback_and_the_diagnosis_hint_say_what_the_numbers_show():
    """10's self-check: 0.01 is about fourteen times smaller than He's √(2/100); hint 1 of the
    diagnosis: the healthy network's spread stays within a factor of 2 over six layers, while
    the vanishing and exploding ones change by more than that."""
    from helpers import layer_stats, load_digits, mystery_networks
    from helpers.checks.hints import hint_tiers, self_check_questions

    question = self_check_questions("deeper_networks")[0]
    he_std = np.sqrt(2 / 100)
    assert question.options[0] == f"√(2/100) ≈ {he_std:.2f}"
    assert round(he_std / 0.01) == 14 and "fourteen" in question.why[1]
    assert f"{he_std:.2f}" in question.why[1]
    X, T, _, _ = load_digits()
    growth = {}
    for name, (_, net) in mystery_networks().items():
        spreads = [a.std() for a in layer_stats(net, X[:256], T[:256]).activations]
        growth[name] = spreads[-1] / spreads[0]
    assert 1 / 2 < growth["A"] < 2
    assert growth["C"] < 1 / 2 and growth["D"] > 2
    assert "within a factor of 2 over six layers" in hint_tiers("diagnosis")[0]
