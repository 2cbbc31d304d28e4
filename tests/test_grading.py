"""Graded use of the course, without nbgrader: grading mode of the checks, the nbgrader
metadata that tools/grading.py derives, and the instructor sources that
tools/build_assignments.py writes. (tests/test_autograde.py runs the real nbgrader on them.)"""

import ast
import copy
import inspect
import sys
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import helpers.checks as checks
import helpers.solutions as solutions
from helpers.checks import CheckResult, check_predict, check_update_step, grading_mode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_assignments as assignments  # noqa: E402
import grading  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECKS = sorted(name for name in checks.__all__ if name.startswith("check_"))


@pytest.fixture
def graded():
    """Grading mode for one test, switched back off whatever happens."""
    grading_mode()
    yield
    grading_mode(False)


def _source(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def uphill_step(w, b, dL_dw, dL_db, lr):
    return w + lr * dL_dw, b + lr * dL_db  # the classic slip: the wrong sign


# --- grading mode ----------------------------------------------------------------------------

def test_self_study_mode_returns_the_verdict_as_before():
    assert not checks.in_grading_mode()
    result = check_update_step(uphill_step)
    assert isinstance(result, CheckResult) and not result.passed
    assert isinstance(check_update_step(solutions.update_step), CheckResult)


def test_grading_mode_miss_raises_assertion_error_with_the_same_message(graded):
    grading_mode(False)
    self_study = repr(check_update_step(uphill_step))
    grading_mode()
    with pytest.raises(AssertionError) as raised:
        check_update_step(uphill_step)
    assert str(raised.value) == self_study
    assert "you stepped uphill" in str(raised.value)


def test_grading_mode_untouched_stub_raises(graded):
    def predict(x, w, b):
        raise NotImplementedError("replace this line with your code")

    with pytest.raises(AssertionError, match="untouched stub"):
        check_predict(predict)


@pytest.mark.parametrize("check_name", CHECKS)
def test_grading_mode_every_check_is_silent_on_its_reference(graded, check_name, capfd):
    argument = _checked_argument(check_name)
    assert getattr(checks, check_name)(getattr(solutions, argument)) is None
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_grading_mode_keeps_stderr_and_warnings_of_learner_code_away(graded, capfd):
    def noisy_predict(x, w, b):
        print("debugging", file=sys.stderr)
        warnings.warn("a learner's warning", UserWarning, stacklevel=1)
        np.log(np.zeros(1))  # numpy's divide-by-zero warning
        return w * x + b

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert check_predict(noisy_predict) is None
    assert caught == []
    assert capfd.readouterr().err == ""


def test_grading_mode_rejects_a_non_bool():
    with pytest.raises(TypeError, match="on must be True or False"):
        grading_mode("yes")


def test_show_solution_is_off_in_grading_mode(graded, capsys):
    solutions.show_solution("predict")
    shown = capsys.readouterr().out
    assert "switched off" in shown and "w * x" not in shown
    grading_mode(False)
    solutions.show_solution("predict")
    assert "w * x + b" in capsys.readouterr().out


def _checked_argument(check_name):
    """The exercise function a check is called with in the course notebooks."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            call = grading.check_call_in(cell)
            if call and call[0] == check_name:
                return call[1]
    raise AssertionError(f"{check_name} is called in no notebook")


# --- metadata from structure -----------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_carry_their_grading_metadata(path):
    nb = nbformat.read(path, as_version=4)
    assert grading.add_grading_metadata(copy.deepcopy(nb)) == nb, (
        f"run `python tools/grading.py {path.relative_to(ROOT)}` (or make execute)")


def test_every_check_cell_is_a_graded_locked_test_named_after_its_check():
    graded_ids = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            call = grading.check_call_in(cell)
            meta = cell.metadata.get("nbgrader")
            if call is None:
                assert meta is None or not meta["grade"]
                continue
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            assert meta["grade_id"] == call[0] and meta["points"] == 1
            assert meta["schema_version"] == 3
            graded_ids.append(call[0])
    assert sorted(graded_ids) == CHECKS  # every check of helpers.checks is graded somewhere


def test_stub_exercises_are_solution_cells_and_find_the_bug_stays_plain():
    solution_ids = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                assert 'raise NotImplementedError("replace this line with your code")' in \
                    _source(cell)
                solution_ids.append(meta["grade_id"])
            elif "def gradients_2_2_1(" in _source(cell):
                assert meta == {}  # the buggy code is the exercise: nbgrader must not stub it
    names = sorted(n for n in solutions.__all__ if n != "show_solution")
    assert sorted(solution_ids) == sorted(set(names) - {"gradients_2_2_1"})


def _small_course_notebook():
    return new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("import numpy as np\n\nfrom helpers.checks import check_predict"),
        new_code_cell('# Exercise: the line\ndef predict(x, w, b):\n'
                      '    raise NotImplementedError("replace this line with your code")'),
        new_code_cell("check_predict(predict)"),
    ])


def test_ids_follow_names_not_positions():
    nb = grading.add_grading_metadata(_small_course_notebook())
    before = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert before == [None, "setup", "predict", "check_predict"]
    nb.cells.insert(1, new_markdown_cell("## A new section"))
    nb.cells.insert(3, new_code_cell("x = 1"))
    grading.add_grading_metadata(nb)
    after = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert after == [None, None, "setup", None, "predict", "check_predict"]


def test_hand_set_points_are_kept_and_stale_metadata_removed():
    nb = grading.add_grading_metadata(_small_course_notebook())
    nb.cells[3].metadata["nbgrader"]["points"] = 3
    nb.cells[0].metadata["nbgrader"] = {"grade": True, "grade_id": "old", "points": 1}
    grading.add_grading_metadata(nb)
    assert nb.cells[3].metadata["nbgrader"]["points"] == 3
    assert "nbgrader" not in nb.cells[0].metadata


@pytest.mark.parametrize("cells, message", [
    (["from helpers import checks", "checks.check_predict(predict)"],
     "checks no exercise above it"),
    (["from helpers.checks import check_predict",
      "# Exercise\ndef predict(x, w, b):\n    raise NotImplementedError()"],
     "has no check cell"),
    (["# Exercise\ndef predict(x, w, b):\n    raise NotImplementedError()",
      "check_predict(predict)"],
     "no setup cell"),
])
def test_exercise_and_check_must_pair_up(cells, message):
    with pytest.raises(ValueError, match=message):
        grading.add_grading_metadata(new_notebook(cells=[new_code_cell(s) for s in cells]))


# --- instructor sources ----------------------------------------------------------------------

def _strip_like_nbgrader(source, stub, region="SOLUTION"):
    """Replace each BEGIN…END region by the stub at the marker's indentation (hidden tests:
    by nothing), as nbgrader's generate_assignment does."""
    out, inside = [], False
    for line in source.split("\n"):
        if f"BEGIN {region}" in line:
            inside = True
            if stub is not None:
                out.append(line[:len(line) - len(line.lstrip())] + stub)
        elif f"END {region}" in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_instructor_source_has_the_reference_between_single_hash_markers(path):
    course = nbformat.read(path, as_version=4)
    source = assignments.instructor_notebook(course, path.name)
    stub = 'raise NotImplementedError("replace this line with your code")'
    for ours, theirs in zip(course.cells, source.cells, strict=True):
        meta = theirs.metadata.get("nbgrader", {})
        assert theirs.get("outputs", []) == []
        if meta.get("solution"):
            text = _source(theirs)
            assert "    # BEGIN SOLUTION\n" in text and "    # END SOLUTION" in text
            assert "NotImplementedError" not in text
            assert _strip_like_nbgrader(text, stub) == _source(ours)
            # The answer between the markers is the reference of helpers.solutions.
            function = ast.parse(text).body[0]
            reference = ast.parse(inspect.getsource(getattr(solutions, function.name))).body[0]
            assert ast.dump(function.body[-1]) == ast.dump(reference.body[-1])
        elif meta.get("grade_id") == "setup":
            assert _source(theirs).startswith(_source(ours))
            assert _source(theirs).rstrip().endswith("grading_mode()")
        elif meta.get("grade"):
            assert _strip_like_nbgrader(_source(theirs), None, "HIDDEN TESTS") == _source(ours)
        else:
            assert _source(theirs) == _source(ours)


def test_fix_the_code_exercise_gets_its_fix_as_hidden_comments_for_the_instructor():
    course = nbformat.read(ROOT / "notebooks" / "07_backprop_bugs.ipynb", as_version=4)
    source = assignments.instructor_notebook(course, "07_backprop_bugs.ipynb")
    (check,) = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    text = _source(check)
    assert text.startswith("check_find_the_bug(gradients_2_2_1)\n### BEGIN HIDDEN TESTS\n")
    assert text.endswith("### END HIDDEN TESTS")
    assert "#     dL_dW1 = delta1.T @ X" in text  # the fixed line, commented out
    assert len(ast.parse(text).body) == 1  # only comments were added: one statement still


def test_reference_with_other_parameters_is_refused():
    cell = new_code_cell('# Exercise\ndef predict(x, weight, b):\n'
                         '    raise NotImplementedError("replace this line with your code")')
    function = grading.exercise_in(cell).function
    with pytest.raises(ValueError, match=r"predict\(x, weight, b\).*predict\(x, w, b\)"):
        assignments.reference_body("predict", function, "test.ipynb")
    with pytest.raises(ValueError, match="add no_such_answer to helpers/solutions"):
        assignments.reference_body("no_such_answer", function, "test.ipynb")
