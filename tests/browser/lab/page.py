"""Open a notebook in JupyterLab, Run All, and wait until its figures are live."""

from __future__ import annotations

import re
import time
from pathlib import Path

from lab.report import NotebookCheckFailed, NotebookReport, error_summary
from lab.scripts import CELLS_JS, CLEARED_JS, KERNEL_READY_JS, NEW_ERRORS_JS
from lab.server import LabServer
from lab.settings import KERNEL_IDLE_TIMEOUT, RUN_ALL_TIMEOUT, SCREENSHOT_MAX_HEIGHT, VIEWPORT


class NotebookPage:
    """A notebook open in JupyterLab: open it, Run All, check its outputs and figures."""

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
                         f"{error_summary(error['text'])}")

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
                  const why = !c ? 'no canvas'
                    : !c.width || !c.height ? `canvas of size ${c.width}x${c.height}`
                    : !c.offsetWidth ? `${c.width}x${c.height} but not laid out (offsetWidth 0)`
                    : `${c.width}x${c.height}, blank after ${c.__e2ePaints || 0} paint(s)`;
                  return ok ? null : `figure ${i} in cell ${cell}: ${why}`;
                }).filter(x => x)""")
            self.problem("not every figure rendered within 30 s: " + ("; ".join(bad) or
                         "widget views still rendering"))
        self.report.canvases = self.page.locator(".jp-Notebook .jupyter-matplotlib").count()
