"""Loss curves of a broken backprop next to the fixed one. Introduced in 07_backprop_bugs."""

from __future__ import annotations

import numpy as np

from helpers.plots import colors
from helpers.plots.multilayer import draw_loss_curve

BROKEN_STYLE = {"color": colors.BAD, "ls": "-"}
FIXED_STYLE = {"color": colors.GOOD, "ls": "--"}

__all__ = ["BROKEN_STYLE", "FIXED_STYLE", "draw_bug_curves"]


def draw_bug_curves(ax, entry, title: str = ""):
    """Draw a ``GalleryEntry``: broken (solid vermillion) and fixed (dashed green) loss per
    step, with the gradient checks read on 07's one scale.

    Introduced in 07_backprop_bugs. Returns ``(broken_line, fixed_line)``; the y axis is
    logarithmic with fixed limits.
    """
    steps = max(len(entry.broken_loss), len(entry.fixed_loss)) - 1
    fixed = draw_loss_curve(ax, entry.fixed_loss, label="fixed", style=FIXED_STYLE,
                            ylim=(1e-3, 0.5), xmax=steps)
    broken = draw_loss_curve(ax, entry.broken_loss, label="broken", style=BROKEN_STYLE,
                             ylim=(1e-3, 0.5), xmax=steps)
    if title:
        ax.set_title(title, fontsize=11)
    ax.legend(loc="lower left", fontsize=10)
    if np.isfinite(entry.broken_error):
        from helpers.sanity import format_check_error, gradient_check_verdict

        def shown(error):
            return f"{format_check_error(error)} ({gradient_check_verdict(error)})"

        ax.text(0.98, 0.05, f"gradient check (relative error)\nbroken {shown(entry.broken_error)}"
                f"   fixed {shown(entry.fixed_error)}", transform=ax.transAxes, ha="right",
                va="bottom", fontsize=10)
    return broken, fixed
