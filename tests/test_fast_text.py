"""CachedText draws the same text as matplotlib's Text, where Text would draw it."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.plots.fast_text import cached_text


def _ink_box(fig, draw):
    """Bounding box (rows, cols) of the dark pixels after ``draw(ax)`` on a blank axes."""
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    draw(ax)
    fig.canvas.draw()
    dark = np.asarray(fig.canvas.buffer_rgba())[..., 0] < 128
    rows, cols = np.nonzero(dark.any(axis=1))[0], np.nonzero(dark.any(axis=0))[0]
    fig.clear()
    return rows.min(), rows.max(), cols.min(), cols.max()


@pytest.mark.parametrize("ha", ["left", "center", "right"])
@pytest.mark.parametrize("va", ["top", "center", "baseline", "bottom"])
def test_cached_text_lands_where_matplotlib_text_does(ha, va):
    fig = Figure(figsize=(3, 2), dpi=100)
    FigureCanvasAgg(fig)
    text = "data +0.200\ngrad −0.036"
    style = {"ha": ha, "va": va, "fontsize": 10, "family": "DejaVu Sans Mono",
             "linespacing": 1.2}
    reference = _ink_box(fig, lambda ax: ax.text(0.5, 0.5, text, color="black", **style))
    cached = _ink_box(fig, lambda ax: cached_text(ax, 0.5, 0.5, text, **style))
    # Same place to within 2 px (no kerning and whole-pixel glyph positions).
    assert np.allclose(reference, cached, atol=2), (reference, cached)


def test_set_text_changes_the_pixels_and_get_text_reports_it():
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    label = cached_text(ax, 0.1, 0.5, "a = 0.73")
    fig.canvas.draw()
    before = np.asarray(fig.canvas.buffer_rgba()).copy()
    label.set_text("a = 0.99")
    fig.canvas.draw()
    assert label.get_text() == "a = 0.99"
    assert not np.array_equal(before, np.asarray(fig.canvas.buffer_rgba()))


def _pixels(draw):
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    draw(ax)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def test_empty_text_draws_nothing_and_a_background_fills_a_box_behind_the_text():
    blank = _pixels(lambda ax: None)
    assert np.array_equal(_pixels(lambda ax: cached_text(ax, 0.5, 0.5, "", background="red")),
                          blank)
    boxed = _pixels(lambda ax: cached_text(ax, 0.5, 0.5, "w₁ = +0.20", background=(0, 0, 1),
                                           ha="center", va="center"))
    blue = np.all(boxed == (0, 0, 255), axis=-1)
    dark = boxed.max(axis=-1) < 100  # the glyphs, drawn over the box
    rows, cols = np.nonzero(blue)
    assert blue.sum() > 100 and abs(cols.mean() - 100) < 5 and abs(rows.mean() - 50) < 5
    assert dark[rows.min():rows.max() + 1, cols.min():cols.max() + 1].any()
    assert not blue[:, :20].any() and not blue[:, -20:].any()  # a box, not the whole figure
