"""Drive an explorer the way a learner would, without a browser: the values a control can
take, sweeps like a slider drag, and a scan of the figure for non-finite data.

Shared by the widget fuzz tests (tests/test_widget_fuzz.py), the smoke tests and the
benchmark (benchmarks/run.py), so all three exercise controls the same way.
"""

from __future__ import annotations

import inspect

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

import helpers.widgets
from helpers.controls import is_choice


def all_builders() -> dict[str, object]:
    """Every explorer builder of the course, by name (``make_*_explorer`` in helpers.widgets)."""
    return {name: getattr(helpers.widgets, name) for name in helpers.widgets.__all__
            if name.startswith("make_") and name.endswith("_explorer")
            and inspect.isfunction(getattr(helpers.widgets, name))}


def control_range(control) -> tuple[float, float] | None:
    """The lowest and highest value of a numeric control (log sliders in value space)."""
    if isinstance(control, widgets.FloatLogSlider):
        return control.base ** control.min, control.base ** control.max
    if hasattr(control, "min") and hasattr(control, "max"):
        return control.min, control.max
    return None


def extreme_and_random_values(control, rng: np.random.Generator, n_random: int) -> list:
    """Minimum, maximum, every option, and ``n_random`` seeded random values of a control."""
    if is_choice(control):
        return [("index", i) for i in range(len(control.options))]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [True, False]
    bounds = control_range(control)
    if bounds is None:
        return []
    low, high = bounds
    if isinstance(control, widgets.FloatLogSlider):
        randoms = control.base ** rng.uniform(control.min, control.max, n_random)
    elif isinstance(control.value, int) and not isinstance(control.value, bool):
        randoms = rng.integers(low, high, endpoint=True, size=n_random)
    else:
        randoms = rng.uniform(low, high, n_random)
    return [low, high, *[r.item() for r in randoms]]


def drag_values(control, n_steps: int) -> list:
    """Values a slider passes through when dragged from one end to the other."""
    bounds = control_range(control)
    if is_choice(control):
        return [("index", i) for i in range(len(control.options))]
    if bounds is None:
        return []
    low, high = bounds
    step = getattr(control, "step", None)

    def on_step(positions, start):  # the browser's slider only stops on multiples of its step
        if not step:
            return positions
        return np.unique(np.round(start + np.round((positions - start) / step) * step, 10))

    if isinstance(control, widgets.FloatLogSlider):
        values = control.base ** on_step(np.linspace(control.min, control.max, n_steps),
                                         control.min)
    else:
        values = np.clip(on_step(np.linspace(low, high, n_steps), low), low, high)
    if isinstance(control.value, int) and not isinstance(control.value, bool):
        values = np.unique(np.round(values).astype(int))
    return [v.item() for v in values]


def apply(control, value) -> None:
    """Set a control to ``value`` (``("index", i)`` selects option i of a selection)."""
    if isinstance(value, tuple) and value[0] == "index":
        control.index = value[1]
    else:
        control.value = value


def non_finite_artists(figure) -> list[str]:
    """Describe every artist of ``figure`` holding NaN/inf data or showing 'nan'/'inf' text."""
    problems = []
    for artist in figure.findobj():
        if isinstance(artist, Line2D):
            data = np.concatenate([np.ravel(artist.get_xdata()).astype(float),
                                   np.ravel(artist.get_ydata()).astype(float)])
            if data.size and not np.all(np.isfinite(data)):
                problems.append(f"line {artist.get_label()!r} holds non-finite data")
        elif isinstance(artist, Collection):
            offsets = np.asarray(artist.get_offsets(), dtype=float)
            if offsets.size and not np.all(np.isfinite(offsets)):
                problems.append(f"collection {artist.get_label()!r} has non-finite offsets")
        elif isinstance(artist, AxesImage):
            array = np.ma.masked_invalid(np.ma.asarray(artist.get_array(), dtype=float))
            if array.count() == 0:
                problems.append("image holds no finite value")
        elif isinstance(artist, Text):
            words = artist.get_text().lower().replace(",", " ").split()
            if any(word in {"nan", "inf", "-inf", "+inf"} for word in words):
                problems.append(f"text {artist.get_text()!r} shows a non-finite number")
    return problems


def _is_text(artist) -> bool:
    """matplotlib's Text and the cached-glyph texts of helpers.plots.fast_text."""
    return isinstance(artist, Text) or type(artist).__name__ == "CachedText"


def figure_state(explorer):
    """Everything an update can change, comparable with ``==``: each line's data (rounded),
    colour and width, bar heights, every text (matplotlib's and the cached-glyph kind),
    axis labels and limits, and the readout."""
    state = []
    for ax in explorer.figure.axes:
        for line in ax.get_lines():
            state.append((np.round(np.asarray(line.get_xydata(), dtype=float), 12).tolist(),
                          line.get_color(), line.get_linewidth()))
        state.extend(round(float(patch.get_height()), 12) for patch in ax.patches
                     if hasattr(patch, "get_height"))
        state.extend(text.get_text() for text in ax.findobj(_is_text) if text is not ax)
        state.extend([ax.get_xlabel(), ax.get_ylim()])
    return state, explorer.readout.value


def min_mid_max(control) -> list:
    """Every option of a choice; else the lowest, middle and highest value of a slider (the
    middle of a log slider in log space, of an integer slider rounded)."""
    if hasattr(control, "options"):  # an option is a value or a (label, value) pair
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    low, high = control_range(control)
    if isinstance(control, widgets.FloatLogSlider):
        mid = float(np.sqrt(low * high))
    elif isinstance(control.value, int) and not isinstance(control.value, bool):
        mid = (low + high) // 2
    else:
        mid = (low + high) / 2
    return [low, mid, high]


def assert_every_control_changes_the_figure(explorer, snapshot=figure_state,
                                            exempt=()) -> None:
    """Set each control to every option, or to its min, mid and max (``min_mid_max``),
    starting from the first state, and assert ``snapshot(explorer)`` changes each time with
    no error and no non-finite artist. ``snapshot`` says what "the figure" means; controls
    named in ``exempt`` are still moved and checked for errors, but may change nothing."""
    for name, control in explorer.controls.items():
        for value in min_mid_max(control):
            if value == control.value:
                continue
            before = snapshot(explorer)
            explorer.set(**{name: value})
            explorer.draw_now()
            assert name in exempt or snapshot(explorer) != before, (
                f"{name} = {value} changed nothing")
            assert explorer.errors == []
            assert non_finite_artists(explorer.figure) == []
        explorer.reset()
    assert explorer.values() == explorer.initial_values
