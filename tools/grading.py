"""Give exercise and check cells nbgrader metadata, derived from the notebook's structure.

A teacher grades the course with nbgrader (``make assignments``, README "Teaching with the
course"). nbgrader reads ``cell.metadata.nbgrader`` (schema version 3); this module sets it
from what each cell *is*, the way ``tools/slides.py`` sets slide types, so no one hand-edits
grading metadata and a rewritten exercise only needs this run again:

- **exercise** — a code cell that opens with a ``# Exercise`` comment and defines a function
  whose body is the stub ``raise NotImplementedError(...)``: a *solution* cell
  (``solution: true``), ``grade_id`` = the function's name (``predict``);
- **check** — a code cell that is one call ``check_<something>(<function>)`` of
  ``helpers.checks`` (or ``module.check_…(…)``): an autograded *test* cell
  (``grade: true``, ``locked: true``), ``grade_id`` = the check's name
  (``check_predict``), worth 1 point unless an author set other ``points`` by hand (that
  choice is kept);
- **setup** — the first code cell that imports from ``helpers``: ``locked``,
  ``grade_id`` = ``setup`` (the graded copies switch on grading mode there);
- every other cell carries no nbgrader metadata (stale entries are removed).

Ids come from names, not positions, so they stay the same when cells are added or moved and
a gradebook survives a new version of the course. An exercise that hands the learner code to
fix instead of a stub (07's "find the bug") stays an ordinary editable cell: nbgrader would
replace a solution cell without solution markers by the stub, and the buggy code *is* the
exercise; its check cell is graded all the same.

Only metadata changes: sources and outputs are never touched, and running it twice gives
the same notebook. ``tools/execute_notebooks.py`` calls :func:`add_grading_metadata` while
it normalises; on its own::

    python tools/grading.py notebooks/*.ipynb            # rewrite in place
    python tools/grading.py --check notebooks/*.ipynb    # exit 1 if any notebook would change
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass

import nbformat
from slides import (  # tools/ is on sys.path (script) or pythonpath (pytest)
    cell_source,
    rewrite_notebooks,
)

SCHEMA_VERSION = 3
DEFAULT_POINTS = 1
SETUP_ID = "setup"


def _parse(cell) -> ast.Module | None:
    """The cell's code as a syntax tree, or None for markdown, magics or broken code."""
    if cell.cell_type != "code":
        return None
    try:
        return ast.parse(cell_source(cell))
    except SyntaxError:
        return None


def stub_lines(function: ast.FunctionDef) -> list[int]:
    """Line numbers (1-based, in the cell) of ``raise NotImplementedError`` in ``function``."""
    lines = []
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name) and target.id == "NotImplementedError":
                lines.append(node.lineno)
    return lines


@dataclass(frozen=True)
class Exercise:
    """An exercise cell: the function (or value) the learner writes, and whether it is a stub
    to fill. A value exercise (``diagnosis = {...}`` to edit) has no function and no stub."""

    name: str
    function: ast.FunctionDef | None
    has_stub: bool


def exercise_in(cell) -> Exercise | None:
    """The exercise a cell poses, or None: ``# Exercise`` first, then one function."""
    tree = _parse(cell)
    if tree is None:
        return None
    first = next((line.strip() for line in cell_source(cell).splitlines() if line.strip()), "")
    if not first.lower().startswith("# exercise"):
        return None
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if len(functions) == 1:
        return Exercise(functions[0].name, functions[0], bool(stub_lines(functions[0])))
    if (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)
            and len(tree.body[0].targets) == 1 and isinstance(tree.body[0].targets[0], ast.Name)):
        return Exercise(tree.body[0].targets[0].id, None, False)  # a value to edit in place
    return None


def check_call_in(cell) -> tuple[str, str] | None:
    """``(check name, argument name)`` if the cell is exactly ``check_x(name)`` (or
    ``module.check_x(name)``), else None."""
    tree = _parse(cell)
    if tree is None or len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not isinstance(call, ast.Call):
        return None
    function = call.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    if not (name.startswith("check_") and len(call.args) == 1 and not call.keywords
            and isinstance(call.args[0], ast.Name)):
        return None
    return name, call.args[0].id


def _imports_helpers(cell) -> bool:
    """True for a cell that imports from the course's ``helpers`` package."""
    tree = _parse(cell)
    if tree is None:
        return False
    for node in tree.body:
        modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                   else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                   else [])
        if any(module == "helpers" or module.startswith("helpers.") for module in modules):
            return True
    return False


def _nbgrader(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def grading_metadata_for(nb: nbformat.NotebookNode) -> list[dict | None]:
    """The nbgrader metadata the structure gives each cell (None: no metadata).

    Raises ValueError naming the cell when an exercise and its check do not pair up, so a
    rewritten exercise cannot silently drop out of grading.
    """
    result: list[dict | None] = [None] * len(nb.cells)
    exercises: dict[str, int] = {}
    checked: dict[str, int] = {}
    setup_seen = False
    for index, cell in enumerate(nb.cells):
        exercise = exercise_in(cell)
        call = check_call_in(cell)
        if exercise is not None:
            if exercise.name in exercises:
                raise ValueError(f"cell {index}: a second exercise defines {exercise.name}(); "
                                 "give each exercise its own function name")
            exercises[exercise.name] = index
            if exercise.has_stub:
                result[index] = _nbgrader(exercise.name, solution=True)
        elif call is not None:
            check_name, argument = call
            if check_name in checked:
                raise ValueError(f"cell {index}: {check_name} is called a second time; "
                                 "each check cell needs its own check (ids must be unique)")
            checked[check_name] = index
            old = cell.metadata.get("nbgrader", {})
            points = old.get("points", DEFAULT_POINTS) if old.get("grade") else DEFAULT_POINTS
            result[index] = _nbgrader(check_name, grade=True, locked=True, points=points)
            if argument not in exercises:
                raise ValueError(f"cell {index}: {check_name}({argument}) checks no exercise "
                                 f"above it; expected a '# Exercise' cell defining {argument}()")
        elif not setup_seen and _imports_helpers(cell):
            setup_seen = True
            result[index] = _nbgrader(SETUP_ID, locked=True)
    checked_arguments = {check_call_in(nb.cells[i])[1] for i in checked.values()}
    for name, index in exercises.items():
        if name not in checked_arguments:
            raise ValueError(f"cell {index}: exercise {name}() has no check cell; add a cell "
                             f"that is just `check_…({name})` after it")
    if exercises and not setup_seen:
        raise ValueError("no setup cell imports from helpers; the check cells need it")
    return result


def add_grading_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Set (or remove) ``metadata.nbgrader`` on every cell (in place) and return the notebook."""
    for cell, meta in zip(nb.cells, grading_metadata_for(nb), strict=True):
        if meta is None:
            cell.metadata.pop("nbgrader", None)
        else:
            cell.metadata["nbgrader"] = meta
    return nb


def main(argv: list[str] | None = None) -> int:
    return rewrite_notebooks(add_grading_metadata, "grading metadata", argv)


if __name__ == "__main__":
    sys.exit(main())
