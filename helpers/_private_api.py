"""Every use of matplotlib, ipympl and ipywidgets internals, each behind a feature check.

The explorers are fast because a few spots reach past the libraries' public API. An upgrade
that removes or renames one of those internals must cost speed, never correctness: each
feature below is checked once at import, and where the check fails the course falls back to
the stock way (``draw_idle`` instead of blitting whole frames, ``ax.text`` instead of cached
glyphs, ``imshow``'s resampler instead of the numpy one). ``MISSING`` names what is gone;
``tests/test_private_api.py`` fails loudly on it, so the loss of speed is seen, not guessed.

Introduced in 00_start_here (behind every live figure of the course).
"""

from __future__ import annotations

import importlib
import inspect
import sys

__all__ = ["BOUNDARY_IMAGE", "FULL_FRAMES", "GLYPH_CACHE", "MISSING",
           "import_ipympl_canvas", "stop_data_url_sync"]

MISSING: dict[str, str] = {}  # feature → the internal name that was not found


def _require(feature: str, checks: dict[str, bool]) -> bool:
    """True when every named internal exists; else record the first missing one."""
    for name, present in checks.items():
        if not present:
            MISSING[feature] = name
            return False
    return True


# 1. ipympl's canvas without ipympl switching the learner's matplotlib backend -------------
def import_ipympl_canvas():
    """(Canvas, FigureManager) of ipympl, imported without changing matplotlib's backend.

    ipympl's package ``__init__`` calls ``matplotlib.use(ipympl)`` when matplotlib is loaded,
    which would turn a notebook's ``plt.show()`` pictures into widgets. Hiding matplotlib
    from ``sys.modules`` during that one import avoids it. Fallback: a plain import (the
    backend may switch; figures still show, as ipympl widgets).
    """
    if "ipympl" not in sys.modules:
        hidden = sys.modules.pop("matplotlib", None)
        try:
            importlib.import_module("ipympl")  # today its __init__ only reads sys.modules
            imported_its_own = hidden is not None and "matplotlib" in sys.modules
        finally:
            if hidden is not None:
                sys.modules["matplotlib"] = hidden
        if imported_its_own:  # a second matplotlib would now exist: import ipympl plainly
            MISSING["ipympl import without backend switch"] = "ipympl.__init__ reads sys.modules"
            for name in [n for n in sys.modules if n == "ipympl" or n.startswith("ipympl.")]:
                del sys.modules[name]
            importlib.import_module("ipympl")
    from ipympl import backend_nbagg

    return backend_nbagg.Canvas, backend_nbagg.FigureManager


def _full_frames_supported() -> bool:
    from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
    from matplotlib.figure import Figure

    canvas = FigureCanvasWebAggCore(Figure(figsize=(1, 1)))
    return _require("whole-frame sending", {
        "FigureCanvasWebAggCore.get_diff_image": hasattr(canvas, "get_diff_image"),
        "FigureCanvasWebAggCore._png_is_old": hasattr(canvas, "_png_is_old"),
        "FigureCanvasWebAggCore._force_full": hasattr(canvas, "_force_full"),
        "FigureCanvasWebAggCore.set_image_mode": hasattr(canvas, "set_image_mode"),
    })


# 2. Whole frames, so blitting explorers can send a frame per move without ghosting. Without
#    it explorers redraw with draw_idle and ipympl's own diff frames.
FULL_FRAMES = _full_frames_supported()


def stop_data_url_sync(canvas) -> bool:
    """Switch off ipympl's per-frame PNG data URL (undocumented attribute
    ``syncing_data_url``, set by the canvas' ``__init__``); the explorer keeps its own static
    picture. Fallback: leave ipympl as it is (a few ms more per move)."""
    if hasattr(canvas, "syncing_data_url"):
        canvas.syncing_data_url = False
        return True
    MISSING["no per-frame data URL"] = "ipympl Canvas.syncing_data_url"
    return False


def _glyph_cache_supported() -> bool:
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties, findfont, get_font

    font = get_font(findfont(FontProperties()))
    glyph = font.load_char(ord("0")) if hasattr(font, "load_char") else None
    return _require("cached glyph text", {
        "matplotlib.font_manager.get_font().load_char": glyph is not None,
        "FT2Font glyph .horiAdvance": hasattr(glyph, "horiAdvance"),
        "FT2Font.ascender/descender/units_per_EM": all(
            hasattr(font, name) for name in ("ascender", "descender", "units_per_EM")),
        "RendererAgg.draw_text/buffer_rgba": all(
            hasattr(RendererAgg, name) for name in ("draw_text", "buffer_rgba", "new_gc")),
    })


# 3. Text drawn from cached glyph bitmaps (helpers.plots.fast_text). Fallback: ax.text.
GLYPH_CACHE = _glyph_cache_supported()


def _boundary_image_supported() -> bool:
    from matplotlib.image import AxesImage

    parameters = list(inspect.signature(AxesImage.make_image).parameters)
    return _require("numpy boundary picture", {
        "AxesImage.make_image(renderer, magnification, unsampled)":
            parameters[:4] == ["self", "renderer", "magnification", "unsampled"],
        "AxesImage.get_array/get_alpha": all(
            hasattr(AxesImage, name) for name in ("get_array", "get_alpha", "get_extent")),
    })


# 4. The decision-boundary picture resampled with numpy (helpers.plots.multilayer).
#    Fallback: matplotlib's own resampler (imshow), 10–20 ms slower per draw.
BOUNDARY_IMAGE = _boundary_image_supported()
