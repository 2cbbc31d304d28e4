"""Small drawing helpers shared by every figure of the course."""

from __future__ import annotations

import numpy as np

from helpers.plots import colors

__all__ = ["clip_for_log", "corner_note", "draw_marker", "style_axes"]


def style_axes(ax, *, xlabel: str = "", ylabel: str = "", title: str = "", xlim=None,
               ylim=None, grid: bool = True):
    """Label an Axes and fix its limits, so nothing re-lays-out when data moves. Returns ax.

    Introduced in 00_start_here (every figure of the course uses it).
    """
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize="medium")
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if grid:
        ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def clip_for_log(values, low: float, high: float, *, zero: float | None = None) -> np.ndarray:
    """Values made safe to draw on a log axis from ``low`` to ``high``.

    Introduced in 02_activations. NaN and +inf go to the top (``high``: "blew up"), everything
    else is clipped into [low, high]; with ``zero`` given, exact zeros go there instead (a
    value below ``low`` that marks "exactly 0", which a log axis cannot show).
    """
    values = np.asarray(values, dtype=float)
    shown = np.clip(np.where(np.isnan(values), high, values), low, high)
    return shown if zero is None else np.where(values == 0.0, zero, shown)


def corner_note(ax, text: str = "", *, top: bool = True, row: int = 0, color=colors.BAD,
                visible: bool = True):
    """A small note in the top-right (or bottom-right) corner of ``ax``, ``row`` lines in.

    Introduced in 05_gradient_descent (the 'diverged' labels). Returns the Text; an explorer
    changes it only rarely (it is part of the background, not redrawn on every move).
    """
    y = 0.95 - 0.08 * row if top else 0.05 + 0.08 * row
    return ax.text(0.97, y, text, transform=ax.transAxes, ha="right",
                   va="top" if top else "bottom", color=color, fontsize=10,
                   visible=visible)


def draw_marker(ax, x=0.0, y=0.0, *, color=colors.HIGHLIGHT, size: float = 8, **kwargs):
    """One round marker, 'where you are now' on a curve; returns the Line2D to move.

    Introduced in 00_start_here.
    """
    (marker,) = ax.plot([x], [y], "o", color=color, mec="k", ms=size, zorder=5, **kwargs)
    return marker
