"""Autograding for real: nbgrader (from .venv-grading) generates every assignment, then
autogrades three students with a real SQLite gradebook:

- ``solved`` hands in every notebook with the reference answers (the instructor's cells);
- ``untouched`` hands in every release as it came;
- ``mistake`` hands in 04_backward_pass solved except a classic slip in update_step
  (stepping uphill).

Expected scores are counted from the course notebooks' check cells (one point each), not
from what nbgrader reports; the expected feedback is what the same check prints in
self-study mode.
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.checks import check_update_step

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_assignments as assignments  # noqa: E402
import grading  # noqa: E402

pytestmark = pytest.mark.grading

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MISTAKE_IN = "04_backward_pass"
UPHILL = "return w + lr * dL_dw, b + lr * dL_db"
STUB = 'raise NotImplementedError("replace this line with your code")'

READ_GRADEBOOK = """
import json, sys
from nbgrader.api import Gradebook, MissingEntry
scores = {}
with Gradebook(sys.argv[1]) as gb:
    for student in gb.students:
        for assignment in gb.assignments:
            for notebook in assignment.notebooks:
                try:
                    sub = gb.find_submission_notebook(notebook.name, assignment.name, student.id)
                except MissingEntry:
                    continue
                scores.setdefault(student.id, {})[notebook.name] = {
                    grade.name: [grade.score, grade.max_score] for grade in sub.grades}
print(json.dumps(scores))
"""


def _source(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _uphill_step(w, b, dL_dw, dL_db, lr):
    return w + lr * dL_dw, b + lr * dL_db


def _solved(release, source):
    """The release with every exercise answered: stubs from the instructor's cells, the
    find-the-bug function replaced by its fixed reference."""
    import inspect

    import helpers.solutions

    answers = {c.metadata["nbgrader"]["grade_id"]: _source(c) for c in source.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        exercise = grading.exercise_in(cell)
        if meta.get("solution"):
            cell.source = answers[meta["grade_id"]]
        elif exercise is not None and exercise.function is None:  # a value to fill in
            answer = getattr(helpers.solutions, exercise.name)()
            cell.source = f"{exercise.name} = {answer!r}"
        elif exercise is not None:
            cell.source = inspect.getsource(getattr(helpers.solutions, exercise.name))
    return nb


def _submit(course, student, name, nb):
    folder = course / "submitted" / student / name
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    names = assignments.build_course(NOTEBOOKS, root)
    for name in names:
        release = nbformat.read(root / "release" / name / f"{name}.ipynb", 4)
        source = nbformat.read(root / "source" / name / f"{name}.ipynb", 4)
        solved = _solved(release, source)
        _submit(root, "solved", name, solved)
        _submit(root, "untouched", name, release)
        if name == MISTAKE_IN:
            for cell in solved.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "update_step":
                    cell.source = _source(
                        next(c for c in release.cells if c.metadata.get("nbgrader", {})
                             .get("grade_id") == "update_step")).replace(STUB, UPHILL)
            _submit(root, "mistake", name, solved)
    for name in names:
        assignments.run_nbgrader("autograde", name, "--force", cwd=root)
    assignments.run_nbgrader("generate_feedback", MISTAKE_IN, "--force", cwd=root)
    python = assignments.nbgrader_command().parent / "python"
    scores = json.loads(subprocess.run(
        [str(python), "-c", READ_GRADEBOOK, f"sqlite:///{root / 'gradebook.db'}"],
        check=True, capture_output=True, text=True).stdout)
    print(_points_table(scores))  # the closing note's table; shown with pytest -s
    return root, names, scores


def _checks_in(name):
    """The check cells of a course notebook: the graded cells, one point each."""
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", 4)
    return [call[0] for call in map(grading.check_call_in, nb.cells) if call]


def _points_table(scores):
    students = sorted(scores)
    lines = ["| notebook | " + " | ".join(students) + " |",
             "|---|" + "---|" * len(students)]
    notebooks = sorted({nb for per in scores.values() for nb in per})
    totals = dict.fromkeys(students, 0.0)
    maxima = dict.fromkeys(students, 0.0)
    for nb in notebooks:
        row = []
        for student in students:
            grades = scores[student].get(nb)
            if grades is None:
                row.append("—")
                continue
            got = sum(g[0] for g in grades.values())
            most = sum(g[1] for g in grades.values())
            totals[student] += got
            maxima[student] += most
            row.append(f"{got:g} / {most:g}")
        lines.append(f"| {nb} | " + " | ".join(row) + " |")
    lines.append("| **total** | " + " | ".join(
        f"**{totals[s]:g} / {maxima[s]:g}**" for s in students) + " |")
    return "\n".join(lines)


def test_every_course_notebook_with_checks_is_an_assignment(course):
    _, names, _ = course
    assert names == [p.stem for p in NOTEBOOKS if _checks_in(p.stem)]


def test_solved_submission_gets_full_points(course):
    _, names, scores = course
    for name in names:
        grades = scores["solved"][name]
        assert sorted(grades) == sorted(_checks_in(name)), name
        assert all(score == most == 1 for score, most in grades.values()), (name, grades)


def test_untouched_submission_gets_zero(course):
    _, names, scores = course
    for name in names:
        grades = scores["untouched"][name]
        assert sorted(grades) == sorted(_checks_in(name)), name
        assert all(score == 0 for score, _ in grades.values()), (name, grades)


def test_typical_mistake_loses_exactly_that_exercise_with_the_checks_message(course):
    root, _, scores = course
    # Every other check of that notebook keeps its full point.
    full = {check: [1.0, 1.0] for check in _checks_in(MISTAKE_IN)}
    assert "check_update_step" in full and len(full) >= 2
    assert scores["mistake"] == {MISTAKE_IN: {**full, "check_update_step": [0.0, 1.0]}}
    expected = repr(check_update_step(_uphill_step))  # what self-study shows
    assert "you stepped uphill" in expected
    graded = nbformat.read(root / "autograded" / "mistake" / MISTAKE_IN / f"{MISTAKE_IN}.ipynb",
                           4)
    cell = next(c for c in graded.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "check_update_step")
    (error,) = [o for o in cell.outputs if o.output_type == "error"]
    assert (error.ename, error.evalue) == ("AssertionError", expected)
    feedback = root / "feedback" / "mistake" / MISTAKE_IN / f"{MISTAKE_IN}.html"
    text = html.unescape(re.sub(r"<[^>]+>", "", feedback.read_text()))
    for line in expected.splitlines():
        assert line in text


def test_grade_cells_never_write_to_stderr_and_pass_silently(course):
    root, names, _ = course
    for student in ("solved", "untouched", "mistake"):
        for name in names:
            path = root / "autograded" / student / name / f"{name}.ipynb"
            if not path.exists():
                continue
            for cell in nbformat.read(path, 4).cells:
                if not cell.metadata.get("nbgrader", {}).get("grade"):
                    continue
                assert not any(o.output_type == "stream" and o.name == "stderr"
                               for o in cell.outputs), (student, name, cell.source)
                if student == "solved":
                    assert cell.outputs == [], (name, cell.source)
