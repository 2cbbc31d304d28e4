"""Smoke version of the drag benchmark (benchmarks/drag.py, `make bench-drag`): one explorer,
one short drag with real mouse events in JupyterLab + Chromium. No timing is asserted here
(that is the benchmark's job); what must hold whatever the machine's load: frames arrive
during the drag, none of them is blank, the kernel ends at the value the handle was dragged
to, and the last frame on the screen is exactly the kernel's picture of that value.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from lab.drag import drag_slider, explorer_notebook, install_recorder, kernel_execute
from lab.page import NotebookPage

pytestmark = pytest.mark.browser

NOTEBOOK = "drag_smoke.ipynb"

_KERNEL_STATE = """
import hashlib, json
import numpy as np
_e = explorer_0
print(json.dumps({
    "value": _e.controls["lr"].value,
    "highest": _e.controls["lr"].base ** _e.controls["lr"].max,
    "errors": len(_e.errors),
    "sha256": hashlib.sha256(np.ascontiguousarray(_e.canvas.buffer_rgba()).tobytes()).hexdigest(),
    "shape": list(np.asarray(_e.canvas.buffer_rgba()).shape),
}))
"""

_SCREEN_SHA256_JS = r"""
async () => {
  const canvas = document.querySelector(
    '.jp-Notebook .backprop-explorer .jupyter-matplotlib canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const digest = await crypto.subtle.digest('SHA-256', data);
  const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
  return {sha256: hex, width: canvas.width, height: canvas.height};
}
"""


def test_dragging_a_slider_paints_frames_and_ends_on_the_final_value(open_page, lab_server):
    # 05's landscape explorer; its lr slider, dragged end to end, crosses into divergence
    # (the 'diverged' labels appear: blitted, no whole-figure redraw).
    nbformat.write(explorer_notebook(["helpers.widgets.make_landscape_explorer()"]),
                   lab_server.root_dir / NOTEBOOK)
    page = open_page()
    notebook = NotebookPage(page, lab_server, NOTEBOOK, index=0, artifacts_dir=None)
    notebook.open()
    notebook.run_all()
    assert not notebook.report.problems, notebook.report.problems
    install_recorder(page)

    result = drag_slider(page, 0, 0, moves=20, interval_ms=16, check_blank=True)

    # Under load Chromium coalesces moves and ipywidgets values, so counts vary; but the
    # first value changed is sent at once and the last one after it: two frames at least.
    assert result.moves >= 1 and result.value_changes >= 1, result
    assert len(result.frame_bytes) >= min(2, result.value_changes), result  # PNGs received
    assert min(result.frame_bytes) > 1000, result.frame_bytes
    assert result.frames_total >= 1, result  # and were painted (newest wins)
    assert result.blank_paints == 0 and not result.final_blank, result

    kernel = json.loads(kernel_execute(page, _KERNEL_STATE).strip().splitlines()[-1])
    assert kernel["errors"] == 0
    # Dragged past the end of the track: the kernel holds the slider's highest value.
    assert kernel["value"] == pytest.approx(kernel["highest"]), (kernel, result.final_value)
    screen = page.evaluate(_SCREEN_SHA256_JS)
    assert [screen["height"], screen["width"], 4] == kernel["shape"]
    # The last frame painted is the kernel's canvas for that value, pixel for pixel.
    assert screen["sha256"] == kernel["sha256"]
    assert not notebook.new_errors()
