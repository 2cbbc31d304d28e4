"""Give every notebook cell a slide type, derived from the notebook's structure.

A teacher presents a notebook live in JupyterLab with RISE (``jupyterlab-rise``: View →
Render as Reveal Slideshow, or Alt+R) or as static reveal.js slides (``make slides``). Both
read ``cell.metadata.slideshow.slide_type``; this module sets it from what the cell *is*, so
no one hand-edits slide metadata and every notebook is cut the same way:

- the first cell (the title and learning goals) and every markdown cell that opens with a
  ``#`` or ``##`` heading start a new slide;
- a ``###`` heading starts a sub-slide (reveal.js puts it below its section: press ↓);
- a code cell that shows an explorer (its source calls ``make_…_explorer(``) starts a
  sub-slide, so the live widget gets a screen of its own;
- the markdown cell right after an explorer (the one sentence saying what to try) appears
  as a fragment, on the next key press, once the class has seen the widget;
- everything else, setup imports included, continues the current slide (``-``), so RISE
  shows and runs it in place.

An author may still mark a plain cell ``notes`` (speaker notes) or ``skip`` by hand; that
choice is kept. Headings, explorers and the first cell always get their structural type.

Only metadata changes: sources and outputs are never touched, and running it twice gives the
same notebook. ``tools/execute_notebooks.py`` can call :func:`add_slide_metadata` while it
normalises; on its own::

    python tools/slides.py notebooks/*.ipynb            # rewrite in place
    python tools/slides.py --check notebooks/*.ipynb    # exit 1 if any notebook would change

:class:`SlideMetadataPreprocessor` does the same inside nbconvert, so ``make slides`` cuts
the slides right even from a notebook that does not carry the metadata yet.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

EXPLORER_CALL = re.compile(r"\b\w*_explorer\(")
# Slide types an author may choose by hand for a plain cell; structure never produces them.
AUTHOR_TYPES = {"notes", "skip"}


def cell_source(cell) -> str:
    """A cell's source as one string (nbformat allows a list of lines too)."""
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _heading_level(cell) -> int:
    """1–6 for a markdown cell whose first non-blank line is an ATX heading, else 0."""
    if cell.cell_type != "markdown":
        return 0
    for line in cell_source(cell).splitlines():
        if line.strip():
            match = re.match(r"(#{1,6})\s", line.lstrip())
            return len(match.group(1)) if match else 0
    return 0


def _shows_explorer(cell) -> bool:
    return cell.cell_type == "code" and bool(EXPLORER_CALL.search(cell_source(cell)))


def slide_type_for(cell, index: int, previous=None) -> str:
    """The slide type that the structure gives the cell at ``index`` (``previous`` before it)."""
    level = _heading_level(cell)
    if index == 0 or level in (1, 2):
        return "slide"
    if level == 3 or _shows_explorer(cell):
        return "subslide"
    current = cell.metadata.get("slideshow", {}).get("slide_type")
    if current in AUTHOR_TYPES:
        return current
    if cell.cell_type == "markdown" and previous is not None and _shows_explorer(previous):
        return "fragment"
    return "-"


def add_slide_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Set ``metadata.slideshow.slide_type`` on every cell (in place) and return the notebook."""
    previous = None
    for index, cell in enumerate(nb.cells):
        slide_type = slide_type_for(cell, index, previous)
        slideshow = cell.metadata.get("slideshow")
        if not isinstance(slideshow, dict):
            slideshow = {}
        slideshow["slide_type"] = slide_type
        cell.metadata["slideshow"] = slideshow
        previous = cell
    return nb


class SlideMetadataPreprocessor(Preprocessor):
    """nbconvert preprocessor: :func:`add_slide_metadata` on the in-memory copy."""

    def preprocess(self, nb, resources):
        return add_slide_metadata(nb), resources


def rewrite_notebooks(apply, what: str, argv: list[str] | None = None) -> int:
    """Command line of a metadata tool: ``apply(nb)`` to each notebook named in ``argv``.

    Writes only notebooks that change (``--check``: changes nothing, exit 1 if any would),
    so an up-to-date file stays byte for byte as it is. ``apply`` may raise ValueError,
    which ends the run naming the file. Shared by this tool and tools/grading.py.
    """
    parser = argparse.ArgumentParser(description=f"Set the {what} of course notebooks.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true",
                        help=f"change nothing; exit 1 if a notebook lacks its {what}")
    args = parser.parse_args(argv)
    changed = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        original = copy.deepcopy(nb)
        try:
            apply(nb)
        except ValueError as error:
            raise SystemExit(f"{path}: {error}") from None
        if nb != original:
            changed.append(path)
            if not args.check:
                nbformat.write(nb, path)
    for path in changed:
        print(f"{'needs ' + what if args.check else what + ' set'}: {path}")
    return 1 if args.check and changed else 0


def main(argv: list[str] | None = None) -> int:
    return rewrite_notebooks(add_slide_metadata, "slide metadata", argv)


if __name__ == "__main__":
    sys.exit(main())
