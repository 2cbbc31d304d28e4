"""The explorer of 07_backprop_bugs: a gallery of broken backprop versus the fixed one."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.bugs import BUGS, bug_gallery
from helpers.controls import dropdown
from helpers.explorer import Explorer
from helpers.gradcheck import format_relative_error
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, corner_note, style_axes
from helpers.plots.bugs import BROKEN_STYLE, FIXED_STYLE
from helpers.plots.multilayer import LOSS_RANGE, draw_loss_curve

__all__ = ["make_bug_explorer"]


def make_bug_explorer(bug: str = "1 = instead of +=") -> Explorer:
    """Pick a classic backprop bug; see its loss curve next to the fixed one, and the checks.

    Introduced in 07_backprop_bugs. All runs are computed once (``bug_gallery()``).
    """
    runs = bug_gallery()

    def setup(fig):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.88)
        fixed = draw_loss_curve(ax, np.full(301, 0.1), label="fixed", style=FIXED_STYLE,
                                ylim=(1e-3, 0.5), xmax=300)
        broken = draw_loss_curve(ax, np.full(301, 0.1), label="broken", style=BROKEN_STYLE,
                                 ylim=(1e-3, 0.5), xmax=300)
        style_axes(ax, title="loss while training: broken (solid) vs fixed (dashed)")
        ax.legend(loc="lower left", fontsize="small")
        note = corner_note(ax, top=False, color=colors.BLACK)
        return SimpleNamespace(fixed=fixed, broken=broken, note=note)

    def update(view, values):
        name = values["bug"]
        entry, info = runs[name], BUGS[name]
        for line, loss in ((view.broken, entry.broken_loss), (view.fixed, entry.fixed_loss)):
            line.set_data(np.arange(len(loss)), clip_for_log(loss, *LOSS_RANGE))
        view.note.set_text(info.title)
        sigma = ("" if np.isnan(entry.sigma_prime)
                 else f"\nsmallest mean σ'(z) at the start: {entry.sigma_prime:.1e} (max 0.25)")
        return (f"symptom: {info.symptom}\ncaught by: {info.caught_by}\n"
                f"gradient check: broken {format_relative_error(entry.broken_error)}, "
                f"fixed {format_relative_error(entry.fixed_error)}"
                f"\na tiny step lowers the loss: {'yes' if entry.descends else 'NO'}{sigma}")

    return Explorer(
        title="Gallery of backprop bugs",
        hint="Pick a bug: compare the broken curve (solid) with the fixed one (dashed), then "
             "read which check catches it.",
        controls={"bug": dropdown("bug", list(BUGS), bug)},
        setup=setup, update=update,
        animated=lambda view: [view.broken, view.fixed, view.note],
        figsize=(6.4, 3.2),
    )
