"""Fuzz every explorer like a restless learner: every control to its ends, every option,
dozens of seeded random values in random order, every button — with warnings as errors."""

import re
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from explorer_testing import (
    all_builders,
    apply,
    assert_every_control_changes_the_figure,
    extreme_and_random_values,
    non_finite_artists,
)

ROOT = Path(__file__).resolve().parent.parent
BUILDERS = all_builders()
RANDOM_VALUES_PER_CONTROL = 24
# Sliders that update on release retrain a network each time (~0.1–0.4 s): fewer values.
RANDOM_VALUES_PER_RELEASE_CONTROL = 6


def test_the_fuzz_covers_every_explorer_the_notebooks_show():
    # The builders fuzzed here are exactly those the notebooks call, so a new explorer
    # cannot slip past the fuzz (and a builder no notebook uses is noticed).
    called = set()
    for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        called.update(re.findall(r"\b(make_\w+_explorer)\(", path.read_text()))
    assert called == set(BUILDERS)


# Controls that by design change nothing on screen until something else happens.
NO_VISIBLE_CHANGE = {"make_network_explorer": {"label"}}  # the class of the next clicked point


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_control_changes_the_figure(name):
    # Every option, or min, middle and max of each slider: the lines, bars, texts, axis
    # labels and limits, or the readout change, with no warning, error or non-finite artist.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_every_control_changes_the_figure(BUILDERS[name](),
                                                exempt=NO_VISIBLE_CHANGE.get(name, ()))


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_explorer_survives_fuzzing(name):
    rng = np.random.default_rng(sum(map(ord, name)))  # seeded per explorer: reproducible
    figures_before = plt.get_fignums()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        explorer = BUILDERS[name]()
        plan = [(control_name, value)
                for control_name, control in explorer.controls.items()
                for value in extreme_and_random_values(
                    control, rng, RANDOM_VALUES_PER_CONTROL
                    if getattr(control, "continuous_update", True)
                    else RANDOM_VALUES_PER_RELEASE_CONTROL)]
        plan += [(button, None) for button in explorer.buttons] * 3
        order = rng.permutation(len(plan))
        for step, index in enumerate(order):
            target, value = plan[index]
            if target in explorer.buttons and value is None:
                explorer.buttons[target].click()
            else:
                apply(explorer.controls[target], value)
            assert explorer.errors == [], (
                f"{name}: step {step} ({target} = {value!r}) raised:\n{explorer.errors[0]}")
            if step % 10 == 0:
                explorer.draw_now()
        explorer.draw_now()
        problems = non_finite_artists(explorer.figure)
    assert not problems, f"{name}: {problems}"
    assert [str(w.message) for w in caught] == [], f"{name} warned"
    assert plt.get_fignums() == figures_before, f"{name} leaked pyplot figures"
    # Reset must bring back exactly the first state.
    explorer.buttons["Reset"].click()
    assert explorer.values() == explorer.initial_values
