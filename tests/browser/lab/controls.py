"""Drive every control of a notebook and time how fast its figure answers."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from lab.page import NotebookPage
from lab.report import ControlResult, NotebookCheckFailed, NotebookReport, error_summary
from lab.scripts import ENUMERATE_JS
from lab.server import LabServer
from lab.settings import (
    ARTIFACTS_DIR,
    KERNEL_IDLE_TIMEOUT,
    LATENCY_BOUND_MS,
    POLL_MS,
    PRESSES_PER_SLIDER,
    REDRAW_TIMEOUT_MS,
)


class _Harness(NotebookPage):
    """The notebook page, and its controls driven one by one."""

    def control_locator(self, control: dict):
        return self.page.locator(f"[data-e2e-control='{control['id']}']")

    def describe(self, control: dict) -> str:
        return f"control '{control['label']}' ({control['kind']}, cell {control['cell']})"

    def check_errors(self, control: dict, action: str) -> bool:
        """Report errors that appeared since the last check; True if there were any."""
        messages = []
        for error in self.new_errors():
            message = (f"{self.describe(control)}: error after {action} "
                       f"({error['where']}): {error_summary(error['text'])}")
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
                         f"{error_summary(error['text'])}")

def check_notebook(page, server: LabServer, name: str, *, index: int = 0,
                   artifacts_dir: Path | None = ARTIFACTS_DIR,
                   exempt: dict[str, str] | None = None) -> NotebookReport:
    """Open `name` in JupyterLab, clear outputs, Run All, check outputs and figures, drive every
    slider / dropdown / button, time key press → redraw. Raises NotebookCheckFailed listing
    every problem (each names the notebook and the control); returns the report otherwise.

    `exempt` maps a control's label to the reason it legitimately leaves its figure alone
    (it is still driven and checked for errors)."""
    harness = _Harness(page, server, name, index=index, artifacts_dir=artifacts_dir,
                       exempt=exempt)
    start = time.monotonic()
    harness.open()
    harness.run_all()
    # One screen after Run All (cheap), the whole notebook at the end (≈ 2–4 s on 2 cores).
    harness.screenshot("run-all", whole_notebook=False)
    if not any(p.startswith("Run All did not finish") for p in harness.report.problems):
        harness.drive_controls()
    harness.screenshot("after-sliders")
    harness.report.total_seconds = time.monotonic() - start
    if harness.report.problems:
        problems = "\n".join(f"  - {p}" for p in harness.report.problems)
        error = NotebookCheckFailed(f"{name}: {len(harness.report.problems)} problem(s) in the "
                                    f"browser:\n{problems}")
        error.report = harness.report
        raise error
    return harness.report
