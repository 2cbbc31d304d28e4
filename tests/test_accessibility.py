"""Accessibility that can be measured without a browser (axe in the browser: tests/browser).

- every explorer's controls have accessible names; its text is never under 10 pt, before and
  after every control moves; projector mode enlarges it;
- every stored picture of every notebook has a text alternative (not nbconvert's placeholder);
- every stored picture keeps its key colours ≥ 10 ΔE apart under simulated protanopia,
  deuteranopia and tritanopia (tests/colour_vision.py).
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import colour_vision as cv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# What nbconvert writes where a picture has no description (it must never reach a reader).
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"
MIN_ALT_WORDS = 4


def _builders():
    import helpers.widgets as widgets

    return sorted(name for name in dir(widgets)
                  if name.startswith("make_") and name.endswith("_explorer"))


def _build(name):
    import helpers.widgets as widgets

    return getattr(widgets, name)()


def _stored_pictures():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            for output in cell.get("outputs", []):
                if "image/png" in output.get("data", {}):
                    yield pytest.param(output, id=f"{path.stem}-cell{index}")


PICTURES = list(_stored_pictures())


# -- accessible names ----------------------------------------------------------------------
def test_accessible_name_reads_meaning_then_symbol_then_unit():
    from helpers.accessibility import accessible_name

    assert accessible_name("lr (learning rate)") == "learning rate lr"
    assert accessible_name("k (show epoch k)") == "show epoch k"
    assert accessible_name("θ (angle)", unit="degrees") == "angle θ, in degrees"
    assert accessible_name("bug") == "bug"
    with pytest.raises(ValueError, match="description"):
        accessible_name("  ")


@pytest.mark.parametrize("builder", _builders())
def test_every_control_of_every_explorer_is_named(builder):
    explorer = _build(builder)
    names = explorer.accessibility.names
    assert len(names) == len(explorer.controls)
    for control, name in zip(explorer.controls.values(), names, strict=True):
        assert name.strip(), f"{builder}: control {control.description!r} has no name"
        # The name carries the control's symbol or words, not a generic "slider".
        first_word = control.description.split()[0].strip("()")
        assert first_word in name, (builder, control.description, name)
    assert len(set(names)) == len(names), f"{builder}: two controls share a name: {names}"
    assert explorer.accessibility.figure_label.startswith("Live figure: ")
    assert len(explorer.alt.split()) >= MIN_ALT_WORDS, explorer.alt
    # The browser side finds them by these classes (helpers.accessibility).
    assert "backprop-explorer" in explorer._dom_classes
    for index, control in enumerate(explorer.controls.values()):
        assert f"backprop-control-{index}" in control._dom_classes


# -- legible from the back row -----------------------------------------------------------
def _smallest_text(explorer) -> tuple[float, str]:
    from helpers.accessibility import figure_texts
    from helpers.accessibility import font_size as _font_size

    explorer.draw_now()
    explorer.canvas.draw()  # tick labels are made on draw
    sizes = [(_font_size(t), str(t.get_text())[:40]) for t in figure_texts(explorer.figure)]
    return min(sizes) if sizes else (np.inf, "")


def _every_value(control):
    from helpers.controls import is_choice

    if is_choice(control):
        return [value for _, value in control._options_full] if hasattr(
            control, "_options_full") else list(control.options)
    return [control.min, control.max] if not hasattr(control, "base") else [
        control.base ** control.min, control.base ** control.max]


@pytest.mark.parametrize("builder", _builders())
def test_no_text_under_10_pt_before_or_after_the_controls_move(builder):
    from helpers.presentation import MIN_FONT_PT

    explorer = _build(builder)
    size, text = _smallest_text(explorer)
    assert size >= MIN_FONT_PT, f"{builder}: {text!r} is {size:.1f} pt at the default size"
    for name, control in explorer.controls.items():
        for value in _every_value(control)[:4]:
            explorer.set(**{name: value})
            size, text = _smallest_text(explorer)
            assert size >= MIN_FONT_PT, (f"{builder}: after {name}={value!r}, {text!r} is "
                                         f"{size:.1f} pt")
    assert not explorer.errors, explorer.errors[0]


def test_projector_mode_enlarges_figure_fonts_and_lines():
    import helpers
    from helpers.accessibility import figure_texts
    from helpers.accessibility import font_size as _font_size
    from helpers.widgets import make_fit_a_line_explorer

    normal = make_fit_a_line_explorer()
    try:
        assert helpers.presentation(scale=1.5) == 1.5
        big = make_fit_a_line_explorer()
    finally:
        helpers.presentation(scale=1.0)
    assert big.figure.get_size_inches() == pytest.approx(normal.figure.get_size_inches() * 1.5)
    assert big.accessibility.scale == 1.5 and normal.accessibility.scale == 1.0

    def sizes(explorer):
        return sorted(_font_size(t) for t in figure_texts(explorer.figure))

    assert min(sizes(big)) >= 15.0
    for part in ("title", "xaxis.label", "yaxis.label"):
        def size_of(explorer, part=part):
            artist = explorer.figure.axes[0]
            for attribute in part.split("."):
                artist = getattr(artist, attribute)
            return artist.get_fontsize()
        assert size_of(big) == pytest.approx(1.5 * size_of(normal)), part
    widths = [line.get_linewidth() for line in normal.figure.axes[0].get_lines()]
    big_widths = [line.get_linewidth() for line in big.figure.axes[0].get_lines()]
    assert big_widths == pytest.approx([w * 1.5 for w in widths])


@pytest.mark.parametrize("scale, error", [(0.5, ValueError), (5, ValueError),
                                          ("big", TypeError), (True, TypeError)])
def test_projector_mode_refuses_a_scale_it_cannot_use(scale, error):
    import helpers

    with pytest.raises(error, match="scale"):
        helpers.presentation(scale=scale)
    assert helpers.presentation.__module__ == "helpers.presentation"


# -- text alternatives -------------------------------------------------------------------
def test_a_figure_is_shown_with_its_description_in_png_metadata_and_html():
    from matplotlib.figure import Figure

    from helpers.plots import alt_text, describe
    from helpers.plots.alt_text import figure_mimebundle

    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot([0, 1], [1, 0], label="loss")
    ax.set(xlabel="epoch", ylabel="loss L", title="Training")
    ax.legend()
    assert alt_text(fig) == "Training; loss L against epoch; showing loss"
    describe(ax, 'The loss falls from 1 to 0 in one epoch "quickly".')
    data, metadata = figure_mimebundle(fig)
    assert metadata["image/png"]["alt"] == 'The loss falls from 1 to 0 in one epoch "quickly".'
    assert 'alt="The loss falls from 1 to 0 in one epoch &quot;quickly&quot;."' in data[
        "text/html"]
    assert data["text/html"].startswith('<img src="data:image/png;base64,' + data["image/png"])
    with pytest.raises(ValueError, match="sentence"):
        describe(ax, "")


@pytest.mark.skipif(not PICTURES, reason="no notebook stores a picture")
@pytest.mark.parametrize("output", PICTURES)
def test_every_stored_picture_has_a_description(output):
    alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
    assert alt.strip(), ("a stored picture has no alt text: show figures after importing "
                         "helpers.plots (or give explorers alt=...)")
    assert NBCONVERT_PLACEHOLDER.lower() not in alt.lower()
    assert len(alt.split()) >= MIN_ALT_WORDS, f"alt text too short to say anything: {alt!r}"
    html_output = output["data"].get("text/html", "")
    if "<img" in html_output:
        assert "alt=" in html_output and NBCONVERT_PLACEHOLDER not in html_output


# -- colour vision -----------------------------------------------------------------------
def test_the_simulation_separates_safe_from_unsafe_pairs():
    red, green = np.array([0.84, 0.15, 0.16]), np.array([0.17, 0.63, 0.17])
    blue, orange = np.array([0.0, 0.447, 0.698]), np.array([0.902, 0.624, 0.0])
    assert cv.delta_e(red, green) > 60  # far apart in normal vision …
    assert cv.delta_e(cv.simulate(red, "deuteranopia"),
                      cv.simulate(green, "deuteranopia")) < cv.REQUIRED_DE  # … not here
    for deficiency in cv.MACHADO_2009:
        assert cv.delta_e(cv.simulate(blue, deficiency),
                          cv.simulate(orange, deficiency)) > 40
    # Greys are untouched by every simulation (rows of each matrix sum to 1).
    grey = np.array([0.5, 0.5, 0.5])
    for deficiency in cv.MACHADO_2009:
        assert cv.simulate(grey, deficiency) == pytest.approx(grey, abs=2e-3)


def test_key_colours_of_a_drawn_red_green_plot_fail_and_blue_orange_pass():
    import io

    from matplotlib.figure import Figure

    def png(colours):
        fig = Figure(figsize=(3, 2), dpi=80)
        ax = fig.subplots()
        for i, colour in enumerate(colours):
            ax.plot([0, 1], [i, i + 1], color=colour, lw=6)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()

    unsafe = cv.worst_pairs(png(["#d62728", "#2ca02c"]))
    assert unsafe["deuteranopia"][0] < cv.REQUIRED_DE
    safe = cv.worst_pairs(png(["#0072B2", "#E69F00"]))
    assert all(d >= cv.REQUIRED_DE for d, *_ in safe.values()), safe


@pytest.mark.skipif(not PICTURES, reason="no notebook stores a picture")
@pytest.mark.parametrize("output", PICTURES)
def test_every_stored_picture_keeps_its_key_colours_apart_for_colour_blind_readers(output):
    worst = cv.worst_pairs(base64.b64decode(output["data"]["image/png"]))
    lost = {deficiency: f"{a} vs {b}: ΔE {d:.1f}" for deficiency, (d, a, b) in worst.items()
            if d < cv.REQUIRED_DE}
    assert not lost, (f"key colours become indistinguishable (< {cv.REQUIRED_DE} ΔE): "
                      f"{lost}; use helpers.plots.colors (Okabe–Ito) plus line styles")
