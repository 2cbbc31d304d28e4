"""What a screen reader, a keyboard and a projector get from every explorer, in one place.

ipywidgets 8 draws a slider's description as a ``<label>`` linked to nothing, so the handle
(``role=slider``) has no accessible name: a screen reader says "slider, 0.1" and not what it
moves. ipympl's canvas has no role or name, and a readout that changes says nothing. Rather
than patch each builder, :class:`helpers.explorer.Explorer` puts one invisible
:class:`AccessibilityBridge` (an ``anywidget``: a few lines of browser code, no JupyterLab
extension to build) inside every explorer. In the browser it

- names every control's handle, select and typed-value box after its control
  (``aria-label="learning rate lr"``; the slider itself announces its value);
- gives the live figure ``role="img"`` and a label saying what it shows;
- makes the readout a polite live region (``aria-live="polite"``), so a change is read out
  after the learner's own key press, not over it;
- in projector mode (:func:`helpers.presentation`), enlarges the controls' text.

It re-applies itself when ipywidgets re-renders a part of the explorer.
Introduced in 00_start_here (behind every explorer).
"""

from __future__ import annotations

import re

import anywidget
import numpy as np
import traitlets
from matplotlib.figure import Figure

from helpers.presentation import MIN_FONT_PT, presentation_scale

__all__ = ["AccessibilityBridge", "accessible_name", "name_of", "EXPLORER_CLASS",
           "control_class", "READOUT_CLASS", "CANVAS_CLASS", "figure_texts", "font_size",
           "make_legible", "bridge_for", "readout_style", "scaled_heading", "MIN_FONT_PT",
           "presentation_scale"]

EXPLORER_CLASS = "backprop-explorer"
READOUT_CLASS = "backprop-readout"
CANVAS_CLASS = "backprop-canvas"


def control_class(index: int) -> str:
    """The CSS class that ties the ``index``-th control of an explorer to its name."""
    return f"backprop-control-{index}"


_SYMBOL_AND_MEANING = re.compile(r"^\s*(?P<symbol>[^()]+?)\s*\((?P<meaning>[^()]+)\)\s*$")


def accessible_name(description: str, unit: str | None = None) -> str:
    """What a screen reader says for a control: its meaning, then its symbol, then its unit.

    ``"lr (learning rate)"`` → ``"learning rate lr"``; with ``unit="degrees"`` →
    ``"angle θ, in degrees"``. A description without a "symbol (meaning)" shape is kept.
    """
    if not isinstance(description, str) or not description.strip():
        raise ValueError("a control needs a non-empty description, e.g. 'lr (learning rate)',"
                         " so that it can be named for screen readers")
    text = re.sub(r"<[^>]+>", "", description).strip()  # a description may carry HTML
    match = _SYMBOL_AND_MEANING.match(text)
    if match:  # "show epoch k" (k) stays as it is; "learning rate" (lr) → "learning rate lr"
        symbol, meaning = match["symbol"], match["meaning"]
        text = meaning if symbol in meaning.split() else f"{meaning} {symbol}"
    return f"{text}, in {unit}" if unit else text


def name_of(control) -> str:
    """The accessible name of a control: the one its builder gave (helpers.controls), else
    one made from its description."""
    return getattr(control, "accessible_name", None) or accessible_name(control.description)


# -- legible from the back row -------------------------------------------------------------
def font_size(text) -> float:
    """The size in points of a piece of text."""
    # A matplotlib Text, or the course's CachedText (helpers.plots.fast_text).
    return float(text.get_fontsize()) if hasattr(text, "get_fontsize") else float(text.fontsize)


def _set_font_size(text, size: float) -> None:
    if hasattr(text, "set_fontsize"):
        text.set_fontsize(size)
    else:
        text.fontsize = float(size)


def figure_texts(figure: Figure, *, shown_only: bool = True) -> list:
    """Every visible, non-empty piece of text in a figure (tick labels included); with
    ``shown_only=False`` also those hidden or empty now, which a move may show."""
    from matplotlib.text import Text

    found = []
    for artist in figure.findobj(lambda a: isinstance(a, Text) or hasattr(a, "fontsize")):
        if not shown_only or (artist.get_visible() and str(artist.get_text()).strip()):
            found.append(artist)
    return found


def make_legible(figure: Figure, scale: float = 1.0, floor: float | None = None) -> None:
    """Scale a figure's fonts, lines and markers by ``scale`` and lift any text below
    ``floor`` (default ``MIN_FONT_PT * scale``), so every explorer is readable from the back
    row."""
    from matplotlib.collections import Collection, PathCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    floor = MIN_FONT_PT * scale if floor is None else floor
    for text in figure_texts(figure, shown_only=False):  # tick labels made so far included
        _set_font_size(text, max(font_size(text) * scale, floor))
    for ax in figure.axes:
        # Tick labels are re-made on draw from the axis' tick settings: give those the size
        # the existing labels now have.
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            for which, ticks in (("major", axis.get_major_ticks()),
                                 ("minor", axis.get_minor_ticks())):
                if ticks:
                    ax.tick_params(axis=name, which=which,
                                   labelsize=ticks[0].label1.get_fontsize())
    if scale == 1.0:
        return
    for artist in figure.findobj():
        if isinstance(artist, Line2D):
            artist.set_linewidth(artist.get_linewidth() * scale)
            artist.set_markersize(artist.get_markersize() * scale)
        elif isinstance(artist, PathCollection):
            artist.set_sizes(np.asarray(artist.get_sizes()) * scale ** 2)
            artist.set_linewidths(np.asarray(artist.get_linewidths()) * scale)
        elif isinstance(artist, Collection):
            artist.set_linewidths(np.asarray(artist.get_linewidths()) * scale)
        elif isinstance(artist, Patch) and artist is not figure.patch:
            artist.set_linewidth(artist.get_linewidth() * scale)



_ESM = r"""
function apply(root, model) {
  const names = model.get("names");
  names.forEach((name, index) => {
    const box = root.querySelector(".backprop-control-" + index);
    if (!box) return;
    box.querySelectorAll("[role='slider'], select, input, textarea").forEach((el) => {
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
    });
    box.querySelectorAll(".widget-readout").forEach((el) => {
      const label = name + ", typed value";
      if (el.getAttribute("aria-label") !== label) {
        el.setAttribute("aria-label", label);
        el.setAttribute("role", "textbox");
      }
    });
  });
  const label = model.get("figure_label");
  root.querySelectorAll(".backprop-canvas .jupyter-matplotlib-canvas-div").forEach((div) => {
    if (div.getAttribute("aria-label") !== label) {
      div.setAttribute("role", "img");
      div.setAttribute("aria-label", label);
    }
  });
  root.querySelectorAll(".backprop-readout").forEach((el) => {
    if (el.getAttribute("aria-live") !== "polite") {
      el.setAttribute("aria-live", "polite");
      el.setAttribute("aria-atomic", "true");
      el.setAttribute("role", "status");
    }
  });
  const scale = model.get("scale");
  if (scale !== 1) {
    root.style.setProperty("--jp-widgets-font-size", (13 * scale) + "px");
    root.style.setProperty("--jp-widgets-inline-height", (28 * scale) + "px");
    root.style.setProperty("--jp-ui-font-size1", (13 * scale) + "px");
    root.style.fontSize = (13 * scale) + "px";
  }
}

function render({ model, el }) {
  let observer = null;
  let pending = false;
  const attach = () => {
    const root = el.closest(".backprop-explorer");
    if (!root) { requestAnimationFrame(attach); return; }
    apply(root, model);
    // ipywidgets renders the siblings asynchronously and may re-render them: re-apply.
    observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; apply(root, model); });
    });
    observer.observe(root, { childList: true, subtree: true });
  };
  attach();
  return () => { if (observer) observer.disconnect(); };
}
export default { render };
"""


def readout_style(scale: float) -> str:
    """CSS of an explorer's readout ``<pre>``; larger in projector mode."""
    return "margin:0;line-height:1.35" + (
        "" if scale == 1.0 else f";font-size:calc(var(--jp-code-font-size) * {scale:g})")


def scaled_heading(heading: str, scale: float) -> str:
    """An explorer's title and hint, enlarged in projector mode."""
    return heading if scale == 1.0 else (
        f"<div style='font-size:{1.2 * scale:.2f}em'>{heading}</div>")


def bridge_for(explorer) -> AccessibilityBridge:
    """Tag an explorer's parts for the browser side and make its :class:`AccessibilityBridge`.

    Called once by :class:`helpers.explorer.Explorer` (before it lays its children out, which
    then takes ``EXPLORER_CLASS``); in projector mode it also widens the controls' labels and
    tracks.
    """
    for index, control in enumerate(explorer.controls.values()):
        control.add_class(control_class(index))
        if explorer.scale != 1.0:  # room for the enlarged labels and tracks
            if hasattr(control.style, "description_width"):
                control.style.description_width = f"{150 * explorer.scale:.0f}px"
            control.layout.width = f"{400 * explorer.scale:.0f}px"
    explorer.readout.add_class(READOUT_CLASS)
    explorer.canvas.add_class(CANVAS_CLASS)
    return AccessibilityBridge(names=[name_of(c) for c in explorer.controls.values()],
                               figure_label=f"Live figure: {explorer.alt}",
                               scale=explorer.scale)


class AccessibilityBridge(anywidget.AnyWidget):
    """The invisible part of every explorer that names its controls and figure in the browser.

    ``names[i]`` is the accessible name of the explorer's ``i``-th control;
    ``figure_label`` describes the live figure; ``scale`` is the projector scale.
    """

    _esm = _ESM
    names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    figure_label = traitlets.Unicode("").tag(sync=True)
    scale = traitlets.Float(1.0).tag(sync=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("layout", {"display": "none"})
        super().__init__(**kwargs)
