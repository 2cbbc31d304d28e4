"""Shared pytest hooks. Under pytest-xdist (make test) the controller never loads
tests/browser/conftest.py, so it prints the browser latency table a worker wrote."""

import time
from pathlib import Path

LATENCY_TABLE = Path(__file__).resolve().parent.parent / "artifacts" / "browser" / "latency.md"
_SESSION_START = time.time()


# The accessibility tables (tests/browser): printed whether or not xdist ran the tests.
AXE_TABLES = [LATENCY_TABLE.parent / "axe-jupyterlab.md", LATENCY_TABLE.parent / "axe-site.md"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for table in AXE_TABLES:
        if table.is_file() and table.stat().st_mtime >= _SESSION_START:
            lines = table.read_text().splitlines()
            terminalreporter.section(lines[0])
            for line in lines[1:]:
                terminalreporter.write_line(line)
    if not config.pluginmanager.hasplugin("dsession"):  # not the xdist controller
        return
    if LATENCY_TABLE.is_file() and LATENCY_TABLE.stat().st_mtime >= _SESSION_START:
        terminalreporter.section("browser: slider key press → changed figure (ms)")
        for line in LATENCY_TABLE.read_text().splitlines():
            if line.startswith("|"):
                terminalreporter.write_line(line)
