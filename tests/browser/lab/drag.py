"""Drag a slider handle with real mouse events and record what reaches the screen.

Used by the drag benchmark (benchmarks/drag.py, ``make bench-drag``) and its smoke test
(tests/browser/test_drag.py). In the page, every record is stamped with ``performance.now()``:
each pointer move, each change of the handle's value, each kernel status (busy / idle),
each PNG frame that arrives for the figure (ipympl turns it into a Blob URL), and each
paint of the figure's canvas (``drawImage``). From these: frames per second during the
drag, the share of the slider's values that reached the screen, the lag from the last move
to the last frame, bytes per frame, and where each frame's time went.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

import nbformat

# Installed once per page (after JupyterLab loaded; INSTRUMENTATION_JS must be there too).
_RECORDER_JS = r"""
() => {
  if (window.__drag) return;
  const rec = {on: false, canvas: null, handle: null, checkBlank: false, moves: [], values: [],
               status: [], frames: [], paints: [], blank: 0, dataUrlMs: []};
  const now = () => performance.now();
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = drawImage.apply(this, args);
    if (rec.on && this.canvas === rec.canvas) {
      rec.paints.push(now());
      if (rec.checkBlank && window.__e2e.blank(this.canvas)) rec.blank++;
    }
    return result;
  };
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    if (rec.on && blob instanceof Blob && blob.type === 'image/png')
      rec.frames.push([now(), blob.size]);
    return createObjectURL.call(URL, blob);
  };
  // ipympl re-encodes its offscreen canvas as a data URL after every frame (main thread).
  const toDataURL = HTMLCanvasElement.prototype.toDataURL;
  HTMLCanvasElement.prototype.toDataURL = function (...args) {
    const start = now();
    const result = toDataURL.apply(this, args);
    if (rec.on) rec.dataUrlMs.push(now() - start);
    return result;
  };
  document.addEventListener('pointermove', () => { if (rec.on) rec.moves.push(now()); }, true);
  const observer = new MutationObserver(() => {
    if (rec.on) rec.values.push([now(), rec.handle.getAttribute('aria-valuetext')]);
  });
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  kernel.statusChanged.connect((_, status) => { if (rec.on) rec.status.push([now(), status]); });
  window.__drag = {
    start(handle, canvas, checkBlank) {
      Object.assign(rec, {on: true, canvas, handle, checkBlank, moves: [], values: [],
                          status: [], frames: [], paints: [], blank: 0, dataUrlMs: []});
      observer.disconnect();
      observer.observe(handle, {attributes: true, attributeFilter: ['aria-valuetext']});
    },
    stop() {
      rec.on = false;
      observer.disconnect();
      const {moves, values, status, frames, paints, blank, dataUrlMs} = rec;
      return {moves, values, status, frames, paints, blank, dataUrlMs,
              finalValue: rec.handle.getAttribute('aria-valuetext'),
              finalBlank: window.__e2e.blank(rec.canvas)};
    },
  };
}
"""


def explorer_notebook(calls: list[str]) -> nbformat.NotebookNode:
    """A notebook with one cell per explorer: ``explorer_<i> = <call>`` shown as its output.

    ``calls`` are expressions such as ``helpers.widgets.make_landscape_explorer()``.
    """
    cells = [nbformat.v4.new_code_cell("import helpers.widgets")]
    for index, call in enumerate(calls):
        cells.append(nbformat.v4.new_code_cell(f"explorer_{index} = {call}\nexplorer_{index}"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


@dataclass
class DragResult:
    """What one drag of a slider handle put on the screen (times in ms, page clock)."""

    moves: int
    value_changes: int
    frames_during: int  # frames painted between the first and the last move
    frames_total: int  # including those after the last move
    drag_ms: float
    lag_ms: float | None  # last move that changed the value → last frame painted
    frame_bytes: list[int] = field(default_factory=list)
    websocket_bytes: int = 0  # everything received on websockets from first move to settle
    blank_paints: int = 0
    final_value: str | None = None
    final_blank: bool = False
    # Per frame: kernel busy→idle, idle→next busy, frame received→painted, frame→idle.
    breakdown: dict[str, float] = field(default_factory=dict)

    @property
    def fps(self) -> float:
        return 1000.0 * self.frames_during / self.drag_ms if self.drag_ms > 0 else 0.0

    @property
    def share(self) -> float:
        """Share of the slider's values (as the front end saw them) that got a frame."""
        return min(1.0, self.frames_total / self.value_changes) if self.value_changes else 0.0

    @property
    def median_frame_bytes(self) -> float | None:
        return statistics.median(self.frame_bytes) if self.frame_bytes else None


def install_recorder(page) -> None:
    page.evaluate(_RECORDER_JS)


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def _breakdown(raw: dict) -> dict[str, float | None]:
    """Medians over the drag's kernel cycles (busy → idle), paired with frames and paints."""
    status = raw["status"]
    busy = [t for t, s in status if s == "busy"]
    idle = [t for t, s in status if s == "idle"]
    cycles = []  # (busy, idle) pairs in order
    for b in busy:
        after = [t for t in idle if t >= b]
        if after:
            cycles.append((b, after[0]))
    frames = [t for t, _ in raw["frames"]]
    paints = raw["paints"]
    kernel, gap, frame_to_paint, frame_to_idle = [], [], [], []
    for i, (b, d) in enumerate(cycles):
        kernel.append(d - b)
        if i:
            gap.append(b - cycles[i - 1][1])
        inside = [f for f in frames if b <= f <= d + 5]
        if inside:
            frame_to_idle.append(d - inside[-1])
    for f in frames:
        later = [p for p in paints if p >= f]
        if later:
            frame_to_paint.append(later[0] - f)
    cycle = [cycles[i][1] - cycles[i - 1][1] for i in range(1, len(cycles))]
    return {"cycle_ms": _median(cycle), "busy_to_idle_ms": _median(kernel),
            "idle_to_next_busy_ms": _median(gap), "frame_to_paint_ms": _median(frame_to_paint),
            "frame_to_idle_ms": _median(frame_to_idle),
            "browser_data_url_ms": _median(raw["dataUrlMs"]), "cycles": len(cycles)}


def drag_slider(page, explorer_index: int, control_index: int, *, moves: int = 60,
                interval_ms: float = 16.0, check_blank: bool = False,
                settle_timeout_ms: int = 15000) -> DragResult:
    """Put the slider at its lowest value (Home key), then drag its handle with the mouse to
    the right end of its track in ``moves`` pointer moves, one every ``interval_ms``; wait
    until the kernel is idle and nothing painted for 400 ms; return what was recorded."""
    root = page.locator(".jp-Notebook .backprop-explorer").nth(explorer_index)
    control = root.locator(f".backprop-control-{control_index}")
    handle = control.locator(".noUi-handle").first
    track = control.locator(".noUi-target").first
    canvas = root.locator(".jupyter-matplotlib canvas").first
    root.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press("Home")
    page.wait_for_function("window.__e2e.quiet(400)", timeout=settle_timeout_ms, polling=50)
    root.scroll_into_view_if_needed()
    grip, rail = handle.bounding_box(), track.bounding_box()
    y = grip["y"] + grip["height"] / 2
    x0 = grip["x"] + grip["width"] / 2
    x1 = rail["x"] + rail["width"] + 4  # past the end: the last moves pin it at the maximum
    page.mouse.move(x0, y)
    page.mouse.down()
    counter = getattr(page, "_drag_websocket_bytes", None)
    page.evaluate("([h, c, b]) => window.__drag.start(h, c, b)",
                  [handle.element_handle(), canvas.element_handle(), check_blank])
    bytes_before = counter.total if counter else 0
    try:
        points = [(x0 + (x1 - x0) * i / moves, y) for i in range(1, moves + 1)]
        move_on_schedule(page, points, interval_ms)
        page.mouse.up()
        page.wait_for_function("window.__e2e.quiet(400)", timeout=settle_timeout_ms,
                               polling=50)
    finally:
        raw = page.evaluate("window.__drag.stop()")
    received = (counter.total - bytes_before) if counter else 0
    move_times = raw["moves"]
    first_move, last_move = move_times[0], move_times[-1]
    paints = [p for p in raw["paints"] if p >= first_move]
    return DragResult(
        moves=len(move_times),
        value_changes=len({v for _, v in raw["values"]}),
        frames_during=sum(1 for p in paints if p <= last_move),
        frames_total=len(paints),
        drag_ms=last_move - first_move,
        lag_ms=(max(paints) - raw["values"][-1][0]) if paints and raw["values"] else None,
        frame_bytes=[size for _, size in raw["frames"]],
        websocket_bytes=received,
        blank_paints=raw["blank"],
        final_value=raw["finalValue"],
        final_blank=raw["finalBlank"],
        breakdown=_breakdown(raw),
    )


async def _moves_on_schedule(mouse, points, interval_ms: float) -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    pending = []
    for i, (x, y) in enumerate(points, start=1):
        delay = start + i * interval_ms / 1000 - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        pending.append(asyncio.ensure_future(mouse.move(x, y, steps=1)))
    await asyncio.gather(*pending)


def move_on_schedule(page, points, interval_ms: float) -> None:
    """Pointer moves to ``points``, one every ``interval_ms``, like a hand on a mouse.

    Playwright's synchronous ``mouse.move`` returns only once the page has handled the
    event, so while the page is busy painting a frame the next move would wait: the input
    rate would depend on what is measured. Each move is sent on its own schedule instead
    (Playwright's asyncio objects underneath the sync API), and Chromium queues and
    coalesces them as it does a real mouse's events. Without those objects (a future
    Playwright), the moves fall back to one after the other.
    """
    impl, run = getattr(page.mouse, "_impl_obj", None), getattr(page, "_sync", None)
    if impl is not None and run is not None:
        run(_moves_on_schedule(impl, points, interval_ms))
        return
    start = time.perf_counter()
    for i, (x, y) in enumerate(points, start=1):
        delay = start + i * interval_ms / 1000 - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        page.mouse.move(x, y)


class WebsocketBytes:
    """Bytes the page received on its websockets (JupyterLab's kernel connection among them),
    counted from when the page was created; Playwright reports a socket only as it opens."""

    def __init__(self, page):
        self.total = 0
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framereceived", self._count)

    def _count(self, payload) -> None:
        self.total += len(payload)


def track_websockets(page) -> None:
    """Count the bytes of every websocket the page opens (call before it navigates)."""
    page._drag_websocket_bytes = WebsocketBytes(page)


_EXECUTE_JS = r"""
async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    const type = msg.header.msg_type;
    if (type === 'stream') text += msg.content.text;
    if (type === 'error') text += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}
"""


def kernel_execute(page, code: str) -> str:
    """Run ``code`` in the notebook's kernel (not in a cell); return what it printed."""
    return page.evaluate(_EXECUTE_JS, code)


_ROUND_TRIP_JS = r"""
async (n) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await kernel.requestKernelInfo();
    times.push(performance.now() - start);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return times;
}
"""


def kernel_round_trip_ms(page, n: int = 15) -> float:
    """Median ms of a kernel_info request → reply from the page: browser → server → kernel
    and back, with nothing drawn (the transport's share of every frame)."""
    return statistics.median(page.evaluate(_ROUND_TRIP_JS, n))
