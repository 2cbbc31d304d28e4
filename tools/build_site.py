"""Build the course as a static web site that works offline: ``make site`` → ``site/``.

``site/index.html`` is the course map (one card per notebook: number, title, one-line
summary, link); ``site/NN_name.html`` is each notebook as a page, exactly as committed: the
stored outputs, with every live explorer shown as the picture of its first state that the
notebook stores next to it (``image/png``), and a caption saying the live version runs in
JupyterLab.

Nothing is fetched from the network when a page opens, so the site works from a USB stick,
on a classroom machine without internet, or from any static host:

- math (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``, ``\\begin{…}…\\end{…}``) in markdown is
  turned into MathML here, at build time, with ``latex2mathml``; browsers render MathML
  natively, so there is no MathJax;
- the template (``tools/site_template``) drops nbconvert's require.js, MathJax, mermaid and
  widget-manager scripts, and any ``application/javascript`` output;
- figures and markdown images are embedded as data URIs, styles are inline;
- the build fails if a page would still load anything over http(s).

Usage: ``python tools/build_site.py [--out site] [notebooks …]`` (default: every
``notebooks/NN_*.ipynb``).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jinja2 import pass_context
from latex2mathml.converter import convert as latex_to_mathml_string
from nbconvert import HTMLExporter
from slides import cell_source  # tools/ is on sys.path (script) or pythonpath (pytest)
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
TEMPLATE = "site_template"
COURSE = "Backprop, hands on"

# Anything that makes a browser fetch from the network as the page loads. (Plain links,
# <a href="https://…">, are fine: they load nothing until a reader follows them.)
EXTERNAL_LOAD = re.compile(
    r"""<script[^>]*\ssrc\s*=\s*["']?(?!data:)[^"'\s>]+"""
    r"""|<link[^>]*\shref\s*=\s*["']?(?:https?:)?//"""
    r"""|\s(?:src|srcset|poster|data)\s*=\s*["']?(?:https?:)?//"""
    r"""|@import"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)

CSS = """
:root { --site-accent: #c2410c; --site-ink: #1f2937; --site-muted: #6b7280; }
body { margin: 0; color: var(--site-ink); background: #fafaf9; }
body.site-page main, .site-index main { max-width: 960px; margin: 0 auto; padding: 0 24px 32px; }
body.site-page main { background: #fff; }
.site-nav { max-width: 960px; margin: 0 auto; padding: 12px 24px; display: flex; gap: 16px;
  align-items: baseline; font: 15px/1.4 system-ui, sans-serif; flex-wrap: wrap; }
.site-nav a { color: var(--site-accent); text-decoration: none; }
.site-nav a:hover { text-decoration: underline; }
.site-nav .site-home { font-weight: 600; margin-right: auto; }
.site-nav-full { padding: 20px 24px 40px; }
.site-nav-full .site-home { order: 1; flex-basis: 100%; }
.site-note { max-width: 912px; margin: 0 auto 12px; padding: 8px 12px;
  background: #fff7ed; border-left: 4px solid var(--site-accent);
  font: 14px/1.45 system-ui, sans-serif; }
.site-nowrap { white-space: nowrap; }
.site-static-caption { margin: 2px 0 14px 0; padding-left: 8px;
  font: italic 13px/1.4 system-ui, sans-serif; color: var(--site-muted); }
.jp-RenderedImage img { max-width: 100%; height: auto; }
math[display="block"] { margin: 0.6em 0; font-size: 1.1em; }
math { font-size: 1.05em; }
.site-math-error { color: #b91c1c; }
.site-index h1 { font: 600 32px/1.2 system-ui, sans-serif; margin: 32px 0 4px; }
.site-index .site-lede { font: 17px/1.5 system-ui, sans-serif; color: var(--site-muted);
  margin: 0 0 24px; }
.site-cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
.site-card a { display: grid; grid-template-columns: 56px 1fr; gap: 4px 16px;
  padding: 14px 18px; background: #fff; border: 1px solid #e7e5e4; border-radius: 10px;
  text-decoration: none; color: inherit; font: 16px/1.45 system-ui, sans-serif; }
.site-card a:hover { border-color: var(--site-accent); }
.site-card .site-number { grid-row: span 2; font: 600 28px/1 ui-monospace, monospace;
  color: var(--site-accent); align-self: center; }
.site-card .site-title { font-weight: 600; font-size: 18px; }
.site-card .site-summary { color: var(--site-muted); }
.site-index footer { margin-top: 28px; font: 14px/1.5 system-ui, sans-serif;
  color: var(--site-muted); }
"""

EXPLORER_CAPTION = (
    "Static picture of this explorer's first state. The live version, with sliders, runs in "
    "JupyterLab: open the notebook there (make lab) and run all cells."
)
PAGE_NOTE = (
    "A read-only copy of the notebook <code>{name}</code> with its stored outputs. "
    "Figures are pictures; to drag the sliders, open it in JupyterLab (<code>make lab</code>)."
)

# --- math -----------------------------------------------------------------------------------

# Scanned left to right; code is kept verbatim so a `$` in code is never math.
_MARKDOWN_PIECES = re.compile(
    r"(?P<fence>^[ \t]*(?P<ticks>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=ticks)[ \t]*$)"
    r"|(?P<code>(?P<bt>`+).+?(?P=bt))"
    r"|(?P<escaped>\\\$)"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\\\[(?P<bracket>.+?)\\\]"
    r"|\\\((?P<paren>.+?)\\\)"
    r"|(?P<env>\\begin\{(?P<envname>[A-Za-z]+\*?)\}.*?\\end\{(?P=envname)\})"
    r"|\$(?P<inline>(?:\\.|[^$\\\n]|\n(?![ \t]*\n))+?)\$",
    re.MULTILINE | re.DOTALL,
)
_TOKEN = "zqmath{}qz"
_TOKEN_RE = re.compile(r"zqmath(\d+)qz([.,;:!?)]*)")


def latex_to_mathml(latex: str, display: bool = False) -> str:
    """MathML for one LaTeX formula; on a formula latex2mathml cannot read, the source in red."""
    latex = latex.strip()
    if latex.startswith("$$") and latex.endswith("$$"):  # text/latex outputs carry delimiters
        latex, display = latex[2:-2].strip(), True
    elif latex.startswith("$") and latex.endswith("$") and len(latex) > 1:
        latex = latex[1:-1].strip()
    latex = latex.replace(r"\begin{aligned}", r"\begin{align*}")
    latex = latex.replace(r"\end{aligned}", r"\end{align*}")
    try:
        mathml = latex_to_mathml_string(latex, display="block" if display else "inline")
    except Exception as error:  # noqa: BLE001 - any parse failure: show the source, say so
        print(f"warning: could not convert math {latex!r}: {error}", file=sys.stderr)
        return f'<code class="site-math-error">{html.escape(latex)}</code>'
    # latex2mathml leaves alignment ampersands raw; escape them so the page stays valid HTML.
    return re.sub(r"&(?!#?\w+;)", "&amp;", mathml)


def protect_math(source: str) -> tuple[str, list[str]]:
    """Replace every formula in a markdown source by a plain token; return source and MathML."""
    formulas: list[str] = []

    def swap(match: re.Match) -> str:
        groups = match.groupdict()
        if groups["fence"] or groups["code"] or groups["escaped"]:
            return match.group(0)
        if groups["env"]:
            mathml = latex_to_mathml(groups["env"], display=True)
        else:
            display = groups["display"] or groups["bracket"]
            latex = display if display is not None else (groups["paren"] or groups["inline"])
            mathml = latex_to_mathml(latex, display=display is not None)
        formulas.append(mathml)
        return _TOKEN.format(len(formulas) - 1)

    return _MARKDOWN_PIECES.sub(swap, source), formulas


def restore_math(rendered: str, formulas: list[str]) -> str:
    """Put the MathML back where the tokens are; inside a tag (an id, say) use plain text."""
    if not formulas:
        return rendered
    pieces = re.split(r"(<[^>]*>)", rendered)
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            pieces[index] = _TOKEN_RE.sub(r"math\2", piece)
        else:
            # A formula and the punctuation right after it never break across lines.
            pieces[index] = _TOKEN_RE.sub(
                lambda m: (f'<span class="site-nowrap">{formulas[int(m.group(1))]}'
                           f'{m.group(2)}</span>') if m.group(2)
                else formulas[int(m.group(1))], piece)
    return "".join(pieces)


class SiteExporter(HTMLExporter):
    """HTMLExporter with build-time MathML and the offline template in tools/site_template."""

    @pass_context
    def markdown2html(self, context, source):
        protected, formulas = protect_math(source)
        return restore_math(super().markdown2html(context, protected), formulas)

    def default_filters(self):
        yield from super().default_filters()
        yield ("latex_to_mathml", latex_to_mathml)


# The stored picture wins over a widget's or canvas's HTML; no JavaScript outputs at all.
DISPLAY_PRIORITY = ["image/svg+xml", "image/png", "text/html", "text/markdown", "image/jpeg",
                    "text/latex", "text/plain"]


def make_exporter() -> SiteExporter:
    # As config, so the per-page output filter that nbconvert creates sees it too.
    config = Config({"NbConvertBase": {"display_data_priority": DISPLAY_PRIORITY}})
    return SiteExporter(
        config=config,
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TOOLS)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,  # markdown images become data URIs too
        sanitize_html=False,  # keep the MathML
    )


# --- pages ----------------------------------------------------------------------------------


@dataclass
class Page:
    path: Path  # the notebook
    number: str
    title: str  # HTML
    plain_title: str
    summary: str  # HTML

    @property
    def href(self) -> str:
        return self.path.stem + ".html"



def _inline_html(exporter: SiteExporter, text: str) -> str:
    """Render one line of markdown (math included) as inline HTML."""
    rendered = exporter.markdown2html({}, text).strip()
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.DOTALL)
    return match.group(1) if match else rendered


def _plain(text: str) -> str:
    """Markdown heading text as plain text, for <title>."""
    text = re.sub(r"\$([^$]+)\$", r"\1", text)
    return re.sub(r"[*_`\\]", "", text).strip()


def describe(path: Path, nb, exporter: SiteExporter) -> Page:
    """Number, title (the first heading) and a one-line summary of one notebook."""
    markdown = [cell_source(c) for c in nb.cells if c.cell_type == "markdown"]
    title, summary = path.stem, ""
    for source in markdown:
        heading = re.search(r"^#{1,6}\s+(.+?)\s*#*\s*$", source, re.MULTILINE)
        if heading:
            title = heading.group(1)
            break
    description = nb.metadata.get("description")
    if isinstance(description, str) and description.strip():
        summary = description.strip()
    else:
        summary = _first_sentence(markdown)
    number = path.name[:2]
    # "03 · The forward pass" → "The forward pass": the number is shown on its own.
    title = re.sub(rf"^0*{int(number)}\s*[·.:—–-]?\s+", "", title) if number.isdigit() else title
    return Page(path=path, number=number, title=_inline_html(exporter, title),
                plain_title=_plain(title), summary=_inline_html(exporter, summary))


def _first_sentence(markdown_sources: list[str]) -> str:
    """The first sentence of prose (not a heading, list, quote, table or image)."""
    for source in markdown_sources:
        for paragraph in re.split(r"\n\s*\n", source):
            paragraph = paragraph.strip()
            if not paragraph or re.match(r"(#|[-*+] |\d+\. |>|\||!\[|<|```|\$\$)", paragraph):
                continue
            paragraph = " ".join(paragraph.split())
            # Hide code and math while splitting, so a '.' inside them ends nothing.
            hidden: list[str] = []

            def hide(match: re.Match, hidden=hidden) -> str:
                hidden.append(match.group(0))
                return _TOKEN.format(len(hidden) - 1)

            sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z(])",
                                _MARKDOWN_PIECES.sub(hide, paragraph), maxsplit=1)[0]
            return _TOKEN_RE.sub(lambda m, hidden=hidden: hidden[int(m.group(1))] + m.group(2),
                                 sentence)
    return ""


def _nav(pages: list[Page], index: int | None, full: bool = False) -> str:
    """Links home and to the neighbours: compact at the top of a page, with titles at the end."""
    parts = [f'<a class="site-home" href="index.html">{html.escape(COURSE)}</a>']
    if index is not None:
        neighbours = [(index - 1, "site-prev", "← {}"), (index + 1, "site-next", "{} →")]
        for other, css, arrow in neighbours:
            if not 0 <= other < len(pages):
                continue
            page = pages[other]
            label = f"{page.number} {page.title}" if full else page.number
            parts.append(f'<a class="{css}" href="{page.href}" title="{page.number} '
                         f'{html.escape(page.plain_title)}">{arrow.format(label)}</a>')
        if not full:
            parts.insert(2 if index > 0 else 1, '<a href="index.html">course map</a>')
    return f'<nav class="site-nav{" site-nav-full" if full else ""}">{"".join(parts)}</nav>'


def _prepare(nb, course: set[str]):
    """Mark explorer pictures for their caption; return the in-memory copy (never saved)."""
    for cell in nb.cells:
        if cell.cell_type != "code" or "_explorer(" not in cell_source(cell):
            continue
        if any("image/png" in output.get("data", {}) for output in cell.outputs):
            cell.metadata["site"] = {"explorer_picture": True}
    return nb


def _link_pages(page_html: str, course: set[str]) -> str:
    """Links between notebooks (NN_name.ipynb) point at their pages (NN_name.html)."""
    def swap(match: re.Match) -> str:
        stem = match.group(2)
        if stem not in course:
            return match.group(0)
        return f'{match.group(1)}{stem}.html{match.group(3) or ""}{match.group(4)}'

    return re.sub(r'(href=["\'](?:\./)?(?:notebooks/)?)([\w.-]+)\.ipynb(#[^"\']*)?(["\'])',
                  swap, page_html)


def check_offline(name: str, text: str) -> None:
    """Fail if a page would load anything from the network."""
    found = [m.group(0)[:80] for m in EXTERNAL_LOAD.finditer(text)]
    if found:
        raise SystemExit(f"{name} would load from the network: {found[:5]}")


def render_index(pages: list[Page]) -> str:
    cards = "\n".join(
        f'<li class="site-card"><a href="{p.href}"><span class="site-number">{p.number}</span>'
        f'<span class="site-title">{p.title}</span>'
        f'<span class="site-summary">{p.summary}</span></a></li>'
        for p in pages
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(COURSE)} — course map</title>
<style>{CSS}</style>
</head>
<body class="site-index">
{_nav(pages, None)}
<main>
<h1>{html.escape(COURSE)}</h1>
<p class="site-lede">Backpropagation, one notebook at a time. Read each page here; to drag the
sliders, run the notebooks in JupyterLab (<code>make lab</code>).</p>
<ol class="site-cards">
{cards}
</ol>
<footer>Built from the committed notebooks with <code>make site</code>. Every page works
offline: math is MathML, figures are embedded pictures, nothing loads from the network.</footer>
</main>
</body>
</html>
"""


def build(notebooks: list[Path], out: Path) -> list[Path]:
    """Write index.html and one page per notebook into ``out``; return the files written."""
    exporter = make_exporter()
    out.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(notebooks, key=lambda p: p.name)
    course = {p.stem for p in notebooks}
    read = [nbformat.read(p, as_version=4) for p in notebooks]
    pages = [describe(p, nb, exporter) for p, nb in zip(notebooks, read, strict=True)]
    written = []
    for index, (page, nb) in enumerate(zip(pages, read, strict=True)):
        nb = _prepare(nb, course)
        nb.metadata["title"] = f"{page.number} · {page.plain_title} — {COURSE}"
        resources = {
            "metadata": {"name": page.path.stem, "path": str(page.path.parent)},
            "site": {
                "css": CSS,
                "nav": _nav(pages, index),
                "nav_end": _nav(pages, index, full=True),
                "note": PAGE_NOTE.format(name=html.escape(page.path.name)),
                "explorer_caption": EXPLORER_CAPTION,
            },
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        body = _link_pages(body, course)
        check_offline(page.href, body)
        target = out / page.href
        target.write_text(body, encoding="utf-8")
        written.append(target)
    index_html = render_index(pages)
    check_offline("index.html", index_html)
    (out / "index.html").write_text(index_html, encoding="utf-8")
    return [out / "index.html", *written]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit("no notebooks to build")
    written = build(notebooks, args.out)
    print(f"wrote {len(written)} pages to {args.out}/ (open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
