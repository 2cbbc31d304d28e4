"""Text alternatives for the course's pictures: what a figure shows, for a reader who cannot see it.

A figure shown with ``plt.show()`` (or ``display(fig)``) in a notebook that imported
:mod:`helpers.plots` is stored as

- ``image/png`` with ``metadata={"image/png": {"alt": …}}``: nbconvert (the static site,
  nbviewer) writes it as the ``<img alt>``;
- ``text/html``: the same picture as ``<img src="data:…" alt="…">``. JupyterLab sets no
  ``alt`` on an ``image/png`` output, but it prefers HTML to PNG and renders this one, so a
  screen reader in JupyterLab hears the same description.

Both, because neither alone works in both places. The description is the one given with
:func:`describe` (a plotting function or a notebook says what its figure shows); without
one, it is made from what the figure says about itself: titles, axis labels, legend entries.

Introduced in 01_chain_rule (the first static figure).
"""

from __future__ import annotations

import base64
import html
import weakref

from matplotlib.figure import Figure

__all__ = ["describe", "alt_text", "figure_mimebundle", "register_figure_display"]

_DESCRIPTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def describe(target, text: str):
    """Say what an Axes (or a whole Figure) shows, in a sentence; returns ``target``.

    The sentence becomes the picture's alt text, e.g.
    ``describe(ax, "Loss against epoch: the buggy run (dashed) stalls, the fixed one falls.")``.
    Introduced in 01_chain_rule (the first static figure).
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("describe() needs a sentence saying what the figure shows, "
                         f"got {text!r}")
    if not hasattr(target, "figure") and not isinstance(target, Figure):
        raise TypeError(f"describe() takes a matplotlib Axes or Figure, got "
                        f"{type(target).__name__}")
    _DESCRIPTIONS[target] = " ".join(text.split())
    return target


def _clean(text: str) -> str:
    return " ".join(text.replace("$", "").split())


def _axes_summary(ax) -> str:
    parts = []
    title = _clean(ax.get_title()) or _clean(ax.get_title("left")) or _clean(
        ax.get_title("right"))
    if title:
        parts.append(title)
    xlabel, ylabel = _clean(ax.get_xlabel()), _clean(ax.get_ylabel())
    if xlabel and ylabel:
        parts.append(f"{ylabel} against {xlabel}")
    elif xlabel or ylabel:
        parts.append(f"axis {xlabel or ylabel}")
    legend = ax.get_legend()
    if legend is not None:
        entries = [_clean(t.get_text()) for t in legend.get_texts() if _clean(t.get_text())]
        if entries:
            parts.append("showing " + ", ".join(entries))
    return "; ".join(parts)


def alt_text(fig: Figure) -> str:
    """The description of a figure: :func:`describe`'s sentences, else its own labels.

    Introduced in 01_chain_rule (every static figure is shown with it)."""
    given = [_DESCRIPTIONS[fig]] if fig in _DESCRIPTIONS else []
    given += [_DESCRIPTIONS[ax] for ax in fig.axes if ax in _DESCRIPTIONS]
    if given:
        return " ".join(given)
    suptitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    summaries = [s for s in (_axes_summary(ax) for ax in fig.axes if ax.get_visible()) if s]
    panels = ". ".join(summaries)
    text = ". ".join(p for p in (_clean(suptitle), panels) if p)
    if not text:
        texts = [_clean(t.get_text()) for t in fig.findobj(lambda a: hasattr(a, "get_text"))
                 if _clean(str(t.get_text()))]
        text = "Diagram labelled " + ", ".join(dict.fromkeys(texts[:12])) if texts else ""
    return text or "A figure without labels"


def figure_mimebundle(fig: Figure, alt: str | None = None):
    """(data, metadata) for displaying ``fig`` with its text alternative (see module doc)."""
    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, "png")
    if png is None:  # an empty figure shows nothing, as IPython does
        return None
    alt = alt or alt_text(fig)
    encoded = base64.b64encode(png).decode("ascii")
    data = {
        "image/png": encoded,
        "text/html": f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}">',
        "text/plain": repr(fig),
    }
    return data, {"image/png": {"alt": alt}}


def _format(fig, include=None, exclude=None):
    return figure_mimebundle(fig)


def register_figure_display() -> bool:
    """Make IPython show every matplotlib Figure through :func:`figure_mimebundle`.

    Done when :mod:`helpers.plots` is imported in a notebook; a no-op outside IPython.
    Returns whether it was registered.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _format)
    return True
