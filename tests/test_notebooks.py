"""The committed notebooks: executed, clean, in the house rhythm, and robust to re-running.

Strict ``pytest --nbval`` (in ``make test``) re-runs every notebook and compares it with the
stored outputs, so a stale notebook fails there; these tests catch what nbval cannot see.
"""

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from slides import cell_source

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _read(path):
    return nbformat.read(path, as_version=4)



def test_course_notebooks_exist_in_order():
    names = [p.name for p in NOTEBOOKS]
    assert names and names[0] == "00_start_here.ipynb"
    numbers = [int(name[:2]) for name in names]
    assert numbers == list(range(len(numbers))), f"gaps in the course numbering: {names}"
    for name in names:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_top_to_bottom_and_clean(path):
    nb = _read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} is not freshly executed top to bottom (counts {counts}); run make execute")
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "saved widget state: run make execute"
    for index, cell in enumerate(code):
        for output in cell.outputs:
            assert output.output_type != "error", f"{path.name} cell {index} stores a traceback"
            assert "Traceback" not in output.get("text", ""), f"{path.name} cell {index}"
            assert WIDGET_VIEW not in output.get("data", {}), "widget ids stored: make execute"
        assert "execution" not in cell.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_course_rhythm(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and cell_source(first).startswith("# "), "title first"
    text = "\n".join(cell_source(c) for c in nb.cells if c.cell_type == "markdown").lower()
    assert "goals" in text or "you will" in text, "learning goals near the top"
    assert "summary" in text, "a summary section"
    code = "\n".join(cell_source(c) for c in nb.cells if c.cell_type == "code")
    assert "sys.path" not in code
    assert re.search(r"make_\w+_explorer\(", code), "a live explorer to try"
    if path.name != "00_start_here.ipynb":
        assert re.search(r"\bcheck_\w+\(", code), "an exercise with an automatic check"
    index = NOTEBOOKS.index(path)
    if index + 1 < len(NOTEBOOKS):
        assert NOTEBOOKS[index + 1].name in text, "a link to the next notebook"
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(r"^def \w+\(", cell_source(cell), re.M):
            assert "exercise" in cell_source(cell).lower(), (
                f"{path.name}: functions belong in helpers, except exercise cells")


def test_course_map_in_start_here_lists_every_notebook():
    text = json.dumps(_read(ROOT / "notebooks" / "00_start_here.ipynb").cells)
    for path in NOTEBOOKS[1:]:
        assert path.stem in text, f"00_start_here's course map misses {path.name}"


def _text_outputs(nb):
    """Per code cell: its stdout/stderr (joined: a print may arrive in several chunks) and
    the text forms of its displayed results."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        streams = {"stdout": "", "stderr": ""}
        shown = []
        for output in cell.outputs:
            if output.output_type == "stream":
                streams[output.name] += output.text
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    shown.append(value)
        texts.append((streams["stdout"], streams["stderr"], shown))
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_rerunning_every_cell_in_the_same_kernel_works_and_gives_the_same_text(path):
    """A learner re-runs setup, widget cells, everything; nothing breaks or drifts."""
    nb = _read(path)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    passes = []
    with client.setup_kernel():
        for _ in range(2):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)  # raises CellExecutionError on an error
            passes.append(_text_outputs(nb))
    assert passes[0] == passes[1]
