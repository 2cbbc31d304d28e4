"""replay_many (08_rumelhart_1986): many symmetry runs trained at once record what
replay_training records for each of them, one run at a time."""

import numpy as np
import pytest

from helpers import replay_many, replay_training

# The paper's settings for every seed of the explorer, and settings away from them
# (plain descent, a small and a large step, little and much momentum).
SETTINGS = [(seed, 0.1, 0.9) for seed in range(20)] + [
    (10, 0.1, 0.0), (10, 0.01, 0.9), (3, 1.0, 0.95), (7, 0.02, 0.5), (12, 0.3, 0.9)]
EPOCHS = 3000


@pytest.fixture(scope="module")
def batched():
    return replay_many(*zip(*SETTINGS, strict=True), epochs=EPOCHS)


@pytest.mark.parametrize("k", range(len(SETTINGS)))
def test_each_run_is_the_one_replay_training_records(batched, k):
    seed, lr, momentum = SETTINGS[k]
    alone, together = replay_training(seed, lr=lr, momentum=momentum, epochs=EPOCHS), batched[k]
    assert together.solved_at == alone.solved_at
    assert together.diverged_at == alone.diverged_at
    np.testing.assert_array_equal(together.correct, alone.correct)
    # Same operations; only summation order inside the matrix products may differ (an ulp).
    np.testing.assert_allclose(together.loss, alone.loss, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(together.W1, alone.W1, rtol=1e-10, atol=1e-12)


def test_a_run_does_not_depend_on_what_it_is_trained_with():
    settings = [(10, 0.1, 0.9), (3, 0.5, 0.0), (0, 1.0, 0.95)]
    together = replay_many(*zip(*settings, strict=True), epochs=400)
    for setting, run in zip(settings, together, strict=True):
        alone = replay_many(*zip(setting), epochs=400)[0]
        np.testing.assert_array_equal(run.loss, alone.loss)
        np.testing.assert_array_equal(run.W1, alone.W1)


def test_records_every_sweep_from_the_paper_initialisation():
    from helpers import paper_network

    run = replay_many([4, 5], [0.1, 0.1], [0.9, 0.9], epochs=7)[1]
    assert run.loss.shape == (8,) and run.W1.shape == (8, 2, 6) and run.correct.shape == (8,)
    np.testing.assert_array_equal(run.W1[0], paper_network(5).weights[0])


def test_a_run_that_never_learns_has_no_solved_sweep():
    run = replay_many([10], [0.1], [0.9], epochs=5)[0]  # 5 sweeps: still on the plateau
    assert run.solved_at is None and run.diverged_at is None


@pytest.mark.parametrize("args, message", [
    (([0, 1], [0.1], [0.9, 0.9]), "one seed, lr and momentum per run"),
    (([], [], []), "one seed, lr and momentum per run"),
    ((3, [0.1], [0.9]), "seeds must be a list"),
    (([0], [0.1], "0.9"), "momenta must be a list"),
    (([0.5], [0.1], [0.9]), "seeds\\[k\\] must be an int"),
    (([0], [-0.1], [0.9]), "lr"),
    (([0], [0.1], [1.5]), "momentum"),
])
def test_bad_settings_name_the_argument(args, message):
    with pytest.raises((TypeError, ValueError), match=message):
        replay_many(*args, epochs=3)


def test_bad_tolerance_names_the_range():
    with pytest.raises(ValueError, match=r"tol must be a number in \(0, 1\]"):
        replay_many([0], [0.1], [0.9], epochs=3, tol=2.0)
