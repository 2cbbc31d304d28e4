"""Projector mode: one call at the top of a notebook makes every explorer after it bigger.

    import helpers
    helpers.presentation(scale=1.5)   # before building any explorer

Every explorer built afterwards has its figure, fonts, lines and markers, and its controls'
text, enlarged by ``scale``, so the back row of a classroom can read them. ``scale=1`` goes
back to the normal size. This module holds only the setting (no matplotlib, no widgets), so
``import helpers`` stays light; :mod:`helpers.explorer` reads it.

Introduced in 00_start_here (the README's teaching section shows it).
"""

from __future__ import annotations

__all__ = ["presentation", "presentation_scale", "MIN_FONT_PT"]

# No text of an explorer is smaller than this at its default size (the course's rule for
# legibility from the back row; a test measures every explorer's figure).
MIN_FONT_PT = 10.0

_MIN_SCALE, _MAX_SCALE = 1.0, 3.0
_scale = 1.0


def presentation(scale: float = 1.5) -> float:
    """Turn projector mode on for every explorer built after this call; return the scale.

    ``scale`` multiplies figure size, font sizes, line widths, marker sizes and the
    controls' font size (1.0 = normal, 1.5 suits most projectors, at most 3.0).
    Introduced in 00_start_here (shown in the README's teaching section).
    """
    global _scale
    if isinstance(scale, bool) or not isinstance(scale, int | float):
        raise TypeError(f"scale must be a number such as 1.5, got {type(scale).__name__}")
    if not _MIN_SCALE <= float(scale) <= _MAX_SCALE:
        raise ValueError(f"scale={scale} is outside [{_MIN_SCALE}, {_MAX_SCALE}]; "
                         "use 1.0 for the normal size or about 1.5 for a projector")
    _scale = float(scale)
    return _scale


def presentation_scale() -> float:
    """The current projector scale (1.0 unless :func:`presentation` changed it).

    Introduced in 00_start_here (read by every explorer)."""
    return _scale
