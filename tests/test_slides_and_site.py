"""Classroom and web outputs: slide metadata, reveal.js slides, and the offline static site.

Runs on the committed notebooks and on a small synthetic notebook that has every case the
tools must handle (math, code with dollars, an explorer picture, a plain figure), so the tools
are tested even before the course is complete.
"""

import copy
import re
import shutil
from pathlib import Path

import build_site  # tools/ is on pytest's pythonpath (pyproject.toml)
import nbformat
import pytest
import slides
from nbconvert import SlidesExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from slides import cell_source

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# A 1×1 PNG, standing in for an explorer's stored picture.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5E"
       "rkJggg==")
# Anything that would make a page load from the network (the brief's list, and a bit more).
EXTERNAL = re.compile(
    r"""<script[^>]*src=["']?https?:"""
    r"""|<link[^>]*href=["']?https?:"""
    r"""|@import\s+url\(\s*["']?https?:"""
    r"""|src=["']?https?:"""
    r"""|href=["']?https://cdn"""
    r"""|url\(\s*["']?https?:""",
    re.IGNORECASE,
)



def _picture(text="Explorer(controls: w, b)"):
    return new_output("display_data", data={"text/plain": text, "image/png": PNG})


def synthetic_notebook():
    return new_notebook(cells=[
        new_markdown_cell("# 00 · Fit a line\n\nYou will fit $y = w x + b$ by hand.\n\n"
                          "## Learning goals\n\n- see the loss"),
        new_code_cell("from helpers.widgets import make_fit_a_line_explorer", execution_count=1),
        new_markdown_cell("## The loss\n\n$$L = \\frac{1}{n}\\sum_i (w x_i + b - t_i)^2$$\n\n"
                          "A price of \\$5, and `code with $x$` stays code."),
        new_code_cell("make_fit_a_line_explorer()", execution_count=2,
                      outputs=[_picture()]),
        new_markdown_cell("Drag $w$ past 2 and watch the loss grow."),
        new_markdown_cell("### A figure\n\n\\begin{align} a &= b \\\\ c &= d \\end{align}"),
        new_code_cell("display(fig)", execution_count=3,
                      outputs=[_picture("<Figure size 400x300 with 1 Axes>")]),
        new_markdown_cell("Speaker: mention Rumelhart.", metadata={"slideshow": {
            "slide_type": "notes"}}),
        new_markdown_cell("## Summary\n\nNext: [01_next](01_next.ipynb)"),
    ])


@pytest.fixture
def course(tmp_path):
    """A two-notebook course in tmp_path (synthetic; the real notebooks are tested below)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(synthetic_notebook(), folder / "00_fit.ipynb")
    second = new_notebook(cells=[new_markdown_cell("# 01 · Next\n\nNo math here."),
                                 new_code_cell("1 + 1", execution_count=1)])
    nbformat.write(second, folder / "01_next.ipynb")
    return sorted(folder.glob("*.ipynb"))


# --- slide metadata -------------------------------------------------------------------------


def test_slide_types_follow_the_structure():
    nb = slides.add_slide_metadata(synthetic_notebook())
    types = [c.metadata.slideshow.slide_type for c in nb.cells]
    assert types == ["slide", "-", "slide", "subslide", "fragment", "subslide", "-", "notes",
                     "slide"]


def test_first_cell_is_always_a_slide():
    nb = new_notebook(cells=[new_code_cell("import helpers"), new_markdown_cell("text")])
    assert [c.metadata.slideshow.slide_type for c in slides.add_slide_metadata(nb).cells] == [
        "slide", "-"]


def _notebook(source):
    return synthetic_notebook() if source == "synthetic" else nbformat.read(source,
                                                                             as_version=4)


def _name(source):
    return source if isinstance(source, str) else source.name


@pytest.mark.parametrize("source", ["synthetic", *NOTEBOOKS], ids=_name)
def test_add_slide_metadata_is_idempotent_and_touches_only_metadata(source):
    nb = _notebook(source)
    once = slides.add_slide_metadata(copy.deepcopy(nb))
    twice = slides.add_slide_metadata(copy.deepcopy(once))
    assert once == twice
    for before, after in zip(nb.cells, once.cells, strict=True):
        assert cell_source(before) == cell_source(after)
        assert before.get("outputs") == after.get("outputs")
        rest = {k: v for k, v in after.metadata.items() if k != "slideshow"}
        assert rest == {k: v for k, v in before.metadata.items() if k != "slideshow"}


def test_cli_rewrites_in_place_once_then_leaves_files_alone(course, capsys):
    assert slides.main(["--check", *map(str, course)]) == 1
    assert slides.main(list(map(str, course))) == 0
    stamps = [p.read_bytes() for p in course]
    assert slides.main(list(map(str, course))) == 0
    assert slides.main(["--check", *map(str, course)]) == 0
    assert [p.read_bytes() for p in course] == stamps


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_cell_has_its_slide_type(path):
    nb = nbformat.read(path, as_version=4)
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert None not in types, (
        f"{path.name}: cells without slide metadata; run python tools/slides.py {path}")
    assert types[0] == "slide"
    expected = slides.add_slide_metadata(copy.deepcopy(nb))
    assert types == [c.metadata.slideshow.slide_type for c in expected.cells], (
        f"{path.name}: slide types differ from the structure; run python tools/slides.py")


def _export_slides(nb):
    # As `make slides` does: our preprocessor runs before nbconvert's reveal one.
    exporter = SlidesExporter(preprocessors=[slides.SlideMetadataPreprocessor])
    body, _ = exporter.from_notebook_node(nb)
    return body


@pytest.mark.parametrize("source", ["synthetic", *NOTEBOOKS[:1]], ids=_name)
def test_slides_export_has_a_reveal_section_per_slide(source):
    nb = _notebook(source)
    body = _export_slides(nb)
    types = [c.metadata.slideshow.slide_type for c in slides.add_slide_metadata(nb).cells]
    # reveal.js: a slide is an outer <section> around vertical <section>s, one per sub-slide.
    expected = 2 * types.count("slide") + types.count("subslide")
    assert body.count("<section") == expected
    assert 'class="reveal"' in body
    assert 'class="fragment"' in body or "fragment" not in types


# --- math -----------------------------------------------------------------------------------


def test_math_is_mathml_and_code_and_escaped_dollars_are_not():
    html = build_site.make_exporter().markdown2html(
        {}, "Loss $L = (a - t)^2$, price \\$5, `x = $y$` and\n\n$$\\frac{1}{2}$$")
    assert html.count("<math") == 2
    assert 'display="block"' in html
    assert "$5" in html and "<code>x = $y$</code>" in html


def test_math_in_a_heading_does_not_leak_into_the_anchor():
    html = build_site.make_exporter().markdown2html({}, "## The slope $\\partial L$")
    assert "<math" in html
    assert not re.search(r'id="[^"]*<', html)


# --- the static site ------------------------------------------------------------------------


def _png_outputs(nb):
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
               for o in c.outputs)


def _has_math(nb):
    return any("$" in cell_source(c).replace("\\$", "") for c in nb.cells
               if c.cell_type == "markdown")


def _check_site(out, notebooks):
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in notebooks:
        page = out / f"{path.stem}.html"
        assert page.exists(), page
        assert f'href="{path.stem}.html"' in index, f"index does not link {page.name}"
        nb = nbformat.read(path, as_version=4)
        text = page.read_text(encoding="utf-8")
        if _has_math(nb):
            assert "<math" in text, f"{page.name}: math not rendered as MathML"
        assert text.count("<img") >= _png_outputs(nb), f"{page.name}: a stored picture is missing"
        assert "MathJax" not in text and "require.js" not in text
    for page in out.glob("*.html"):
        found = EXTERNAL.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} loads from the network: {found[:3]}"


def test_site_from_the_synthetic_course(course, tmp_path):
    out = tmp_path / "site"
    assert build_site.main(["--out", str(out), *map(str, course)]) == 0
    _check_site(out, course)
    page = (out / "00_fit.html").read_text(encoding="utf-8")
    assert page.count("<math") == 4  # $y=…$, $$L=…$$, $w$, \begin{align}
    assert page.count('class="site-static-caption"') == 1  # the explorer, not the plain figure
    assert 'href="01_next.html"' in page  # notebook links become page links
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Fit a line" in index and "<math" in index  # title and math in the summary


@pytest.mark.skipif(not NOTEBOOKS, reason="no course notebooks yet")
def test_site_from_the_course_notebooks(tmp_path):
    out = tmp_path / "site"
    assert build_site.main(["--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.html")) == sorted(
        ["index.html", *(f"{p.stem}.html" for p in NOTEBOOKS)])
    _check_site(out, NOTEBOOKS)


def test_build_refuses_a_page_that_would_load_from_the_network(tmp_path):
    nb = new_notebook(cells=[new_markdown_cell("# 00 · x"), new_code_cell(
        "HTML(...)", execution_count=1, outputs=[new_output("display_data", data={
            "text/html": '<script src="https://cdn.example.org/x.js"></script>',
            "text/plain": "<HTML>"})])])
    nbformat.write(nb, tmp_path / "00_x.ipynb")
    with pytest.raises(SystemExit, match="would load from the network"):
        build_site.main(["--out", str(tmp_path / "site"), str(tmp_path / "00_x.ipynb")])


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("chromium") and not Path("/usr/bin/chromium").exists(),
                    reason="needs Debian's chromium (make browser)")
def test_site_pages_render_offline_in_chromium(course, tmp_path):
    """No request leaves the machine; math has a real layout; every picture decodes."""
    from playwright.sync_api import sync_playwright

    out = tmp_path / "site"
    build_site.main(["--out", str(out), *map(str, course)])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            for html in sorted(out.glob("*.html")):
                page.goto(html.as_uri())
                page.wait_for_load_state("load")
                sizes = page.eval_on_selector_all(
                    "math", "els => els.map(e => e.getBoundingClientRect().width)")
                assert all(width > 0 for width in sizes), html.name
                broken = page.eval_on_selector_all(
                    "img", "els => els.filter(e => !e.complete || e.naturalWidth === 0).length")
                assert broken == 0, html.name
        finally:
            browser.close()
    remote = [url for url in requests if not url.startswith(("file:", "data:"))]
    assert not remote, remote
