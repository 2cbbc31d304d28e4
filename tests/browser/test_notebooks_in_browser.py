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

import json
from dataclasses import asdict

import axe
import lab
import pytest

pytestmark = pytest.mark.browser

# Filled as the notebooks run (one JupyterLab session for both checks): axe's findings after
# Run All and after the controls moved, and the explorers whose controls Tab did not reach.
AXE_FINDINGS: list[axe.Finding] = []
AXE_SCANNED: list[tuple[str, str]] = []
TAB_MISSES: list[str] = []

_FOCUSABLE = "[role='slider'], select, input, button"

_EXPLORERS_JS = r"""() => {
  const roots = [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell-outputArea .backprop-explorer')];
  return roots.map((root, i) => {
    root.setAttribute('data-a11y-explorer', String(i));
    let n = 0;
    while (root.querySelector('.backprop-control-' + n)) n++;
    return n;
  });
}"""

_ACTIVE_CONTROL_JS = r"""(i) => {
  const el = document.activeElement;
  const root = el && el.closest('.backprop-explorer');
  if (!root || root.getAttribute('data-a11y-explorer') !== String(i)) return -1;
  const box = el.closest('[class*="backprop-control-"]');
  if (!box) return -2;
  const m = box.className.match(/backprop-control-(\d+)/);
  return m ? Number(m[1]) : -2;
}"""


def check_tab_order(page, name: str) -> None:
    """From each explorer's first control, Tab must reach every one of its controls."""
    for index, count in enumerate(page.evaluate(_EXPLORERS_JS)):
        root = page.locator(f"[data-a11y-explorer='{index}']")
        first = root.locator(f".backprop-control-0 :is({_FOCUSABLE})").first
        first.scroll_into_view_if_needed()
        first.focus()
        reached = {page.evaluate(_ACTIVE_CONTROL_JS, index)}
        for _ in range(3 * count + 4):
            if reached >= set(range(count)):
                break
            page.keyboard.press("Tab")
            reached.add(page.evaluate(_ACTIVE_CONTROL_JS, index))
        missing = sorted(set(range(count)) - reached)
        if missing:
            TAB_MISSES.append(f"{name}: explorer {index}: Tab from its first control never "
                              f"reached control(s) {missing} of {count}")


def scan_accessibility(page, name: str, state: str) -> None:
    if state == "after Run All":
        check_tab_order(page, name)
    AXE_FINDINGS.extend(axe.scan_notebook(page, name, state))
    AXE_SCANNED.append((name, state))

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
                                    on_state=scan_accessibility,
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
    # The keyboard: End and Home move a slider to the ends of its range, arrows step it.
    page = open_page.last_page
    handle = page.locator(".backprop-control-0 [role='slider']").first
    low, high = (float(handle.get_attribute(a)) for a in ("aria-valuemin", "aria-valuemax"))
    start = float(handle.get_attribute("aria-valuenow"))
    for key, expected in (("End", high), ("Home", low)):
        handle.focus()
        page.keyboard.press(key)
        page.wait_for_function("([el, v]) => Number(el.getAttribute('aria-valuenow')) === v",
                               arg=[handle.element_handle(), expected], timeout=5000)
    handle.focus()
    page.keyboard.press("ArrowRight")
    assert float(handle.get_attribute("aria-valuenow")) > low
    assert start != low or start != high
    # Named for screen readers by the explorer (helpers.accessibility), not just visibly.
    assert handle.get_attribute("aria-label") == "weight w", handle.get_attribute("aria-label")
    explorer = page.locator(".backprop-explorer").first
    figure = explorer.locator(".jupyter-matplotlib-canvas-div").first
    assert figure.get_attribute("role") == "img"
    assert figure.get_attribute("aria-label").startswith("Live figure: Fit a line by hand")
    readout = explorer.locator(".backprop-readout").first
    assert readout.get_attribute("aria-live") == "polite"
    assert readout.inner_text().strip()  # the readout the live region announces


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


def test_accessibility_of_course_outputs_in_jupyterlab():
    """axe after Run All and after the controls moved, on every course notebook (scanned by
    test_notebook_in_browser above, in the same JupyterLab session): no critical, serious or
    moderate violation inside the course's outputs. JupyterLab's own chrome is listed only."""
    lines = axe.table(AXE_FINDINGS, "axe in JupyterLab, after Run All and after the controls "
                                     "moved")
    print("\n".join(lines))
    lab.ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    (lab.ARTIFACTS_DIR / "axe-jupyterlab.md").write_text("\n".join(lines) + "\n")
    (lab.ARTIFACTS_DIR / "axe-jupyterlab.json").write_text(
        json.dumps([asdict(f) for f in AXE_FINDINGS], indent=1, ensure_ascii=False))
    scanned = {name for name, state in AXE_SCANNED if state == "after controls moved"}
    assert scanned >= set(COURSE_NOTEBOOKS), (
        f"axe did not scan every notebook after its controls moved (missing: "
        f"{sorted(set(COURSE_NOTEBOOKS) - scanned)}); see the browser test's failures")
    failing = [f for f in AXE_FINDINGS if f.fails]
    assert not failing, "\n".join(
        f"{f.where} ({f.state}): {f.impact} {f.rule} × {f.nodes}: {f.help}; e.g. {f.examples[0]}"
        for f in failing)
    assert not TAB_MISSES, "\n".join(TAB_MISSES)
