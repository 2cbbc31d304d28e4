"""Replication properties of 08_rumelhart_1986 (symmetry detection, Rumelhart et al. 1986).

Expected values are computed here by plain Python/numpy, not by the code under test.
"""

import itertools

import numpy as np
import pytest

from helpers.checks import check_is_symmetric
from helpers.rumelhart import (
    outputs_over_training,
    replay_training,
    run_seeds,
    symmetry_data,
    train_symmetry,
    weight_structure,
)
from helpers.solutions import is_symmetric

FEATURED_SEED = 10  # the notebook's featured run; it learns the 1:2:4 solution


def test_data_set_has_64_patterns_and_exactly_8_palindromes():
    X, T = symmetry_data()
    patterns = {tuple(int(v) for v in row) for row in X}
    assert patterns == set(itertools.product((0, 1), repeat=6))  # every pattern once
    palindromes = [p for p in itertools.product((0, 1), repeat=6) if p == p[::-1]]
    assert len(palindromes) == 8
    for row, t in zip(X, T[:, 0], strict=True):
        assert t == (1.0 if tuple(int(v) for v in row) in set(palindromes) else 0.0)


@pytest.fixture(scope="module")
def featured_run():
    return train_symmetry(FEATURED_SEED, tols=(0.5, 0.1), epochs=6000)


def _outputs(W1, b1, W2, b2, X):
    # An independent forward pass of the 6-2-1 sigmoid net.
    h = 1 / (1 + np.exp(-(X @ W1.T + b1)))
    return (1 / (1 + np.exp(-(h @ W2.T + b2))))[:, 0]


def test_featured_seed_solves_every_pattern(featured_run):
    history, reached = featured_run
    net = history.network
    X = np.array(list(itertools.product((0, 1), repeat=6)), dtype=float)
    t = np.array([float(tuple(x) == tuple(x[::-1])) for x in X])
    y = _outputs(net.weights[0], net.biases[0], net.weights[1], net.biases[1], X)
    assert np.all((y > 0.5) == (t == 1))  # every output on the right side of 0.5
    assert np.max(np.abs(y - t)) < 0.1  # and within the stricter tolerance it stopped at
    assert reached[0.5] is not None and reached[0.1] is not None
    assert reached[0.5] <= reached[0.1] == history.epochs_run


def test_learned_weights_are_mirror_antisymmetric_in_ratio_1_2_4(featured_run):
    W = featured_run[0].network.weights[0]
    for w in W:
        pairs = [(w[i], w[5 - i]) for i in range(3)]  # (w1, w6), (w2, w5), (w3, w4)
        scale = max(abs(v) for v in w)
        for left, right in pairs:
            assert left * right < 0  # opposite signs across the middle
            assert abs(left + right) < 0.01 * scale  # equal magnitudes within 1 % of the largest
        magnitudes = sorted((abs(a) + abs(b)) / 2 for a, b in pairs)
        ratios = [m / magnitudes[0] for m in magnitudes]
        # Tolerance: 5 % of each paper ratio (1 : 2 : 4).
        assert ratios[1] == pytest.approx(2.0, rel=0.05)
        assert ratios[2] == pytest.approx(4.0, rel=0.05)


def test_weight_structure_matches_a_hand_built_solution():
    w = np.array([1.0, -2.0, 4.0, -4.0, 2.0, -1.0])
    shape = weight_structure(np.stack([3 * w, -0.5 * w]))
    np.testing.assert_allclose(shape.ratios, [[1, 2, 4], [1, 2, 4]])
    np.testing.assert_allclose(shape.antisymmetry, [0, 0], atol=1e-12)
    assert shape.opposite_signs.all()
    skewed = weight_structure(np.array([[1.0, 2.0, 3.0, -3.0, -2.0, 0.0]]))
    assert skewed.antisymmetry[0] == pytest.approx(1 / 3)  # |w1 + w6| / max|w|
    assert not skewed.opposite_signs[0, 0]
    with pytest.raises(ValueError, match="W has shape"):
        weight_structure(np.zeros((2, 5)))


def test_hidden_units_are_silent_alike_for_every_palindrome(featured_run):
    # Antisymmetric weights cancel for palindromes: the hidden net input is just the bias.
    net = featured_run[0].network
    for p in itertools.product((0, 1), repeat=3):
        x = np.array(p + p[::-1], dtype=float)
        z = net.weights[0] @ x + net.biases[0]
        np.testing.assert_allclose(z, net.biases[0], atol=0.05 * np.abs(net.weights[0]).max())


def _first_solved_sweep(params, X, T):
    """The first snapshot whose outputs (computed here) are all within 0.5 of the targets."""
    for k, (W, b) in enumerate(params):
        if np.all(np.abs(_outputs(W[0], b[0], W[1], b[1], X) - T[:, 0]) < 0.5):
            return k
    return None


@pytest.fixture(scope="module")
def recorded_run():
    history, _ = train_symmetry(FEATURED_SEED, tols=(), epochs=2000, record_params=True)
    return history


def test_seed_study_records_solved_and_stuck_runs(recorded_run):
    X, T = symmetry_data()
    study = run_seeds([FEATURED_SEED, 0], epochs=2000)
    assert study.sweeps[1] is None and study.stuck_seeds == [0]  # seed 0 sits on the plateau
    assert study.sweeps[0] == _first_solved_sweep(recorded_run.params, X, T)
    assert 0 < study.sweeps[0] < 2000


def test_outputs_over_training_are_each_snapshots_forward_pass(recorded_run):
    X, _ = symmetry_data()
    Y = outputs_over_training(recorded_run.params[::97], X)
    for row, (W, b) in zip(Y, recorded_run.params[::97], strict=True):
        np.testing.assert_allclose(row, _outputs(W[0], b[0], W[1], b[1], X), rtol=1e-12)


def test_replay_counts_right_answers_and_the_sweep_it_learned(recorded_run):
    X, T = symmetry_data()
    replay = replay_training(FEATURED_SEED, epochs=2000)
    np.testing.assert_array_equal(replay.loss, recorded_run.loss)
    assert replay.solved_at == _first_solved_sweep(recorded_run.params, X, T)
    for k in (0, replay.solved_at, 2000):
        W, b = recorded_run.params[k]
        right = np.sum((_outputs(W[0], b[0], W[1], b[1], X) >= 0.5) == (T[:, 0] == 1))
        assert replay.correct[k] == right
        np.testing.assert_array_equal(replay.W1[k], W[0])


def test_train_symmetry_rejects_bad_tolerances():
    with pytest.raises(ValueError, match="tols"):
        train_symmetry(0, tols=(1.5,))


def _stub(x):
    raise NotImplementedError("replace this line with your code")


def _crashes(x):
    return x.nonexistent


@pytest.mark.parametrize("answer, fragment", [
    (lambda x: bool(x[0] == x[5]), "patterns are wrong"),  # only the outer pair
    (_stub, "untouched stub"),
    (lambda x: x == x[::-1], "single True or False"),  # element-wise, wrong shape
    (_crashes, "raised AttributeError"),
    (lambda x: None, "returned None"),
])
def test_check_is_symmetric_fails_wrong_answers(answer, fragment):
    result = check_is_symmetric(answer)
    assert result.passed is False
    assert fragment in result.message


def test_check_is_symmetric_passes_reference():
    assert check_is_symmetric(is_symmetric).passed
