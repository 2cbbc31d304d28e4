"""Drawing: functions that take a matplotlib Axes (and data), draw, and return the artists
they made so an explorer can move them later. No widgets, no state."""

from helpers.plots.basics import style_axes

__all__ = ["style_axes"]
