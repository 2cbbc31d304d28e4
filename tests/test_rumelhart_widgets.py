"""The 08_rumelhart_1986 explorer: every control and button moves the figure, nothing breaks."""

import numpy as np
import pytest

from helpers import run_seed_study
from helpers.plots.rumelhart import weight_bar_heights
from helpers.widgets import make_rumelhart_explorer


@pytest.fixture(scope="module")
def explorer():
    return make_rumelhart_explorer(sweeps=1500)


def _snapshot(e):
    v = e.view
    return (weight_bar_heights(v.weights), np.asarray(v.loss_line.get_ydata()).copy(),
            np.asarray(v.marker.get_xydata()).copy(), v.bars.get_paths()[0].vertices.copy())


def _all_finite(e):
    heights, loss, marker, _ = _snapshot(e)
    assert np.allclose([p.vertices[1, 1] for p in e.view.bars.get_paths()], heights)
    return all(np.all(np.isfinite(a)) for a in (heights, loss, marker))


def _changed(before, after):
    return any(not np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(before, after,
                                                                              strict=True))


@pytest.mark.parametrize("name, values", [
    ("sweep", [0, 750, 1500]),
    ("lr", [0.01, 0.3, 1.0]),
    ("momentum", [0.0, 0.5, 0.95]),
    ("seed", [0, 7, 19]),
])
def test_every_control_changes_the_figure(explorer, name, values):
    explorer.reset()
    explorer.set(sweep=750 if name != "sweep" else 300)  # every value below is a change
    for value in values:
        before = _snapshot(explorer)
        explorer.set(**{name: value})
        explorer.draw_now()
        assert explorer.errors == []
        assert _all_finite(explorer)
        assert _changed(before, _snapshot(explorer)), f"{name}={value} left the figure alone"


def test_sweep_slider_moves_bars_without_retraining(explorer):
    explorer.reset()
    run = explorer.view.run
    explorer.set(sweep=0)
    start = list(weight_bar_heights(explorer.view.weights))
    explorer.set(sweep=1500)
    end = list(weight_bar_heights(explorer.view.weights))
    assert explorer.view.run is run  # no retraining for a scrub
    assert max(abs(h) for h in start) <= 0.3  # the paper's initial range
    assert max(abs(h) for h in end) > 3  # weights grew during learning


def test_buttons(explorer):
    explorer.reset()
    explorer.buttons["Sweep 0"].click()
    assert explorer.values()["sweep"] == 0
    explorer.buttons["When it learned"].click()
    solved_at = explorer.view.run.solved_at
    assert solved_at is not None and explorer.values()["sweep"] == solved_at
    assert "64/64 right" in explorer.readout.value
    explorer.set(seed=0)  # stuck on the plateau: the button leaves the slider alone
    explorer.set(sweep=123)
    explorer.buttons["When it learned"].click()
    assert explorer.values()["sweep"] == 123
    assert "not yet learned" in explorer.readout.value
    explorer.buttons["Reset"].click()
    assert explorer.values() == explorer.initial_values
    assert explorer.errors == []


def test_first_readout_is_deterministic():
    assert repr(make_rumelhart_explorer(sweeps=1500)) == repr(make_rumelhart_explorer(sweeps=1500))


def test_run_seed_study_prints_progress(capsys):
    study = run_seed_study([10, 1], epochs=1500)
    out = capsys.readouterr().out
    assert "2/2" in out and "done." in out
    assert all(s is not None for s in study.sweeps)


def test_going_back_to_a_setting_reuses_its_run(explorer):
    explorer.reset()
    first = explorer.view.run
    explorer.set(seed=3)
    assert explorer.view.run is not first
    explorer.set(seed=explorer.initial_values["seed"])
    assert explorer.view.run is first  # no retraining
    assert np.array_equal(explorer.view.loss_line.get_ydata(), first.loss)


def test_training_sliders_are_live(explorer):
    assert all(explorer.controls[name].continuous_update
               for name in ("sweep", "lr", "momentum", "seed"))


def test_a_track_is_trained_once_then_every_move_on_it_replays(monkeypatch):
    import helpers.widgets.rumelhart as module

    calls = []

    def counting(seeds, lrs, momenta, **kwargs):
        calls.append(len(seeds))
        return module.replay_many.__wrapped__(seeds, lrs, momenta, **kwargs)

    counting.__wrapped__ = module.replay_many
    monkeypatch.setattr(module, "replay_many", counting)
    explorer = make_rumelhart_explorer(sweeps=300)
    # The start: the lr, momentum and seed tracks through it, 41 + 20 + 20 settings, once each.
    assert calls == [41 + 20 + 20 - 2]
    for seed in (0, 5, 19):
        explorer.set(seed=seed)
    explorer.reset()
    for momentum in (0.0, 0.5, 0.95):
        explorer.set(momentum=momentum)
    explorer.reset()
    assert calls == [79] and explorer.errors == []  # all recorded at the start
    explorer.set(lr=10**-1.5)  # on the lr track through the start: recorded
    explorer.set(seed=4)  # the seed track through (lr 10^-1.5, α 0.9): new but for seed 10
    assert calls == [79, 19]
    explorer.set(seed=11)
    explorer.set(momentum=0.5)  # the momentum track through (11, 10^-1.5, 0.9): new
    assert calls == [79, 19, 19]
    explorer.set(lr=0.3, seed=2)  # two sliders at once, off the grid: that one run only
    assert calls == [79, 19, 19, 1]


def test_a_slider_value_sent_with_round_off_shows_the_recorded_run(explorer):
    explorer.reset()
    explorer.set(lr=10**-0.5)
    recorded = explorer.view.run
    explorer.set(momentum=0.5)
    explorer.set(momentum=0.1 + 0.2 + 0.2, lr=10**-0.5 * (1 + 1e-14))  # as a browser may send
    explorer.set(momentum=0.9)
    assert explorer.view.run is recorded


def test_the_start_run_is_replay_training_s():
    from helpers import replay_training

    explorer = make_rumelhart_explorer(sweeps=1500)
    alone = replay_training(10, epochs=1500)
    assert explorer.view.run.solved_at == alone.solved_at == 1287
    np.testing.assert_allclose(explorer.view.run.loss, alone.loss, rtol=1e-12)
