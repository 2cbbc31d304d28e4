"""Support for the real-browser test: a throw-away JupyterLab server, a headless Chromium, and
the per-notebook harness (open, Run All, check outputs, drive every control, time redraws).

Kept free of pytest fixtures so the harness can be run on any notebook, including the
deliberately broken fixture whose failure the test asserts.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
SETTINGS_SRC = ROOT / "tools" / "jupyterlab_settings"
ARTIFACTS_DIR = ROOT / "artifacts" / "browser"
FIXTURE_PREFIX = "_browser_fixtures"  # where the fixture notebooks sit in the server's root
CHROMIUM = Path(os.environ.get("BROWSER_TEST_CHROMIUM", "/usr/bin/chromium"))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
SCREENSHOT_MAX_HEIGHT = 16000  # px; a screenshot shows the whole notebook up to this height

SERVER_START_TIMEOUT = 90.0  # s, first start compiles nothing but imports a lot on 2 cores
RUN_ALL_TIMEOUT = 240.0  # s, one notebook's Run All
KERNEL_IDLE_TIMEOUT = 120.0  # s, after pressing a button (e.g. "train 500 epochs")
REDRAW_TIMEOUT_MS = 4000  # a key press must change the tied figure within this
LATENCY_BOUND_MS = 1000.0  # asserted on each slider's median (a broken redraw, not a slow box)
LATENCY_TARGET_MS = 100.0  # reported
POLL_MS = 50  # fallback pixel poll; the drawImage hook stamps the exact time anyway
PRESSES_PER_SLIDER = 4  # right, right, left, left → back where it started


class ChromiumMissing(RuntimeError):
    pass


def require_chromium() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise ChromiumMissing(
            f"Chromium not found at {CHROMIUM}. The browser test needs Debian's chromium: "
            "run `make browser` (tools/install_chromium.sh) or `apt-get install chromium`. "
            "Never `playwright install`: browser downloads are blocked here.")
    return CHROMIUM


# ------------------------------------------------------------------------------------------
# The JupyterLab server
# ------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """JupyterLab from this environment, on 127.0.0.1, a free port and a random token,
    serving a temporary copy of the given notebooks with the test's settings only."""

    def __init__(self, notebook_sources: dict[str, Path], *, workdir: Path | None = None):
        self.notebook_sources = notebook_sources  # name in the server root → source file
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="browser-test-"))
        self.root_dir = self.workdir / "root"
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "jupyterlab.log"
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query: str) -> str:
        query = {"token": self.token, **query}
        quoted = urllib.parse.quote(path)
        return f"{self.base}/{quoted}?" + "&".join(
            k if v == "" else f"{k}={urllib.parse.quote(v)}" for k, v in query.items())

    def notebook_url(self, name: str) -> str:
        return self.url(f"lab/tree/{name}", reset="")

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> LabServer:
        self.root_dir.mkdir(parents=True, exist_ok=True)
        if NOTEBOOKS_DIR.is_dir():  # data files beside the notebooks come along
            shutil.copytree(NOTEBOOKS_DIR, self.root_dir, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        for name, source in self.notebook_sources.items():
            target = self.root_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        config_dir = self.workdir / "jupyter-config"
        config_dir.mkdir(parents=True, exist_ok=True)
        (config_dir / "jupyter_lab_config.json").write_text(
            json.dumps({"LabApp": {"news_url": None}}))
        settings = self.workdir / "lab-settings"
        shutil.copytree(SETTINGS_SRC, settings)
        env = dict(os.environ)
        for key in ("JUPYTER_PATH", "JUPYTER_PREFER_ENV_PATH", "JUPYTER_TOKEN",
                    "JUPYTER_CONFIG_PATH"):
            env.pop(key, None)
        env.update({
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.workdir / "lab-workspaces"),
            "JUPYTER_CONFIG_DIR": str(self.workdir / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(self.workdir / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(self.workdir / "jupyter-runtime"),
            "IPYTHONDIR": str(self.workdir / "ipython"),
            "MPLCONFIGDIR": str(self.workdir / "mpl"),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PYTHONUNBUFFERED": "1",
        })
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            # window.jupyterapp: the commands API (clear outputs, run all) and the cell models.
            "--LabApp.expose_app_in_browser=True",
            # No outgoing requests for news or updates (the settings also turn the toasts off).
            "--LabApp.check_for_updates_class="
            "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "--ServerApp.terminals_enabled=False",
            "--LanguageServerManager.autodetect=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(command, cwd=self.root_dir, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode} before "
                                   f"answering; its log:\n{self.log_tail()}")
            try:
                status = self.api("GET", "api/status")
                if isinstance(status, dict):
                    return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer /api/status within "
                           f"{SERVER_START_TIMEOUT:.0f} s; its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            # Its own session (start_new_session): signal the server by its PID; kernels it
            # started are shut down by it on SIGTERM.
            try:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- REST ----------------------------------------------------------------------------
    def api(self, method: str, path: str, timeout: float = 10.0, body: dict | None = None):
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.base}/{path}", method=method, data=data,
                                         headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self, notebook_path: str | None = None) -> None:
        """Delete the sessions (and so their kernels) of one notebook, or all of them."""
        try:
            sessions = self.api("GET", "api/sessions") or []
        except (OSError, urllib.error.URLError):
            return
        for session in sessions:
            if notebook_path is None or session.get("path") == notebook_path:
                try:
                    self.api("DELETE", f"api/sessions/{session['id']}", timeout=20)
                except (OSError, urllib.error.URLError):
                    pass
        if notebook_path is None:
            for kernel in self.api("GET", "api/kernels") or []:
                try:
                    self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=20)
                except (OSError, urllib.error.URLError):
                    pass


# ------------------------------------------------------------------------------------------
# The browser
# ------------------------------------------------------------------------------------------
def launch_chromium(playwright):
    executable = require_chromium()
    return playwright.chromium.launch(executable_path=str(executable), headless=True,
                                      args=CHROMIUM_ARGS)


# ------------------------------------------------------------------------------------------
# In-page instrumentation (installed before JupyterLab loads)
# ------------------------------------------------------------------------------------------
# drawImage is how ipympl paints a figure's view canvas (from its offscreen canvas). The patch
# hashes a *watched* canvas right after each draw, so the time of the first draw that changes
# its pixels is stamped exactly; the keydown listener stamps the key press (capture phase, so
# before any widget handles it). A poll in the wait function is the fallback if a view ever
# paints another way.
INSTRUMENTATION_JS = r"""
(() => {
  if (window.__e2e) return;
  const hash = (canvas) => {
    if (!canvas || !canvas.width || !canvas.height) return 'empty';
    const ctx = canvas.getContext('2d');
    const data = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let h = 2166136261 >>> 0;
    for (let i = 0; i < data.length; i++) { h ^= data[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h.toString(16) + ':' + canvas.width + 'x' + canvas.height;
  };
  const state = {lastDraw: 0, lastBusy: 0, lastActivity: 0, kernel: null, keyAt: null,
                 watched: new Set()};
  const original = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = original.apply(this, args);
    const canvas = this.canvas;
    if (canvas && canvas.isConnected) {
      const now = performance.now();
      state.lastDraw = now;
      canvas.__e2ePaints = (canvas.__e2ePaints || 0) + 1;
      const w = canvas.__e2e;
      if (w && w.armed) {
        const h = hash(canvas);
        if (h !== w.baseline) { w.armed = false; w.changedAt = now; w.how = 'draw'; w.hash = h; }
      }
    }
    return result;
  };
  document.addEventListener('keydown', (event) => {
    state.keyAt = performance.now();
    for (const canvas of state.watched) if (canvas.__e2e.armed && canvas.__e2e.keyAt === null)
      canvas.__e2e.keyAt = state.keyAt;
  }, true);
  const canvasById = (id) => document.querySelector(`canvas[data-e2e-canvas="${id}"]`);
  window.__e2e = {
    hash,
    state,
    canvasById,
    blank(canvas) {
      if (!canvas || !canvas.width || !canvas.height) return true;
      const ctx = canvas.getContext('2d');
      const data = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
      const first = data[0];
      for (let i = 1; i < data.length; i++) if (data[i] !== first) return false;
      return true;
    },
    arm(id) {
      const canvas = canvasById(id);
      canvas.__e2e = {armed: true, baseline: hash(canvas), changedAt: null, keyAt: null,
                      how: null, armedAt: performance.now()};
      state.watched.add(canvas);
      return canvas.__e2e.baseline;
    },
    // True once the watched canvas's pixels differ from the baseline (stamped at the draw).
    changed(id) {
      const canvas = canvasById(id);
      const w = canvas && canvas.__e2e;
      if (!w) return false;
      if (w.changedAt !== null) return true;
      const h = hash(canvas);
      if (h !== w.baseline) {
        w.armed = false; w.changedAt = performance.now(); w.how = 'poll'; w.hash = h;
        return true;
      }
      return false;
    },
    result(id) {
      const canvas = canvasById(id);
      const w = canvas.__e2e;
      state.watched.delete(canvas);
      w.armed = false;
      return {changedAt: w.changedAt, keyAt: w.keyAt, how: w.how,
              latency: (w.changedAt !== null && w.keyAt !== null) ? w.changedAt - w.keyAt : null};
    },
    // The kernel went busy after arming (so it got the change), is idle again and no canvas
    // painted for 300 ms: nothing is coming. (Without a busy seen: wait for the timeout.)
    settledWithoutChange(id) {
      const canvas = canvasById(id);
      const w = canvas && canvas.__e2e;
      return !!w && state.lastBusy > w.armedAt && this.quiet(400);
    },
    // Stamp every busy of the notebook's kernel (called once the notebook is open).
    watchKernel() {
      const panel = window.jupyterapp.shell.currentWidget;
      const kernel = panel.sessionContext.session.kernel;
      kernel.statusChanged.connect((_, status) => {
        const now = performance.now();
        state.lastActivity = now;
        if (status !== 'idle') state.lastBusy = now;
      });
      state.kernel = kernel;
    },
    kernelIdle() {
      if (state.kernel) return state.kernel.status === 'idle';
      const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
      return !indicator || indicator.getAttribute('data-status') === 'idle';
    },
    // Kernel idle, and neither a kernel status change nor a canvas paint for `ms` ms (an
    // image that arrived with the last message may still be decoding for a moment).
    quiet(ms) {
      return this.kernelIdle()
        && performance.now() - Math.max(state.lastDraw, state.lastActivity) > ms;
    },
  };
})();
"""

# Every control of the notebook, in page order, tagged with data-e2e-control=N; each tied to
# the ipympl canvas nearest to it (searching outwards up to the cell's output area).
ENUMERATE_JS = r"""
() => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
    || document.querySelector('.jp-Notebook');
  let canvasCount = 0;
  for (const figure of notebook.querySelectorAll('.jupyter-matplotlib')) {
    const canvas = figure.querySelector('canvas');
    if (canvas && !canvas.hasAttribute('data-e2e-canvas'))
      canvas.setAttribute('data-e2e-canvas', String(canvasCount++));
    else if (canvas) canvasCount++;
  }
  const cells = Array.from(notebook.querySelectorAll('.jp-Cell'));
  const tiedCanvas = (control) => {
    let el = control;
    while (el && el !== notebook) {
      const canvas = el.querySelector('.jupyter-matplotlib canvas[data-e2e-canvas]');
      if (canvas) return canvas.getAttribute('data-e2e-canvas');
      if (el.classList.contains('jp-Cell-outputArea')) return null;
      el = el.parentElement;
    }
    return null;
  };
  const labelOf = (container) => {
    const label = container && container.querySelector(':scope > .widget-label, :scope > label');
    const text = label ? label.textContent.trim() : '';
    return text;
  };
  const controls = [];
  const add = (el, kind, label) => {
    const id = String(controls.length);
    el.setAttribute('data-e2e-control', id);
    const cell = el.closest('.jp-Cell');
    controls.push({id, kind, label, canvas: tiedCanvas(el), cell: cells.indexOf(cell),
                   disabled: !!(el.disabled || el.getAttribute('aria-disabled') === 'true'
                                || el.closest('[disabled]'))});
  };
  const withinOutputs = (el) => el.closest('.jp-Cell-outputArea')
    && !el.closest('.jupyter-matplotlib') && !el.closest('.jp-LogConsolePanel');
  for (const container of notebook.querySelectorAll('.widget-slider')) {
    if (!withinOutputs(container)) continue;
    const handles = Array.from(container.querySelectorAll('.noUi-handle'));
    const label = labelOf(container) || container.getAttribute('title') || 'unlabelled slider';
    handles.forEach((handle, i) => add(handle, 'slider',
      handles.length > 1 ? `${label} [handle ${i + 1}]` : label));
  }
  for (const select of notebook.querySelectorAll('.widget-dropdown select')) {
    if (!withinOutputs(select)) continue;
    const container = select.closest('.widget-dropdown');
    add(select, 'dropdown',
        labelOf(container) || select.getAttribute('title') || 'unlabelled dropdown');
  }
  const buttons = notebook.querySelectorAll(
    '.jupyter-widgets button, button.widget-button, button.jupyter-button');
  for (const button of buttons) {
    if (button.hasAttribute('data-e2e-control') || !withinOutputs(button)) continue;
    // Play would start an endless loop, Upload a file dialog.
    if (button.closest('.widget-play, .widget-upload')) continue;
    const text = button.textContent.trim() || button.getAttribute('title') || 'unlabelled button';
    add(button, 'button', text);
  }
  return {controls, canvases: canvasCount};
}
"""

# Error outputs anywhere (cells, Output widgets inside them, the Log Console) that were not
# seen before; marks them seen. Cells tagged raises-exception are expected to show one.
NEW_ERRORS_JS = r"""
() => {
  const selector = [
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
    '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]',
    '.jp-LogConsolePanel .jp-OutputArea-output',
  ].join(', ');
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.hasAttribute('data-e2e-seen')) continue;
    el.setAttribute('data-e2e-seen', '1');
    if (el.closest('[data-e2e-raises]')) continue;
    const text = el.innerText || el.textContent || '';
    const inLog = !!el.closest('.jp-LogConsolePanel');
    if (/Traceback|Error/.test(text))
      found.push({text: text.slice(0, 4000), where: inLog ? 'log console' : 'output'});
  }
  const outputs = document.querySelectorAll(
    '.jp-Notebook .jupyter-widgets, .jp-Notebook .jp-OutputArea-output');
  for (const el of outputs) {
    if (el.hasAttribute('data-e2e-seen-w')) continue;
    const text = el.textContent || '';
    if (/Error displaying widget|could not be displayed because the widget state/.test(text)) {
      el.setAttribute('data-e2e-seen-w', '1');
      found.push({text: text.slice(0, 500), where: 'widget'});
    }
  }
  return found;
}
"""

KERNEL_READY_JS = r"""
() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(kernel && ctx.isReady && kernel.status === 'idle'
            && kernel.connectionStatus === 'connected'
            && document.querySelector('.jp-Notebook-ExecutionIndicator'));
}
"""

CLEARED_JS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.every(cell => cell.model.type !== 'code'
    || ((cell.model.executionCount ?? null) === null && cell.model.outputs.length === 0));
}
"""

CELLS_JS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.widgets) return null;
  return panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const tags = (model.getMetadata ? model.getMetadata('tags') : model.metadata.tags) || [];
    if (tags.includes('raises-exception')) cell.node.setAttribute('data-e2e-raises', '1');
    const prompt = cell.node.querySelector('.jp-InputArea-prompt');
    return {index, type: model.type, empty: model.sharedModel.getSource().trim() === '',
            count: model.type === 'code' ? (model.executionCount ?? null) : null,
            prompt: prompt ? prompt.textContent.trim() : '',
            raises: tags.includes('raises-exception')};
  });
}
"""


# ------------------------------------------------------------------------------------------
# The per-notebook harness
# ------------------------------------------------------------------------------------------
class NotebookCheckFailed(AssertionError):
    """The notebook failed in the browser; the message names the notebook and the controls."""


@dataclass
class ControlResult:
    kind: str
    label: str
    cell: int
    canvas: str | None
    changed: bool | None = None  # None: not a figure check (buttons)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class NotebookReport:
    name: str
    open_seconds: float = 0.0
    run_all_seconds: float = 0.0
    controls_seconds: float = 0.0
    screenshot_seconds: float = 0.0
    total_seconds: float = 0.0
    canvases: int = 0
    controls: list[ControlResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    screenshots: list[str] = field(default_factory=list)

    @property
    def latencies_ms(self) -> list[float]:
        return [v for c in self.controls for v in c.latencies_ms]

    def latency_summary(self) -> dict:
        values = sorted(self.latencies_ms)
        return {"notebook": self.name, "presses": len(values),
                "median_ms": round(statistics.median(values), 1) if values else None,
                "p95_ms": round(percentile(values, 95), 1) if values else None,
                "max_ms": round(values[-1], 1) if values else None,
                "sliders": sum(c.kind == "slider" for c in self.controls),
                "dropdowns": sum(c.kind == "dropdown" for c in self.controls),
                "buttons": sum(c.kind == "button" for c in self.controls),
                "canvases": self.canvases,
                "open_s": round(self.open_seconds, 1),
                "run_all_s": round(self.run_all_seconds, 1),
                "controls_s": round(self.controls_seconds, 1),
                "screenshots_s": round(self.screenshot_seconds, 1),
                "total_s": round(self.total_seconds, 1)}

    def to_json(self) -> dict:
        return {**self.latency_summary(), "controls": [asdict(c) for c in self.controls],
                "problems": self.problems}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))  # ceil
    return sorted_values[int(rank) - 1]


def _error_summary(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"(Error|Exception)\b", line):
            return line[:300]
    return (lines[-1] if lines else text)[:300]


class _Harness:
    def __init__(self, page, server: LabServer, name: str, *, index: int,
                 artifacts_dir: Path | None, exempt: dict[str, str] | None = None):
        self.exempt = dict(exempt or {})  # control label → why it needn't change the figure
        self.page = page
        self.server = server
        self.name = name
        self.index = index
        self.artifacts_dir = artifacts_dir
        self.report = NotebookReport(name)

    # -- helpers ---------------------------------------------------------------------------
    def problem(self, text: str) -> None:
        self.report.problems.append(text)

    def command(self, command_id: str, args: dict | None = None) -> None:
        # Fire and forget: some commands' promises only settle much later (run-all).
        self.page.evaluate(
            "([id, args]) => { window.jupyterapp.commands.execute(id, args || {}); }",
            [command_id, args or {}])

    def new_errors(self) -> list[dict]:
        return self.page.evaluate(NEW_ERRORS_JS)

    def accept_dialogs(self) -> None:
        # E.g. "Select Kernel" when a notebook lacks kernelspec metadata.
        dialog = self.page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()

    def settle(self, quiet_ms: int = 100, timeout: float = KERNEL_IDLE_TIMEOUT) -> bool:
        try:
            self.page.wait_for_function(f"window.__e2e.quiet({quiet_ms})",
                                        timeout=timeout * 1000, polling=50)
            return True
        except Exception:  # noqa: BLE001 - playwright TimeoutError
            return False

    def screenshot(self, suffix: str, *, whole_notebook: bool = True) -> None:
        start = time.monotonic()
        try:
            self._screenshot(suffix, whole_notebook)
        finally:
            self.report.screenshot_seconds += time.monotonic() - start

    def _screenshot(self, suffix: str, whole_notebook: bool) -> None:
        if self.artifacts_dir is None:
            return
        self.artifacts_dir.mkdir(parents=True, exist_ok=True)
        stem = Path(self.name).stem
        if "/" in self.name:  # a fixture, not a course notebook
            prefix = f"fixture_{stem}"
        else:
            prefix = stem if re.match(r"^\d\d", stem) else f"{self.index:02d}_{stem}"
        path = self.artifacts_dir / f"{prefix}-{suffix}.png"
        # JupyterLab scrolls the notebook inside a fixed-size page, so a full-page screenshot
        # would show one screen of it: make the window as tall as the notebook for the shot.
        try:
            height = VIEWPORT["height"]
            for _ in range(3 if whole_notebook else 1):  # the Log Console takes a share of
                # any extra height: iterate
                deficit = self.page.evaluate("""() => {
                    const nb = document.querySelector(
                      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
                    const outer = nb && (nb.querySelector('.jp-WindowedPanel-outer') || nb);
                    const cells = nb ? nb.querySelectorAll('.jp-Cell') : [];
                    if (!cells.length) return 0;
                    outer.scrollTop = 0;
                    // Content height, not scrollHeight: that includes the scroll-past-end
                    // padding, which grows with the window.
                    const top = outer.getBoundingClientRect().top - outer.scrollTop;
                    const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
                    return bottom - top + 40 - outer.clientHeight; }""")
                if not whole_notebook or deficit <= 2 or height >= SCREENSHOT_MAX_HEIGHT:
                    break
                height = min(height + int(deficit * 1.5) + 20, SCREENSHOT_MAX_HEIGHT)
                self.page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
                self.page.wait_for_timeout(300)
            self.page.screenshot(path=str(path), full_page=True)
            self.report.screenshots.append(str(path))
        except Exception as exc:  # noqa: BLE001 - a screenshot never decides the test
            self.report.screenshots.append(f"{path}: failed ({exc})")
        finally:
            if self.page.viewport_size != VIEWPORT:
                self.page.set_viewport_size(VIEWPORT)
                self.settle(quiet_ms=150, timeout=20)

    # -- stages ----------------------------------------------------------------------------
    def open(self) -> None:
        start = time.monotonic()
        self.page.goto(self.server.notebook_url(self.name), wait_until="domcontentloaded")
        deadline = time.monotonic() + 90
        while True:
            self.accept_dialogs()  # e.g. "Select Kernel" while kernel specs still load
            try:
                self.page.wait_for_function(KERNEL_READY_JS, polling=100, timeout=3000)
                break
            except Exception:  # noqa: BLE001 - playwright TimeoutError: look for a dialog
                if time.monotonic() > deadline:
                    raise NotebookCheckFailed(
                        f"{self.name}: the notebook did not open with an idle kernel within "
                        f"90 s (server log tail:\n{self.server.log_tail(15)})") from None
        # The Log Console (bottom panel) shows exceptions of browser-triggered callbacks that
        # no output area catches; open it now so its entries are in the page to be scanned.
        self.command("logconsole:open", {"insertMode": "split-bottom"})
        self.page.wait_for_selector(".jp-LogConsolePanel", timeout=15000)
        self.page.evaluate("() => window.jupyterapp.shell.activateById("
                           "window.jupyterapp.shell.currentWidget.id)")
        self.page.evaluate("() => window.__e2e.watchKernel()")
        self.report.open_seconds = time.monotonic() - start

    def run_all(self) -> None:
        start = time.monotonic()
        self.command("notebook:clear-all-cell-outputs")
        try:  # stored prompts must go, or "every cell shows [n]" would hold before the run
            self.page.wait_for_function(CLEARED_JS, polling=100, timeout=15000)
        except Exception:  # noqa: BLE001 - playwright TimeoutError
            self.problem("Clear Outputs of All Cells left execution counts or outputs behind")
            return
        self.command("notebook:run-all-cells")
        deadline = time.monotonic() + RUN_ALL_TIMEOUT
        cells = []
        while True:
            self.page.wait_for_timeout(250)
            self.accept_dialogs()
            cells = self.page.evaluate(CELLS_JS) or []
            code = [c for c in cells if c["type"] == "code" and not c["empty"]]
            done = all(c["count"] is not None and re.fullmatch(r"\[\d+\]:?", c["prompt"])
                       for c in code)
            stopped = self.page.evaluate("window.__e2e.kernelIdle()")
            errored = self.page.locator(
                ".jp-Notebook .jp-Cell:not([data-e2e-raises]) "
                ".jp-Cell-outputArea > .jp-OutputArea-child "
                "[data-mime-type='application/vnd.jupyter.stderr']").count()
            if done and self.page.evaluate("window.__e2e.kernelIdle()"):
                break
            if errored and stopped and not any("*" in c["prompt"] for c in code):
                break  # Run All stops at the first error
            if time.monotonic() > deadline:
                pending = [c["index"] for c in code if c["count"] is None]
                self.problem(f"Run All did not finish within {RUN_ALL_TIMEOUT:.0f} s "
                             f"(cells without an execution count: {pending})")
                break
        self.report.run_all_seconds = time.monotonic() - start
        code = [c for c in cells if c["type"] == "code" and not c["empty"]]
        missing = [c["index"] for c in code if c["count"] is None]
        if missing and not self.report.problems:
            self.problem(f"after Run All, code cells {missing} have no execution count "
                         "(Run All stopped early)")
        self.wait_for_figures()
        for error in self.new_errors():
            self.problem(f"error output after Run All ({error['where']}): "
                         f"{_error_summary(error['text'])}")

    def wait_for_figures(self) -> None:
        """Every widget view rendered, every ipympl canvas painted and not blank."""
        script = r"""() => {
          const nb = document.querySelector('.jp-Notebook');
          for (const out of nb.querySelectorAll(
              '[data-mime-type="application/vnd.jupyter.widget-view+json"]'))
            if (!out.querySelector('.jupyter-widgets, .lm-Widget') && !out.textContent.trim())
              return false;
          for (const fig of nb.querySelectorAll('.jupyter-matplotlib')) {
            const c = fig.querySelector('canvas');
            if (!c || !c.width || !c.height || !c.offsetWidth || window.__e2e.blank(c))
              return false;
          }
          return window.__e2e.quiet(200);
        }"""
        try:
            self.page.wait_for_function(script, timeout=30000, polling=200)
        except Exception:  # noqa: BLE001
            bad = self.page.evaluate(r"""() => Array.from(document.querySelectorAll(
                '.jp-Notebook .jupyter-matplotlib')).map((fig, i) => {
                  const c = fig.querySelector('canvas');
                  const cell = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'))
                    .indexOf(fig.closest('.jp-Cell'));
                  const ok = c && c.width && c.height && c.offsetWidth && !window.__e2e.blank(c);
                  return ok ? null : `figure ${i} in cell ${cell}: `
                    + (c ? `${c.width}x${c.height}, blank after ${c.__e2ePaints || 0} paint(s)`
                         : 'no canvas');
                }).filter(x => x)""")
            self.problem("not every figure rendered within 30 s: " + ("; ".join(bad) or
                         "widget views still rendering"))
        self.report.canvases = self.page.locator(".jp-Notebook .jupyter-matplotlib").count()

    def control_locator(self, control: dict):
        return self.page.locator(f"[data-e2e-control='{control['id']}']")

    def describe(self, control: dict) -> str:
        return f"control '{control['label']}' ({control['kind']}, cell {control['cell']})"

    def check_errors(self, control: dict, action: str) -> bool:
        """Report errors that appeared since the last check; True if there were any."""
        messages = []
        for error in self.new_errors():
            message = (f"{self.describe(control)}: error after {action} "
                       f"({error['where']}): {_error_summary(error['text'])}")
            if message not in messages:
                messages.append(message)
        for message in messages:
            self.problem(message)
        return bool(messages)

    def output_area_picture(self, control: dict) -> bytes:
        """The cell's output area with every control masked (fallback when no canvas)."""
        area = self.control_locator(control).locator(
            "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-Cell-outputArea ')]")
        masks = [area.locator(".widget-slider, .widget-dropdown, .widget-button, "
                              ".jupyter-button, .widget-readout, .widget-html, .widget-label")]
        return area.first.screenshot(mask=masks, animations="disabled")

    def _press_and_watch(self, control: dict, key: str) -> tuple[bool, float | None]:
        """Press `key` on the focused control; (figure changed?, key → paint latency in ms)."""
        return self._act_and_watch(control, lambda: self.page.keyboard.press(key))

    def _act_and_watch(self, control: dict, act) -> tuple[bool, float | None]:
        """Do `act`; (did the control's figure change?, keydown → changed paint in ms)."""
        if control["canvas"] is None:
            picture = self.output_area_picture(control)
            act()
            deadline = time.monotonic() + REDRAW_TIMEOUT_MS / 1000
            while time.monotonic() < deadline:
                self.page.wait_for_timeout(100)
                if self.output_area_picture(control) != picture:
                    return True, None
            return False, None
        self.page.evaluate("id => window.__e2e.arm(id)", control["canvas"])
        act()
        try:
            # Changed pixels, or clearly nothing coming: kernel idle and no paint for a while.
            self.page.wait_for_function(
                "id => window.__e2e.changed(id) || window.__e2e.settledWithoutChange(id)",
                arg=control["canvas"], timeout=REDRAW_TIMEOUT_MS, polling=POLL_MS)
        except Exception:  # noqa: BLE001 - playwright TimeoutError
            pass
        changed = self.page.evaluate("id => window.__e2e.changed(id)", control["canvas"])
        timing = self.page.evaluate("id => window.__e2e.result(id)", control["canvas"])
        return changed, (timing["latency"] if changed else None)

    def _restore_slider(self, control: dict, readout_text: str | None) -> None:
        """Type the first value back into the slider's readout (after a jump to an end)."""
        if not readout_text:
            return
        readout = self.control_locator(control).locator(
            "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' widget-slider ')][1]"
            "//div[contains(concat(' ', @class, ' '), ' widget-readout ')]").first
        try:
            readout.click()
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(readout_text.replace("\u2212", "-"))
            self.page.keyboard.press("Enter")
        except Exception:  # noqa: BLE001 - best effort; Reset buttons are pressed later anyway
            return
        self.settle()

    def press_slider(self, control: dict, result: ControlResult) -> None:
        handle = self.control_locator(control)
        label = self.describe(control)
        exempt = self.exempt.get(control["label"])
        try:
            now = float(handle.get_attribute("aria-valuenow"))
            high = float(handle.get_attribute("aria-valuemax"))
            low = float(handle.get_attribute("aria-valuemin"))
        except (TypeError, ValueError):
            now, low, high = 0.0, 0.0, 1.0
        if low == high:
            return
        at_top = now >= high
        step, back = ("ArrowLeft", "ArrowRight") if at_top else ("ArrowRight", "ArrowLeft")
        jump = "Home" if at_top else "End"
        readout = handle.locator(
            "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' widget-slider ')][1]"
            "//div[contains(concat(' ', @class, ' '), ' widget-readout ')]")
        readout_text = readout.first.text_content() if readout.count() else None
        handle.scroll_into_view_if_needed()
        handle.focus()
        # aria-valuetext is the exact value; aria-valuenow is rounded (0.05 reads "0.0").
        before = handle.get_attribute("aria-valuetext")
        changed, latency = self._press_and_watch(control, step)
        self.settle()
        if handle.get_attribute("aria-valuetext") == before:
            self.problem(f"{label}: {step} did not move the slider (value stays {before})")
            return
        if self.check_errors(control, step):
            result.changed = changed
            if not changed and exempt is None:
                self.problem(f"{label}: {step} did not change its figure (it raised instead)")
            return  # one clear report per control
        if changed:
            result.changed = True
            if latency is not None:
                result.latencies_ms.append(round(latency, 2))
            # More presses for the latency figures: one more step out, then back twice.
            half = PRESSES_PER_SLIDER // 2
            for key in [step] * (half - 1) + [back] * (PRESSES_PER_SLIDER - half):
                handle.focus()
                changed, latency = self._press_and_watch(control, key)
                self.settle()
                if changed and latency is not None:
                    result.latencies_ms.append(round(latency, 2))
                if self.check_errors(control, key):
                    break
        else:
            # One step may be too small to move a pixel (e.g. step 1e-4): jump to the end of
            # the range, which any slider wired to its figure visibly changes; then type the
            # first value back into the readout.
            handle.focus()
            changed, _ = self._press_and_watch(control, jump)
            self.settle()
            result.changed = changed
            errored = self.check_errors(control, jump)
            if not changed and not errored and exempt is None:
                what = ("its figure" if control["canvas"] is not None
                        else "its cell's output (no ipympl figure found next to it)")
                self.problem(f"{label}: did not change {what}, neither by one step ({step}) "
                             f"within {REDRAW_TIMEOUT_MS} ms nor by a jump to the end of its "
                             f"range ({jump})")
            self._restore_slider(control, readout_text)
            self.check_errors(control, "typing its first value back into the readout")
        # The median of the slider's presses: one press stalled by the machine is no failure.
        if result.latencies_ms and statistics.median(result.latencies_ms) > LATENCY_BOUND_MS:
            self.problem(f"{label}: key press → redraw took a median "
                         f"{statistics.median(result.latencies_ms):.0f} ms "
                         f"(bound {LATENCY_BOUND_MS:.0f} ms; presses: {result.latencies_ms})")

    def choose_options(self, control: dict, result: ControlResult) -> None:
        select = self.control_locator(control)
        select.scroll_into_view_if_needed()
        options = select.evaluate("s => Array.from(s.options).map(o => o.value)")
        original = select.input_value()
        changed_any = False
        for option in [o for o in options if o != original] + [original]:
            if control["canvas"] is None:  # nothing to compare with: errors only
                select.select_option(option)
                changed = False
            else:
                changed, _ = self._act_and_watch(control,
                                                 lambda o=option: select.select_option(o))
            changed_any = changed_any or (changed and option != original)
            self.settle()
            self.check_errors(control, f"choosing {option!r}")
        result.changed = changed_any if control["canvas"] is not None else None
        if (control["canvas"] is not None and len(options) > 1 and not changed_any
                and control["label"] not in self.exempt):
            self.problem(f"{self.describe(control)}: no option changed its figure")

    def press_button(self, control: dict, result: ControlResult) -> None:
        button = self.control_locator(control)
        button.scroll_into_view_if_needed()
        button.click()
        self.page.wait_for_timeout(150)
        if not self.settle():
            self.problem(f"{self.describe(control)}: the kernel was still busy "
                         f"{KERNEL_IDLE_TIMEOUT:.0f} s after the click")
        self.check_errors(control, "a click")

    def drive_controls(self) -> None:
        start = time.monotonic()
        found = self.page.evaluate(ENUMERATE_JS)
        controls = found["controls"]
        order = {"slider": 0, "dropdown": 1, "button": 2}  # buttons (Reset…) last
        for control in sorted(controls, key=lambda c: (order[c["kind"]], int(c["id"]))):
            result = ControlResult(control["kind"], control["label"], control["cell"],
                                   control["canvas"])
            self.report.controls.append(result)
            if control["disabled"]:
                continue
            t0 = time.monotonic()
            try:
                {"slider": self.press_slider, "dropdown": self.choose_options,
                 "button": self.press_button}[control["kind"]](control, result)
            except NotebookCheckFailed:
                raise
            except Exception as exc:  # noqa: BLE001 - report it against the control
                self.problem(f"{self.describe(control)}: could not be driven: "
                             f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}")
            result.seconds = round(time.monotonic() - t0, 2)
        self.report.controls_seconds = time.monotonic() - start
        # Anything the Log Console got late.
        self.page.wait_for_timeout(200)
        for error in self.new_errors():
            self.problem(f"error after driving the controls ({error['where']}): "
                         f"{_error_summary(error['text'])}")


def check_notebook(page, server: LabServer, name: str, *, index: int = 0,
                   artifacts_dir: Path | None = ARTIFACTS_DIR,
                   exempt: dict[str, str] | None = None,
                   on_state=None) -> NotebookReport:
    """Open `name` in JupyterLab, clear outputs, Run All, check outputs and figures, drive every
    slider / dropdown / button, time key press → redraw. Raises NotebookCheckFailed listing
    every problem (each names the notebook and the control); returns the report otherwise.

    `exempt` maps a control's label to the reason it legitimately leaves its figure alone
    (it is still driven and checked for errors). `on_state(page, name, state)`, if given, is
    called after Run All and after the controls have been moved (the accessibility scan)."""
    harness = _Harness(page, server, name, index=index, artifacts_dir=artifacts_dir,
                       exempt=exempt)
    start = time.monotonic()
    harness.open()
    harness.run_all()
    # One screen after Run All (cheap), the whole notebook at the end (≈ 2–4 s on 2 cores).
    harness.screenshot("run-all", whole_notebook=False)
    if not any(p.startswith("Run All did not finish") for p in harness.report.problems):
        if on_state is not None:
            on_state(page, name, "after Run All")
        harness.drive_controls()
        if on_state is not None:
            harness.settle()
            on_state(page, name, "after controls moved")
    harness.screenshot("after-sliders")
    harness.report.total_seconds = time.monotonic() - start
    if harness.report.problems:
        problems = "\n".join(f"  - {p}" for p in harness.report.problems)
        error = NotebookCheckFailed(f"{name}: {len(harness.report.problems)} problem(s) in the "
                                    f"browser:\n{problems}")
        error.report = harness.report
        raise error
    return harness.report


# ------------------------------------------------------------------------------------------
# Results: printed in the terminal summary, written to artifacts/ (and benchmarks/ on request)
# ------------------------------------------------------------------------------------------
RESULTS: list[tuple[str, NotebookReport]] = []  # (status, report), filled by the tests
BENCHMARK_MD = ROOT / "benchmarks" / "browser_latency.md"


def _cell(value, unit: str = "") -> str:
    return "–" if value is None else f"{value}{unit}"


def latency_table(results: list[tuple[str, NotebookReport]]) -> list[str]:
    lines = ["| notebook | status | sliders | dropdowns | buttons | figures | key presses timed "
             "| median ms | p95 ms | max ms | Run All s | total s |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    every = []
    for status, report in results:
        s = report.latency_summary()
        every += report.latencies_ms
        lines.append(f"| {s['notebook']} | {status} | {s['sliders']} | {s['dropdowns']} "
                     f"| {s['buttons']} | {s['canvases']} | {s['presses']} "
                     f"| {_cell(s['median_ms'])} | {_cell(s['p95_ms'])} | {_cell(s['max_ms'])} "
                     f"| {s['run_all_s']} | {s['total_s']} |")
    if every:
        every.sort()
        lines.append(f"| **all** | | | | | | {len(every)} | {statistics.median(every):.1f} "
                     f"| {percentile(every, 95):.1f} | {every[-1]:.1f} | | |")
    return lines


def write_results(results: list[tuple[str, NotebookReport]], *, artifacts_dir: Path = ARTIFACTS_DIR,
                  benchmark_md: Path | None = None) -> list[Path]:
    """latency.json + latency.md in artifacts/browser; the markdown also to `benchmark_md`."""
    if not results:
        return []
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    every = sorted(v for _, r in results for v in r.latencies_ms)
    payload = {
        "measured": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "what": "key press (keydown, capture phase) → first drawImage that changes the pixels "
                "of the ipympl canvas tied to the slider, in headless Chromium",
        "target_p95_ms": LATENCY_TARGET_MS, "bound_ms": LATENCY_BOUND_MS,
        "machine": {"cpus": os.cpu_count(), "load_average": list(os.getloadavg())},
        "all": {"presses": len(every),
                "median_ms": round(statistics.median(every), 1) if every else None,
                "p95_ms": round(percentile(every, 95), 1) if every else None},
        "notebooks": [{"status": status, **report.to_json()} for status, report in results],
    }
    json_path = artifacts_dir / "latency.json"
    json_path.write_text(json.dumps(payload, indent=2))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    markdown = "\n".join([
        "# Browser latency: slider key press → changed figure",
        "",
        "Written by `tests/browser` (the real-browser test). Each slider of each notebook is",
        f"pressed {PRESSES_PER_SLIDER} times (→ → ← ←); a press is timed from its `keydown` to the",
        "first paint (`drawImage`) that changes the pixels of the ipympl canvas of the same",
        "explorer, in headless Chromium driving JupyterLab on this machine. Sliders without an",
        "ipympl canvas are checked by masked screenshots and not timed.",
        "",
        f"Target: p95 ≤ {LATENCY_TARGET_MS:.0f} ms. The test fails a slider whose median press "
        f"takes more than {LATENCY_BOUND_MS:.0f} ms (a broken redraw, not a slow machine).",
        "",
        f"Measured {payload['measured']} on {os.cpu_count()} CPUs, load average {load} "
        "(1, 5, 15 min) when the run ended.",
        "",
        *latency_table(results),
        "",
        "Regenerate: `BROWSER_LATENCY_UPDATE=1 .venv/bin/python -m pytest -m browser "
        "tests/browser` (artifacts/browser/ gets the same table, latency.json and screenshots "
        "on every run).",
        "",
    ])
    md_path = artifacts_dir / "latency.md"
    md_path.write_text(markdown)
    written = [json_path, md_path]
    if benchmark_md is not None:
        benchmark_md.parent.mkdir(parents=True, exist_ok=True)
        benchmark_md.write_text(markdown)
        written.append(benchmark_md)
    return written
