"""Support for the real-browser test: a throw-away JupyterLab server, a headless Chromium, and
the per-notebook harness (open, Run All, check outputs, drive every control, time redraws).

Kept free of pytest fixtures so the harness can be run on any notebook, including the
deliberately broken fixture whose failure the test asserts. One module per job:

- ``settings``: paths, timeouts, Chromium and how to launch it;
- ``server``: the JupyterLab server (``LabServer``);
- ``scripts``: the JavaScript run in the page;
- ``page``: open a notebook, Run All, wait for its figures (``NotebookPage``);
- ``controls``: drive every control and time the redraws (``check_notebook``);
- ``report``: what was found, and the latency tables.
"""

from lab.controls import check_notebook
from lab.report import (
    BENCHMARK_MD,
    RESULTS,
    NotebookCheckFailed,
    NotebookReport,
    latency_table,
    write_results,
)
from lab.scripts import INSTRUMENTATION_JS
from lab.server import LabServer
from lab.settings import (
    ARTIFACTS_DIR,
    FIXTURE_PREFIX,
    FIXTURES_DIR,
    NOTEBOOKS_DIR,
    PRESSES_PER_SLIDER,
    ROOT,
    VIEWPORT,
    ChromiumMissing,
    launch_chromium,
    require_chromium,
)

__all__ = [
    "ARTIFACTS_DIR", "BENCHMARK_MD", "FIXTURES_DIR", "FIXTURE_PREFIX", "INSTRUMENTATION_JS",
    "NOTEBOOKS_DIR", "PRESSES_PER_SLIDER", "RESULTS", "ROOT", "VIEWPORT", "ChromiumMissing",
    "LabServer", "NotebookCheckFailed", "NotebookReport", "check_notebook", "latency_table",
    "launch_chromium", "require_chromium", "write_results",
]
