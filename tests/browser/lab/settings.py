"""Where things are, how long to wait, and the browser: settings of the real-browser test."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS_DIR = ROOT / "notebooks"
FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"
SETTINGS_SRC = ROOT / "tools" / "jupyterlab_settings"
# The course's Jupyter Server settings (TCP_NODELAY on the kernel websocket), as `make lab`.
SERVER_CONFIG_DIR = ROOT / "classroom"
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
# The browser
# ------------------------------------------------------------------------------------------
def launch_chromium(playwright):
    executable = require_chromium()
    return playwright.chromium.launch(executable_path=str(executable), headless=True,
                                      args=CHROMIUM_ARGS)
