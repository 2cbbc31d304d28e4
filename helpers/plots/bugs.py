"""Loss curves of a broken backprop next to the fixed one. Introduced in 07_backprop_bugs."""

from __future__ import annotations

import numpy as np

from helpers.gradcheck import format_relative_error
from helpers.plots import colors
from helpers.plots.multilayer import draw_loss_curve

BROKEN_STYLE = {"color": colors.BAD, "ls": "-"}
FIXED_STYLE = {"color": colors.GOOD, "ls": "--"}

__all__ = ["BROKEN_STYLE", "FIXED_STYLE", "draw_bug_curves"]


def draw_bug_curves(ax, entry, title: str = ""):
    """Draw a ``GalleryEntry``: broken (solid vermillion) and fixed (dashed green) loss per step.

    Introduced in 07_backprop_bugs. Returns ``(broken_line, fixed_line)``; the y axis is
    logarithmic with fixed limits.
    """
    steps = max(len(entry.broken_loss), len(entry.fixed_loss)) - 1
    fixed = draw_loss_curve(ax, entry.fixed_loss, label="fixed", style=FIXED_STYLE,
                            ylim=(1e-3, 0.5), xmax=steps)
    broken = draw_loss_curve(ax, entry.broken_loss, label="broken", style=BROKEN_STYLE,
                             ylim=(1e-3, 0.5), xmax=steps)
    if title:
        ax.set_title(title, fontsize="medium")
    ax.legend(loc="lower left", fontsize="small")
    if np.isfinite(entry.broken_error):
        broken_text = format_relative_error(entry.broken_error)
        fixed_text = format_relative_error(entry.fixed_error)
        ax.text(0.98, 0.05, f"gradient check (relative error)\nbroken {broken_text}"
                f"   fixed {fixed_text}", transform=ax.transAxes, ha="right",
                va="bottom", fontsize="small")
    return broken, fixed
