"""Re-execute notebooks in place from a fresh kernel and normalise what varies between runs.

Run by ``make execute`` before committing a notebook, so the stored outputs (what GitHub,
nbviewer and strict nbval see) are exactly what the current code produces.

Normalising keeps diffs honest: no execution timestamps, no widget model ids (the live
widgets are rebuilt by running the notebook; the stored picture next to each one is what a
reader without a kernel sees), one kernelspec for everyone. Slide types (tools/slides.py) and
nbgrader metadata (tools/grading.py) are re-derived from the notebook's structure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from grading import add_grading_metadata  # tools/ is on sys.path when run as a script
from nbclient import NotebookClient
from slides import add_slide_metadata

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip run-to-run noise from an executed notebook (in place) and return it."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            data = output.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
            output.get("metadata", {}).pop(WIDGET_VIEW, None)
    return add_grading_metadata(add_slide_metadata(nb))


def execute(path: Path, timeout: int = 300) -> float:
    """Execute one notebook in its own folder with a fresh kernel; return the seconds taken."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - start
    nbformat.write(normalise(nb), path)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        seconds = execute(path)
        print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
