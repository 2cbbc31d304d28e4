"""axe-core (the copy bundled by PyPI's ``axe-playwright-python``) in the browser test's pages.

``scan_notebook`` runs axe on the open notebook in JupyterLab and sorts every violating node
into *course* (inside a cell's output area: what the course's code puts on screen) or
*jupyterlab* (editors, prompts, the cell list: JupyterLab's own chrome, listed, never failed).
``scan_page`` runs axe on a whole static-site page (every node is the course's).
``table`` prints the findings by rule and notebook.
"""

from __future__ import annotations

import importlib.resources
from collections import Counter
from dataclasses import dataclass, field

# WCAG 2.0–2.2 A and AA. In JupyterLab the page's structure (landmarks, headings) is
# JupyterLab's, so best-practice rules are added only where the whole page is ours (the site).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SITE_TAGS = [*WCAG_TAGS, "best-practice"]
FAILING_IMPACTS = ("critical", "serious", "moderate")


def axe_source() -> str:
    """axe.min.js from the axe-playwright-python package (no download at test time)."""
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(
        encoding="utf-8")


@dataclass
class Finding:
    where: str  # notebook or page name
    state: str  # "after Run All", "after controls moved", "static site"
    owner: str  # "course" or "jupyterlab"
    rule: str
    impact: str
    nodes: int
    help: str
    examples: list[str] = field(default_factory=list)

    @property
    def fails(self) -> bool:
        return self.owner == "course" and self.impact in FAILING_IMPACTS


_RUN_JS = r"""
async ([context, tags, scope]) => {
  const result = await axe.run(context, {runOnly: {type: "tag", values: tags},
                                         resultTypes: ["violations"]});
  const out = [];
  for (const v of result.violations) {
    const groups = {course: [], jupyterlab: []};
    for (const node of v.nodes) {
      let element = null;
      try { element = document.querySelector(node.target[0]); } catch (e) {}
      const owner = (scope === null || (element && element.closest(scope)))
        ? "course" : "jupyterlab";
      groups[owner].push(node.html.slice(0, 160) + " — " + (node.failureSummary || "")
                         .replace(/\s+/g, " ").slice(0, 200));
    }
    for (const owner of ["course", "jupyterlab"]) {
      if (groups[owner].length) out.push({rule: v.id, impact: v.impact || "minor",
        help: v.help, owner, nodes: groups[owner].length, examples: groups[owner].slice(0, 3)});
    }
  }
  return out;
}
"""


def _inject(page) -> None:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())


def _run(page, where, state, context, tags, scope) -> list[Finding]:
    _inject(page)
    return [Finding(where=where, state=state, **row)
            for row in page.evaluate(_RUN_JS, [context, tags, scope])]


# A cell's output area: everything the course's code displays (explorers, figures, text).
COURSE_SCOPE = ".jp-Cell-outputArea"


def scan_notebook(page, name: str, state: str) -> list[Finding]:
    """axe on the open notebook (its panel only: menus and side bars are not the course's)."""
    return _run(page, name, state, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook",
                WCAG_TAGS, COURSE_SCOPE)


def scan_page(page, name: str) -> list[Finding]:
    """axe on a whole static-site page."""
    return _run(page, name, "static site", "html", SITE_TAGS, None)


def table(findings: list[Finding], title: str) -> list[str]:
    """Markdown table: one row per (owner, rule, impact), one column per notebook/page."""
    places = sorted({f.where.rsplit("/", 1)[-1].split(".")[0][:16] for f in findings})
    counts: Counter = Counter()
    for f in findings:
        counts[(f.owner, f.rule, f.impact, f.where.rsplit("/", 1)[-1].split(".")[0][:16])] += (
            f.nodes)
    rows = sorted({k[:3] for k in counts}, key=lambda k: (k[0] != "course", k[1]))
    lines = [f"{title}: violating nodes by rule (course = fails; jupyterlab = listed only)"]
    if not rows:
        return [*lines, "(no violations)"]
    lines.append("| owner | rule | impact | " + " | ".join(places) + " | total |")
    lines.append("|---|---|---|" + "---:|" * (len(places) + 1))
    for owner, rule, impact in rows:
        cells = [counts.get((owner, rule, impact, p), 0) for p in places]
        lines.append(f"| {owner} | {rule} | {impact} | "
                     + " | ".join(str(c) if c else "·" for c in cells) + f" | {sum(cells)} |")
    return lines
