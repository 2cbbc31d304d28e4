"""axe-core on every page of the static site (make site), in Debian's Chromium.

The whole page is the course's here, so WCAG 2.2 A/AA and axe's best practices apply to all of
it: no critical, serious or moderate violation may remain. The table by rule and page is
printed at the end of the run (tests/conftest.py) and kept in artifacts/browser/axe-site.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import axe
import lab
import pytest

pytestmark = pytest.mark.browser

sys.path.insert(0, str(lab.ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted(lab.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.skipif(not NOTEBOOKS, reason="no course notebooks yet")
def test_every_site_page_passes_axe(chromium_path, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "site"
    assert build_site.main(["--out", str(out)]) == 0
    pages = sorted(out.glob("*.html"))
    findings: list[axe.Finding] = []
    with sync_playwright() as playwright:
        browser = lab.launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for html in pages:
                page.goto(html.as_uri())
                page.wait_for_load_state("load")
                findings += axe.scan_page(page, html.name)
        finally:
            browser.close()
    lines = axe.table(findings, f"axe on the static site ({len(pages)} pages)")
    print("\n".join(lines))
    lab.ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    (lab.ARTIFACTS_DIR / "axe-site.md").write_text("\n".join(lines) + "\n")
    failing = [f for f in findings if f.fails]
    assert not failing, "\n".join(
        f"{f.where}: {f.impact} {f.rule} × {f.nodes}: {f.help}; e.g. {f.examples[0]}"
        for f in failing)


def test_site_code_style_meets_aa_contrast():
    """The code colours of the site's pygments style against its code background."""
    css = build_site.code_style_css()
    background = build_site.CODE_BACKGROUND
    colours = set(re_colours(css))
    assert len(colours) >= 4, colours  # a real highlighting style, not plain text
    worst = min((contrast(c, background), c) for c in colours)
    assert worst[0] >= 4.5, f"{worst[1]} on {background}: {worst[0]:.2f}:1 (AA needs 4.5:1)"


def re_colours(css: str) -> list[str]:
    import re

    return [m for m in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css)]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert Path(build_site.__file__).name == "build_site.py"
