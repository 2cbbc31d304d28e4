"""Every course notebook in a real browser: JupyterLab + headless Chromium (Debian's).

For each notebook: open it, clear outputs, Run All, and check that every cell ran, no error
output appeared (cells, Output widgets, Log Console) and every ipympl figure painted. Then every
slider is moved with the keyboard (its explorer's figure must change, timed from key press to
changed pixels), every dropdown option chosen and every button pressed (no error may appear).
Screenshots and latency figures go to artifacts/browser/.

The harness is checked on two fixtures: one that must pass, one whose callbacks raise and that
must fail with a message naming the notebook and the control.
"""

from __future__ import annotations

import lab
import pytest

pytestmark = pytest.mark.browser

COURSE_NOTEBOOKS = sorted(p.name for p in lab.NOTEBOOKS_DIR.glob("*.ipynb"))

# Controls that legitimately leave their figure alone, by notebook and label, with the reason.
# They are still driven and checked for errors; everything else must change its figure.
LEAVES_FIGURE_ALONE = {
    "04_backward_pass.ipynb": {
        "lr (learning rate)": "sets the size of the *next* step (the readout shows it)",
    },
    "06_multilayer.ipynb": {
        "class to add": "chooses the class of points added by clicking the figure",
    },
}


def run_and_record(page, server, name: str, index: int, *,
                   screenshots: bool = True) -> lab.NotebookReport:
    try:
        report = lab.check_notebook(page, server, name, index=index,
                                    exempt=LEAVES_FIGURE_ALONE.get(name),
                                    artifacts_dir=lab.ARTIFACTS_DIR if screenshots else None)
    except lab.NotebookCheckFailed as exc:
        if getattr(exc, "report", None) is not None:
            lab.RESULTS.append(("FAILED", exc.report))
        raise
    lab.RESULTS.append(("ok", report))
    print(f"{name}: {report.latency_summary()}")
    return report


def test_working_fixture_passes(open_page, lab_server):
    report = run_and_record(open_page(), lab_server, f"{lab.FIXTURE_PREFIX}/working.ipynb", 0,
                            screenshots=False)
    kinds = [c.kind for c in report.controls]
    # The harness really found and drove them: 3 sliders, 1 dropdown, 2 Reset buttons.
    assert kinds.count("slider") == 3 and kinds.count("dropdown") == 1, report.controls
    assert kinds.count("button") == 2, report.controls
    assert report.canvases == 2
    assert all(c.changed for c in report.controls if c.kind == "slider"), report.controls
    assert len(report.latencies_ms) >= 3 * lab.PRESSES_PER_SLIDER - 2, report.latencies_ms


def test_broken_callback_fixture_fails_naming_notebook_and_control(open_page, lab_server):
    name = f"{lab.FIXTURE_PREFIX}/broken_callback.ipynb"
    with pytest.raises(lab.NotebookCheckFailed) as failure:
        lab.check_notebook(open_page(), lab_server, name, index=1, artifacts_dir=None)
    message = str(failure.value)
    assert message.startswith(name), message
    # The explorer's update raises: shown in its error box (an Output widget in the cell).
    assert "control 'k (broken)' (slider" in message and "ValueError" in message, message
    assert "did not change its figure" in message, message
    # A plain ipywidgets observer raises: only the Log Console shows it.
    assert "control 'plain (raises)' (slider" in message, message
    assert "(log console): RuntimeError" in message, message


@pytest.mark.parametrize("name", COURSE_NOTEBOOKS)
def test_notebook_in_browser(name, open_page, lab_server):
    run_and_record(open_page(), lab_server, name, COURSE_NOTEBOOKS.index(name))
