"""Small drawing helpers shared by every figure of the course."""

from __future__ import annotations

import numpy as np

__all__ = ["clip_for_log", "style_axes"]


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
