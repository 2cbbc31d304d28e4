"""Fixtures of the real-browser test: one JupyterLab server and one headless Chromium for the
module, one page per notebook, the notebook's kernel shut down after it."""

from __future__ import annotations

import os
from pathlib import Path

import lab  # tests/browser is on pytest's pythonpath (pyproject.toml)
import pytest

# The fixture notebooks are driven by the browser test, not executed by nbval.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    try:
        return lab.require_chromium()
    except lab.ChromiumMissing as exc:
        message = str(exc)
    pytest.fail(message, pytrace=False)  # never a skip: the browser test must run


@pytest.fixture(scope="module")
def lab_server(chromium_path, tmp_path_factory):
    fixtures = {f"{lab.FIXTURE_PREFIX}/{p.name}": p
                for p in sorted(lab.FIXTURES_DIR.glob("*.ipynb"))}
    server = lab.LabServer(fixtures, workdir=tmp_path_factory.mktemp("jupyterlab"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser_context(lab_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = lab.launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=lab.VIEWPORT)
            context.add_init_script(lab.INSTRUMENTATION_JS)
            yield context
            context.close()
        finally:
            browser.close()


@pytest.fixture
def open_page(browser_context, lab_server):
    """A fresh page; afterwards the page is closed and every kernel shut down (2 cores)."""
    pages = []

    def new_page():
        page = browser_context.new_page()
        page.set_default_timeout(30_000)
        pages.append(page)
        return page

    yield new_page
    for page in pages:
        try:
            page.close()
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
    lab_server.shutdown_kernels()


_TITLE = "browser: slider key press → changed figure (ms)"


def _write_results():
    update = os.environ.get("BROWSER_LATENCY_UPDATE") == "1"
    return lab.write_results(lab.RESULTS, benchmark_md=lab.BENCHMARK_MD if update else None)


def pytest_sessionfinish(session, exitstatus):
    # A pytest-xdist worker has no terminal summary: it leaves the results in files, which
    # the controller prints below.
    if hasattr(session.config, "workerinput") and lab.RESULTS:
        _write_results()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Without xdist the browser tests ran here; with it, tests/conftest.py prints the table.
    if not lab.RESULTS:
        return
    terminalreporter.section(_TITLE)
    for line in lab.latency_table(lab.RESULTS):
        terminalreporter.write_line(line)
    written = _write_results()
    terminalreporter.write_line("written: " + ", ".join(
        str(p.relative_to(lab.ROOT)) if p.is_relative_to(lab.ROOT) else str(p)
        for p in written))
