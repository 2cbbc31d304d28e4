"""The one mechanism every explorer shares: controls → values → update artists → redraw.

Every "try it" widget of the course is an :class:`Explorer`. A builder in
:mod:`helpers.widgets` only says *which* controls, how to draw the figure *once*
(``setup``) and how to move the artists for a given set of values (``update``).
This module owns the rest, the same way for every notebook:

- the figure is built once, with a fixed size and fixed margins, on an ipympl
  canvas (a widget of its own, so it works whatever ``%matplotlib`` backend the
  kernel uses, and it never registers with pyplot, so nothing leaks);
- one ``observe`` per control; each move calls ``update`` and redraws only the
  changed artists (blitting them over a cached background when the builder names
  them ``animated``) or asks the browser for a redraw (``draw_idle``);
- an exception raised by ``update`` is shown in the widget and kept in
  ``explorer.errors``: it never disappears into JupyterLab's log;
- a reset button puts every control back to its first value;
- a static picture of the first state travels with the widget (``image/png`` in
  its display data, with the explorer's ``alt`` text in its metadata), so GitHub,
  nbviewer and the static site show the figure where no kernel runs; JupyterLab
  shows the live widget instead;
- accessibility (:mod:`helpers.accessibility`): every control is named for screen
  readers ("learning rate lr"), the live figure has ``role=img`` and a label, the
  readout is a polite live region; no text is smaller than 10 pt, and projector
  mode (:func:`helpers.presentation`) enlarges everything.

Introduced in 00_start_here.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import matplotlib
import matplotlib.image
import numpy as np
from matplotlib.figure import Figure

from helpers._canvas import ExplorerCanvas, FigureManager, encode_png
from helpers._private_api import FULL_FRAMES, stop_data_url_sync
from helpers.accessibility import (
    CANVAS_CLASS,
    EXPLORER_CLASS,
    READOUT_CLASS,
    AccessibilityBridge,
    accessible_name,
    control_class,
)
from helpers.presentation import MIN_FONT_PT, presentation_scale

__all__ = ["Explorer", "slider", "log_slider", "dropdown", "encode_png", "is_choice",
           "make_legible", "figure_texts", "name_of"]

# A fixed label width keeps every explorer's controls aligned, and nothing re-lays-out on a move.
_CONTROL_STYLE = {"description_width": "150px"}
_CONTROL_LAYOUT = {"width": "400px"}  # a track long enough to drag on a projector
_figure_numbers = itertools.count(1)

Update = Callable[[Any, dict[str, Any]], "str | None"]
Action = Callable[[Any, dict[str, Any]], "Mapping[str, Any] | None"]


def _named(control, name, unit):
    # What screen readers call the control ("learning rate lr"); the Explorer hands it to
    # the browser (helpers.accessibility). Default: made from the visible description.
    control.accessible_name = name or accessible_name(control.description, unit)
    return control


def name_of(control) -> str:
    """The accessible name of a control: the one given to its builder, else its description."""
    return getattr(control, "accessible_name", None) or accessible_name(control.description)


def slider(description, value, low, high, step, *, continuous_update=True, integer=False,
           readout_format=None, name=None, unit=None):
    """A labelled FloatSlider (or IntSlider) with the course's layout. Used by every builder.

    ``name`` is what a screen reader says (default: from ``description``, "lr (learning
    rate)" → "learning rate lr"); ``unit`` is added to it ("…, in degrees").
    """
    cls = widgets.IntSlider if integer else widgets.FloatSlider
    kwargs = {} if integer or readout_format is None else {"readout_format": readout_format}
    return _named(cls(value=value, min=low, max=high, step=step, description=description,
                      continuous_update=continuous_update, style=_CONTROL_STYLE,
                      layout=_CONTROL_LAYOUT, **kwargs), name, unit)


def log_slider(description, value, low_exponent, high_exponent, step=0.05, *,
               continuous_update=True, readout_format=".3g", name=None, unit=None):
    """A FloatLogSlider from 10**low_exponent to 10**high_exponent (for lr, ε, …)."""
    return _named(widgets.FloatLogSlider(value=value, base=10, min=low_exponent,
                                         max=high_exponent, step=step, description=description,
                                         continuous_update=continuous_update,
                                         readout_format=readout_format, style=_CONTROL_STYLE,
                                         layout=_CONTROL_LAYOUT), name, unit)


def dropdown(description, options, value=None, *, name=None, unit=None):
    """A labelled Dropdown with the course's layout."""
    options = list(options)
    return _named(widgets.Dropdown(options=options, value=options[0] if value is None else value,
                                   description=description, style=_CONTROL_STYLE,
                                   layout=_CONTROL_LAYOUT), name, unit)


def _font_size(text) -> float:
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
        _set_font_size(text, max(_font_size(text) * scale, floor))
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


# ipywidgets' public single-choice controls (their common base class is private).
_CHOICES = (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons, widgets.Select,
            widgets.SelectionSlider)


def is_choice(control) -> bool:
    """True for a control that picks one of ``options`` (moved by index, not by value)."""
    return isinstance(control, _CHOICES)


class Explorer(widgets.VBox):
    """An interactive figure driven by controls; see the module docstring.

    Parameters
    ----------
    title, hint : str
        Shown above the figure; ``hint`` is the "what to look for" sentence.
    controls : mapping name → ipywidgets value widget
        The names are the keyword names ``update`` receives in its ``values`` dict.
    setup : callable(fig) → view
        Draws the figure once and returns whatever ``update`` needs (usually a
        SimpleNamespace of artists and precomputed data).
    update : callable(view, values) → str or None
        Moves the artists for ``values``; the returned text is shown as a readout.
    actions : mapping label → callable(view, values) → dict or None
        One button each; a returned dict sets those controls (e.g. "take one step").
    animated : callable(view) → iterable of artists, optional
        The artists that change on a move. When given, a move redraws only these
        over a cached background (blitting); otherwise the whole canvas is redrawn.
    figsize : (width, height) in inches at 100 dpi (times the projector scale).
    alt : str, optional
        What the figure shows, in a sentence or two: the text alternative of the static
        picture and the label of the live figure (default: the title and the hint).
    """

    def __init__(self, *, title: str, controls: Mapping[str, widgets.ValueWidget],
                 setup: Callable[[Figure], Any], update: Update, hint: str = "",
                 actions: Mapping[str, Action] | None = None,
                 animated: Callable[[Any], Iterable[Any]] | None = None,
                 figsize: tuple[float, float] = (6.4, 3.2), alt: str = ""):
        self.title = title
        self.alt = alt.strip() or f"{title}. {hint}".strip()
        self.scale = presentation_scale()
        self.controls = dict(controls)
        self.initial_values = self.values()
        self.errors: list[str] = []
        self._setup = setup  # kept so a benchmark can rebuild the same figure naively
        self._update = update
        self.figsize = figsize
        self._holding = False

        self.figure = Figure(figsize=(figsize[0] * self.scale, figsize[1] * self.scale),
                             dpi=100)
        self.canvas = ExplorerCanvas(self.figure)
        # A manager is what ipympl's front end talks to (resize, dpi); it is not put in pyplot.
        with warnings.catch_warnings():
            # ipympl's Toolbar trips a traitlets deprecation notice; it is theirs, not ours.
            warnings.filterwarnings("ignore", "Passing unrecognized arguments",
                                    DeprecationWarning)
            self.manager = FigureManager(self.canvas, next(_figure_numbers))
        self.canvas.header_visible = False
        self.canvas.footer_visible = False
        self.canvas.toolbar_visible = False
        self.canvas.resizable = False
        # ipympl re-encodes every frame as a PNG data URL until a browser says hello; the
        # explorer keeps its own static picture, so that per-move cost is never needed.
        stop_data_url_sync(self.canvas)
        self.view = setup(self.figure)
        make_legible(self.figure, self.scale)

        # Blitting needs whole frames (see ExplorerCanvas); without them, plain draw_idle.
        self._animated = list(animated(self.view)) if animated and FULL_FRAMES else []
        self._background = None
        self._full_draws = 0
        if self._animated:
            for artist in self._animated:
                artist.set_animated(True)
            self.canvas.mpl_connect("draw_event", self._on_full_draw)

        self._readout_style = "margin:0;line-height:1.35" + (
            "" if self.scale == 1.0
            else f";font-size:calc(var(--jp-code-font-size) * {self.scale:g})")
        if self.scale != 1.0:  # projector mode: room for the enlarged labels and tracks
            for control in self.controls.values():
                if hasattr(control.style, "description_width"):
                    control.style.description_width = f"{150 * self.scale:.0f}px"
                control.layout.width = f"{400 * self.scale:.0f}px"
        self.readout = widgets.HTML(layout={"min_height": "1.5em"})
        self.readout.add_class(READOUT_CLASS)
        self.error_box = widgets.Output(layout={"border": "0px"})
        for control in self.controls.values():
            control.observe(self._on_control_change, names="value")

        reset = widgets.Button(description="Reset", icon="undo",
                               tooltip="Put every control back to its first value",
                               layout={"width": "110px"})
        reset.on_click(lambda _button: self.reset())
        self.buttons = {"Reset": reset}
        for label, action in (actions or {}).items():
            button = widgets.Button(description=label, layout={"width": "auto"})
            button.on_click(self._make_action_handler(action))
            self.buttons[label] = button

        heading = (f"<b>{html.escape(title)}</b>"
                   + (f"<br><i>{html.escape(hint)}</i>" if hint else ""))
        if self.scale != 1.0:  # projector mode
            heading = f"<div style='font-size:{1.2 * self.scale:.2f}em'>{heading}</div>"
        header = widgets.HTML(heading)
        control_column = widgets.VBox(
            [*self.controls.values(), widgets.HBox(list(self.buttons.values())), self.readout],
            layout={"min_width": f"{410 * self.scale:.0f}px"})
        body = widgets.HBox([control_column, self.canvas],
                            layout={"flex_flow": "row wrap", "align_items": "flex-start"})
        for index, control in enumerate(self.controls.values()):
            control.add_class(control_class(index))
        self.canvas.add_class(CANVAS_CLASS)
        self.accessibility = AccessibilityBridge(
            names=[name_of(c) for c in self.controls.values()],
            figure_label=f"Live figure: {self.alt}", scale=self.scale)
        super().__init__([header, body, self.error_box, self.accessibility])
        self.add_class(EXPLORER_CLASS)

        self.refresh()
        # Text the first update made (legends, labels) gets the same floor.
        make_legible(self.figure, 1.0, floor=MIN_FONT_PT * self.scale)
        self.canvas.draw()
        self._static_png = self._render_png()
        self._static_readout = self.readout.value

    # -- state ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set several controls at once and update once (used by actions, reset and tests)."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; "
                             f"this explorer has {sorted(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()

    def reset(self) -> None:
        """Put every control back to its first value."""
        self.set(**self.initial_values)

    # -- the update cycle ------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute from the current values, move the artists, redraw what changed."""
        self._full_draws = 0
        try:
            text = self._update(self.view, self.values())
        except Exception as exc:  # shown to the learner, kept for tests; never lost
            self._show_error(exc)
            return
        if self.error_box.outputs:
            self.error_box.outputs = ()  # set directly: clear_output() needs a running kernel
        if text is not None:
            self.readout.value = f"<pre style='{self._readout_style}'>{html.escape(text)}</pre>"
        if not self._full_draws:  # an update that re-laid the figure out has sent it already
            self._redraw()

    def _on_control_change(self, _change) -> None:
        if not self._holding:
            self.refresh()

    def _make_action_handler(self, action: Action):
        def handle(_button):
            try:
                new_values = action(self.view, self.values())
            except Exception as exc:
                self._show_error(exc)
                return
            if new_values:
                self.set(**new_values)
            else:
                self.refresh()
        return handle

    def _show_error(self, exc: BaseException) -> None:
        message = "".join(traceback.format_exception(exc))
        self.errors.append(message)
        self.error_box.outputs = ({"output_type": "stream", "name": "stderr", "text": message},)

    # -- drawing ---------------------------------------------------------------------------
    def _on_full_draw(self, _event) -> None:
        # After a full draw (first show, resize) the background without the moving parts is
        # cached, then the moving parts are painted on top.
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self._animated:
            self.figure.draw_artist(artist)
        self._full_draws += 1

    def _redraw(self) -> None:
        if self._background is None:
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)

    def draw_now(self) -> None:
        """Render the current state to the canvas' pixel buffer immediately.

        In a browser, ``draw_idle`` lets the front end ask for the draw; benchmarks and
        tests have no front end, so they call this to finish the work a move causes.
        """
        if self._background is None:
            self.canvas.draw()

    def _render_png(self) -> bytes:
        # The canvas buffer, not savefig: savefig would leave out the animated artists.
        buffer = io.BytesIO()
        matplotlib.image.imsave(buffer, np.asarray(self.canvas.buffer_rgba()), format="png")
        return buffer.getvalue()

    # -- display ---------------------------------------------------------------------------
    def __repr__(self) -> str:
        # Stable text (no model ids, no addresses): what strict nbval compares and what a
        # reader without a kernel sees under the static picture.
        readout = html.unescape(self._static_readout).replace(
            f"<pre style='{self._readout_style}'>", "").replace("</pre>", "")
        names = ", ".join(self.controls)
        text = f"{self.title} — controls: {names}"
        return f"{text}\n{readout}" if readout else text

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # JupyterLab renders the live widget (the highest-ranked type it knows); viewers
        # without a kernel fall back to the picture of the first state.
        bundle["image/png"] = base64.b64encode(self._static_png).decode("ascii")
        bundle["text/plain"] = repr(self)
        # nbconvert (the static site, nbviewer) writes this as the picture's alt text.
        return bundle, {"image/png": {"alt": self.alt}}
