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


def test_empty_text_and_background_are_fine():
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    cached_text(ax, 0.5, 0.5, "", background="white")
    cached_text(ax, 0.5, 0.5, "w₁ = +0.20", background="white", ha="center", va="center")
    fig.canvas.draw()
