"""The library internals the explorers lean on are still there — and the stock fallbacks work.

Every use of a matplotlib/ipympl/ipywidgets internal sits in ``helpers/_private_api.py``
behind a feature check. The first test fails, naming the missing internal, the day an
upgrade removes one (the course then still works, only slower); the others force each
fallback on and show that every explorer still draws and answers its controls.
"""

import matplotlib
import numpy as np
import pytest
from explorer_testing import all_builders, apply, extreme_and_random_values
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Text

import helpers._canvas
import helpers.explorer
import helpers.plots.fast_text
import helpers.plots.multilayer
from helpers import _private_api
from helpers.plots import colors
from helpers.plots.multilayer import boundary_grid, draw_boundary

BUILDERS = all_builders()


def test_every_private_api_the_course_uses_is_still_there():
    BUILDERS["make_fit_a_line_explorer"]()  # the canvas checks run when a canvas is made
    assert not _private_api.MISSING, "internals gone (feature: missing name): " + ", ".join(
        f"{feature}: {name}" for feature, name in _private_api.MISSING.items())
    assert _private_api.FULL_FRAMES and _private_api.GLYPH_CACHE
    assert _private_api.BOUNDARY_IMAGE


def test_ipympl_import_left_the_matplotlib_backend_alone():
    assert "ipympl" not in matplotlib.get_backend().lower()


def test_explorer_canvases_do_not_sync_a_data_url():
    explorer = BUILDERS["make_fit_a_line_explorer"]()
    assert hasattr(explorer.canvas, "syncing_data_url"), "ipympl renamed syncing_data_url"
    assert explorer.canvas.syncing_data_url is False


def _move_every_control(explorer):
    rng = np.random.default_rng(0)
    for control in explorer.controls.values():
        for value in extreme_and_random_values(control, rng, 1)[:2]:
            apply(control, value)
            explorer.draw_now()
    assert not explorer.errors, explorer.errors[-1]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_without_whole_frames_and_cached_glyphs_every_explorer_still_works(name, monkeypatch):
    monkeypatch.setattr(helpers._canvas, "FULL_FRAMES", False)
    monkeypatch.setattr(helpers.explorer, "FULL_FRAMES", False)
    monkeypatch.setattr(helpers.plots.fast_text, "GLYPH_CACHE", False)
    monkeypatch.setattr(helpers.plots.multilayer, "BOUNDARY_IMAGE", False)
    explorer = BUILDERS[name]()
    assert explorer._animated == [], "blitting without whole frames can ghost"
    assert not any(isinstance(a, helpers.plots.fast_text.CachedText)
                   for a in explorer.figure.findobj())
    _move_every_control(explorer)


def test_cached_text_falls_back_to_ax_text(monkeypatch):
    monkeypatch.setattr(helpers.plots.fast_text, "GLYPH_CACHE", False)
    ax = Figure().subplots()
    text = helpers.plots.fast_text.cached_text(ax, 0.5, 0.5, "z = 1.0", fontsize=12,
                                                ha="center", background="white")
    assert isinstance(text, Text) and text.get_text() == "z = 1.0"
    assert text.get_fontsize() == 12 and text.get_ha() == "center"


def _outputs():
    grid = boundary_grid(20)
    return 1 / (1 + np.exp(-(grid[:, 0] - grid[:, 1]) * 3))


def _render(draw):
    fig = Figure(figsize=(3, 3), dpi=100)
    FigureCanvasAgg(fig)
    draw(fig.subplots())
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).astype(int)


def test_boundary_fallback_is_matplotlibs_own_resampler(monkeypatch):
    fast = _render(lambda ax: draw_boundary(ax, _outputs()))
    monkeypatch.setattr(helpers.plots.multilayer, "BOUNDARY_IMAGE", False)
    stock = _render(lambda ax: draw_boundary(ax, _outputs()))

    def imshow(ax):  # what draw_boundary does, with matplotlib's own image class
        image = AxesImage(ax, cmap=colors.CLASS_CMAP, origin="lower",
                          extent=helpers.plots.multilayer.BOX, alpha=0.55,
                          interpolation="bilinear")
        image.set_clim(0.0, 1.0)
        image.set_data(_outputs().reshape(20, 20))
        ax.add_image(image)
        ax.set_aspect("auto")

    assert np.array_equal(stock, _render(imshow)), "the fallback must be plain imshow"
    # The fast path paints the same picture up to the odd colour-band edge pixel.
    assert np.mean(np.abs(fast - stock).max(axis=2) > 8) < 0.01
