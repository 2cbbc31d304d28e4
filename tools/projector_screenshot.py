"""Take docs/images/projector_mode.png: an explorer in projector mode, in JupyterLab.

Usage: ``.venv/bin/python tools/projector_screenshot.py`` (needs Debian's chromium, `make
browser`). Uses the browser test's throw-away JupyterLab server (tests/browser/lab.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import lab  # noqa: E402
from lab.scripts import KERNEL_READY_JS  # noqa: E402

OUT = ROOT / "docs" / "images" / "projector_mode.png"
SOURCE = """import helpers
from helpers.widgets import make_descent_explorer

helpers.presentation(scale=1.5)
make_descent_explorer()"""


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="projector-"))
    notebook = workdir / "projector_mode.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebook)
    from playwright.sync_api import sync_playwright

    with lab.LabServer({"projector_mode.ipynb": notebook}, workdir=workdir / "lab") as server:
        with sync_playwright() as playwright:
            browser = lab.launch_chromium(playwright)
            try:
                page = browser.new_page(viewport={"width": 1900, "height": 1100})
                page.add_init_script(lab.INSTRUMENTATION_JS)
                page.set_default_timeout(60_000)
                page.goto(server.notebook_url("projector_mode.ipynb"))
                page.wait_for_function(KERNEL_READY_JS, polling=200, timeout=90_000)
                page.evaluate("() => window.jupyterapp.commands.execute("
                              "'notebook:run-all-cells')")
                page.wait_for_selector(".backprop-explorer .jupyter-matplotlib canvas",
                                       timeout=90_000)
                page.wait_for_timeout(2500)
                area = page.locator(".jp-Cell-outputArea").first
                OUT.parent.mkdir(parents=True, exist_ok=True)
                area.screenshot(path=str(OUT))
            finally:
                browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
