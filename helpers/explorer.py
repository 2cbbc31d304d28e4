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
- a static picture of the first state travels with the widget (``image/png`` in
  its display data), so GitHub, nbviewer and the static site show the figure
  where no kernel runs; JupyterLab shows the live widget instead.

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

from helpers._canvas import ExplorerCanvas, FigureManager, encode_png
from helpers._private_api import FULL_FRAMES, stop_data_url_sync

__all__ = ["Explorer", "Frame", "RunCache", "encode_png"]

_figure_numbers = itertools.count(1)



class Frame(NamedTuple):
    """What an update returns when the layout changed: its readout and ``layout_changed``.

    Introduced in 00_start_here. A plain string (or None) means "readout; layout unchanged".
    """

    readout: str | None = None
    layout_changed: bool = False


class RunCache:
    """The last ``keep`` results of a costly computation (training runs), by key.

    Introduced in 06_multilayer. Going back to settings seen before (Reset, or a slider
    moved back) reuses the run instead of recomputing it.
    """

    def __init__(self, keep: int = 16):
        self.keep = keep
        self._runs: dict[Any, Any] = {}

    def get(self, key, compute: Callable[[], Any]):
        """The result for ``key``: cached, or ``compute()`` (then kept as the most recent)."""
        run = self._runs.pop(key) if key in self._runs else compute()
        self._runs[key] = run  # most recent last
        while len(self._runs) > self.keep:
            del self._runs[next(iter(self._runs))]
        return run

    def __len__(self) -> int:
        return len(self._runs)


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
    figsize : (width, height) in inches at 100 dpi.
    """

    def __init__(self, *, title: str, controls: Mapping[str, widgets.ValueWidget],
                 setup: Callable[[Figure], Any], update: Update, hint: str = "",
                 actions: Mapping[str, Action] | None = None,
                 animated: Callable[[Any], Iterable[Any]] | None = None,
                 figsize: tuple[float, float] = (6.4, 3.2)):
        self.title = title
        self.controls = dict(controls)
        self.initial_values = self.values()
        self.errors: list[str] = []
        self._update = update
        self.figsize = figsize
        self._holding = False

        self.figure = Figure(figsize=figsize, dpi=100)
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

        # Blitting needs whole frames (see ExplorerCanvas); without them, plain draw_idle.
        self._animated = list(animated(self.view)) if animated and FULL_FRAMES else []
        self._background = None
        if self._animated:
            for artist in self._animated:
                artist.set_animated(True)
            self.canvas.mpl_connect("draw_event", self._on_full_draw)

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

        header = widgets.HTML(f"<b>{html.escape(title)}</b>"
                              + (f"<br><i>{html.escape(hint)}</i>" if hint else ""))
        control_column = widgets.VBox(
            [*self.controls.values(), widgets.HBox(list(self.buttons.values())), self.readout],
            layout={"min_width": "410px"})
        body = widgets.HBox([control_column, self.canvas],
                            layout={"flex_flow": "row wrap", "align_items": "flex-start"})
        super().__init__([header, body, self.error_box])

        self.refresh()
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
            self.readout.value = (f"<pre style='margin:0;line-height:1.35'>"
                                  f"{html.escape(frame.readout)}</pre>")
        if frame.layout_changed:
            self.canvas.draw()  # everything, then the draw event re-caches the background
        else:
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
            "<pre style='margin:0;line-height:1.35'>", "").replace("</pre>", "")
        names = ", ".join(self.controls)
        text = f"{self.title} — controls: {names}"
        return f"{text}\n{readout}" if readout else text

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # JupyterLab renders the live widget (the highest-ranked type it knows); viewers
        # without a kernel fall back to the picture of the first state.
        bundle["image/png"] = base64.b64encode(self._static_png).decode("ascii")
        bundle["text/plain"] = repr(self)
        return bundle
