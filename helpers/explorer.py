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
- the redraw contract: ``update`` returns its readout text, or ``Frame(text,
  layout_changed=True)`` when it changed something outside the animated artists (an
  axis range, a label, a background text). Then the explorer does one full draw, which
  also re-caches the blitting background. Builders never draw by themselves;
- an exception raised by ``update`` is shown in the widget and kept in
  ``explorer.errors``: it never disappears into JupyterLab's log;
- a reset button puts every control back to its first value;
- a static picture of the first state (``image/png``, its ``alt`` in the metadata)
  travels with the widget for GitHub, nbviewer and the static site;
- accessibility (:mod:`helpers.accessibility`): named controls, a labelled figure,
  a polite readout, no text under 10 pt, projector mode.

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
from typing import Any, NamedTuple

import ipywidgets as widgets
import matplotlib
import matplotlib.image
import numpy as np
from matplotlib.figure import Figure

from helpers import accessibility as a11y
from helpers._caches import LayoutBackgrounds, RunCache
from helpers._canvas import ExplorerCanvas, FigureManager, encode_png
from helpers._private_api import FULL_FRAMES, stop_data_url_sync

__all__ = ["Explorer", "Frame", "RunCache", "encode_png"]

_figure_numbers = itertools.count(1)


class Frame(NamedTuple):
    """What an update returns when the layout changed: its readout and ``layout_changed``.

    Introduced in 00_start_here. A plain string (or None) means "readout; layout unchanged".
    ``layout_key`` (hashable) names a layout that fixes all but the animated artists (e.g.
    the chosen activation): going back to a key drawn before is a blit, not a full redraw.
    """

    readout: str | None = None
    layout_changed: bool = False
    layout_key: Any = None


Update = Callable[[Any, dict[str, Any]], "str | Frame | None"]
Action = Callable[[Any, dict[str, Any]], "Mapping[str, Any] | None"]


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
    update : callable(view, values) → str, Frame or None
        Moves the artists for ``values``; the returned text is shown as a readout. Return
        ``Frame(text, layout_changed=True)`` after changing anything that is not animated.
    actions : mapping label → callable(view, values) → dict or None
        One button each; a returned dict sets those controls (e.g. "take one step").
    animated : callable(view) → iterable of artists, optional
        The artists that change on a move. When given, a move redraws only these
        over a cached background (blitting); otherwise the whole canvas is redrawn.
    figsize : (width, height) in inches at 100 dpi (times the projector scale).
    alt : str, optional
        What the figure shows: the static picture's alt text and the live figure's label.
    prerender : iterable of value dicts, optional
        Values visited once at build, so the layouts they lead to (``Frame.layout_key``)
        are cached and even the first switch to each is a blit.
    """

    def __init__(self, *, title: str, controls: Mapping[str, widgets.ValueWidget],
                 setup: Callable[[Figure], Any], update: Update, hint: str = "",
                 actions: Mapping[str, Action] | None = None,
                 animated: Callable[[Any], Iterable[Any]] | None = None,
                 figsize: tuple[float, float] = (6.4, 3.2), alt: str = "",
                 prerender: Iterable[Mapping[str, Any]] = ()):
        self.title = title
        self.alt = alt.strip() or f"{title}. {hint}".strip()
        self.scale = a11y.presentation_scale()
        self.controls = dict(controls)
        self.initial_values = self.values()
        self.errors: list[str] = []
        self._update = update
        self.figsize = figsize
        self._holding = False

        self.figure = Figure(figsize=(figsize[0] * self.scale, figsize[1] * self.scale), dpi=100)
        self.canvas = ExplorerCanvas(self.figure)
        # A manager is what ipympl's front end talks to (resize, dpi); it is not put in pyplot.
        with warnings.catch_warnings():
            # ipympl's Toolbar trips a traitlets deprecation notice; it is theirs, not ours.
            warnings.filterwarnings("ignore", "Passing unrecognized arguments",
                                    DeprecationWarning)
            self.manager = FigureManager(self.canvas, next(_figure_numbers))
        for flag in ("header_visible", "footer_visible", "toolbar_visible", "resizable"):
            setattr(self.canvas, flag, False)
        # ipympl re-encodes every frame as a PNG data URL until a browser says hello; the
        # explorer keeps its own static picture, so that per-move cost is never needed.
        stop_data_url_sync(self.canvas)
        self.view = setup(self.figure)
        a11y.make_legible(self.figure, self.scale)

        # Blitting needs whole frames (see ExplorerCanvas); without them, plain draw_idle.
        self._animated = list(animated(self.view)) if animated and FULL_FRAMES else []
        self._background = None
        self._layout_key = None  # the current layout's Frame.layout_key, if any
        self._layouts = LayoutBackgrounds()
        if self._animated:
            for artist in self._animated:
                artist.set_animated(True)
            self.canvas.mpl_connect("draw_event", self._on_full_draw)

        self._readout_style = a11y.readout_style(self.scale)
        self.readout = widgets.HTML(layout={"min_height": "1.5em"})
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

        header = widgets.HTML(a11y.scaled_heading(f"<b>{html.escape(title)}</b>" + (
            f"<br><i>{html.escape(hint)}</i>" if hint else ""), self.scale))
        control_column = widgets.VBox(
            [*self.controls.values(), widgets.HBox(list(self.buttons.values())), self.readout],
            layout={"min_width": f"{410 * self.scale:.0f}px"})
        body = widgets.HBox([control_column, self.canvas],
                            layout={"flex_flow": "row wrap", "align_items": "flex-start"})
        self.accessibility = a11y.bridge_for(self)  # names, figure label, live readout, scale
        super().__init__([header, body, self.error_box, self.accessibility])
        self.add_class(a11y.EXPLORER_CLASS)

        self.refresh()  # then text that update made (legends, labels) gets the same floor:
        a11y.make_legible(self.figure, 1.0, floor=a11y.MIN_FONT_PT * self.scale)
        self.canvas.draw()
        self._static_png = self._render_png()
        self._static_readout = self.readout.value
        if prerender and self._animated:  # cache their layouts now, end where we started
            for values in [*prerender, self.initial_values]:
                self.set(**values)

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
        try:
            frame = self._update(self.view, self.values())
        except Exception as exc:  # shown to the learner, kept for tests; never lost
            self._show_error(exc)
            return
        if not isinstance(frame, Frame):
            frame = Frame(frame)
        if self.error_box.outputs:
            self.error_box.outputs = ()  # set directly: clear_output() needs a running kernel
        if frame.readout is not None:
            self.readout.value = (f"<pre style='{self._readout_style}'>"
                                  f"{html.escape(frame.readout)}</pre>")
        if not frame.layout_changed:
            self._redraw()
            return
        if frame.layout_key is None:
            self._layouts.forget()  # an unnamed change may touch what the keyed ones share
        self._layout_key = frame.layout_key
        cached = self._layouts.recall(frame.layout_key, tuple(self.figure.bbox.size))
        if cached is not None:
            self._background = cached  # a layout drawn before: blit over its background
            self._redraw()
        else:
            self.canvas.draw()  # everything, then the draw event re-caches the background

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
        self._layouts.remember(self._layout_key, self._background, tuple(self.figure.bbox.size))
        for artist in self._animated:
            self.figure.draw_artist(artist)

    def _redraw(self) -> None:
        if self._background is None:
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)
        self.canvas.blit(self.figure.bbox)

    def draw_now(self) -> None:
        """Render the current state to the canvas' pixel buffer now (no browser asks for it
        in benchmarks and tests, so they call this to finish the work a move causes)."""
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
