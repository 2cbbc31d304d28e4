"""Small drawing helpers shared by every figure of the course."""

from __future__ import annotations


def style_axes(ax, *, xlabel: str = "", ylabel: str = "", title: str = "", xlim=None,
               ylim=None, grid: bool = True):
    """Label an Axes and fix its limits, so nothing re-lays-out when data moves. Returns ax."""
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
