"""Build the graded versions of the course: instructor sources and student releases.

``make assignments`` runs this with nbgrader installed (``.venv-grading``). For every course
notebook that has exercises, one nbgrader assignment named after it (``04_backward_pass``):

1. **Instructor source** (``assignments/source/<name>/<name>.ipynb``) — made here from the
   committed course notebook: each exercise's stub line ``raise NotImplementedError(...)``
   is replaced by the reference answer from ``helpers.solutions`` between
   ``# BEGIN SOLUTION`` / ``# END SOLUTION`` (one ``#``: nbgrader and otter-grader both read
   it); the setup cell also switches on ``helpers.checks.grading_mode()``, so each check cell
   is an autograder test (a miss raises AssertionError with the check's message, nothing
   reaches stderr) and ``show_solution`` is off; outputs are cleared.
2. **Student release** (``assignments/release/<name>/<name>.ipynb``) — made by nbgrader's
   own ``nbgrader generate_assignment`` in a temporary course directory: solutions stripped
   back to the very stub the self-study notebook shows, check and setup cells locked,
   checksums for grading. This script then verifies that the release reads cell for cell
   as the course notebook (only the setup cell gains its grading lines).

An exercise that hands out code to fix (07's "find the bug") is no solution cell; its fixed
version goes into the instructor's check cell as comments between nbgrader's
``### BEGIN HIDDEN TESTS`` markers, which the student version leaves out.

Why build the sources instead of committing them: the self-study notebooks stay exactly as
learners know them (the stub, a check, ``show_solution("name")`` to peek), the reference
answers keep living in one place (``helpers.solutions``, which the tests run every check
against), and a rewritten exercise needs no second copy kept in step.

Why grading mode is switched on in the notebook itself, not by the grader's environment: a
check cell that only *shows* a failing verdict is full marks to nbgrader (an output it
cannot read as a number counts as full credit), so a graded copy must never depend on a
setting someone could forget.

``assignments/`` is then an nbgrader course directory (it gets an ``nbgrader_config.py``):
a teacher runs ``nbgrader generate_assignment``, ``autograde`` and ``generate_feedback`` in
it (README, "Teaching with this course").

    python tools/build_assignments.py               # every course notebook, into assignments/
    python tools/build_assignments.py --out DIR notebooks/04_backward_pass.ipynb
"""

from __future__ import annotations

import argparse
import ast
import copy
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
from grading import (  # tools/ is on sys.path
    add_grading_metadata,
    check_call_in,
    exercise_in,
    stub_lines,
)
from slides import cell_source

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
GRADING_SETUP = (
    "\n\n# Graded copy: a check that fails raises AssertionError (the autograder scores that\n"
    "# cell 0 and shows the message); a check that passes shows nothing.\n"
    "from helpers.checks import grading_mode\n\n"
    "grading_mode()"
)
CONFIG = '''\
# nbgrader settings for "Backprop, hands on" (written by tools/build_assignments.py).
c = get_config()  # noqa: F821 (nbgrader provides it)

# Students see exactly the stub of the self-study notebook where the solution was.
c.ClearSolutions.code_stub = {{"python": {stub!r}}}
# Notebooks that train a network take longer than nbgrader's default 30 s for a cell.
c.Execute.timeout = 300
# On a JupyterHub, set your course id (nbgrader's exchange needs it):
# c.CourseDirectory.course_id = "backprop-2026"
'''


def reference_body(name: str, exercise_function: ast.FunctionDef, where: str) -> str:
    """The body of ``helpers.solutions.<name>`` without its docstring, dedented.

    Raises ValueError when there is no such reference or its parameters differ from the
    exercise's, so an instructor source never pairs an exercise with the wrong answer.
    """
    import helpers.solutions

    reference = getattr(helpers.solutions, name, None)
    if reference is None or not callable(reference):
        raise ValueError(f"{where}: exercise {name}() has no reference answer; add "
                         f"{name} to helpers/solutions")
    source = textwrap.dedent(inspect.getsource(reference))
    function = ast.parse(source).body[0]
    wanted = [arg.arg for arg in exercise_function.args.args]
    found = [arg.arg for arg in function.args.args]
    if wanted != found:
        raise ValueError(f"{where}: exercise {name}({', '.join(wanted)}) and its reference "
                         f"answer {name}({', '.join(found)}) take different parameters")
    body = function.body
    if (isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)):
        body = body[1:]  # the exercise cell keeps its own docstring
    lines = source.splitlines()
    return textwrap.dedent("\n".join(lines[body[0].lineno - 1:body[-1].end_lineno]))


def with_solution(cell, where: str) -> str:
    """The exercise cell's source with its stub line replaced by the marked reference answer."""
    exercise = exercise_in(cell)
    (line_number,) = stub_lines(exercise.function)
    lines = cell_source(cell).split("\n")
    stub = lines[line_number - 1]
    indent = stub[:len(stub) - len(stub.lstrip())]
    body = reference_body(exercise.name, exercise.function, where)
    marked = [BEGIN, *body.split("\n"), END]
    lines[line_number - 1:line_number] = [indent + line if line else line for line in marked]
    return "\n".join(lines)


def course_stub(notebooks: list[nbformat.NotebookNode]) -> str:
    """The one stub line every exercise shows (nbgrader puts it back in the release)."""
    stubs = set()
    for nb in notebooks:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                (line_number,) = stub_lines(exercise_in(cell).function)
                stubs.add(cell_source(cell).split("\n")[line_number - 1].strip())
    if len(stubs) > 1:
        raise ValueError(f"exercises use different stub lines {sorted(stubs)}; nbgrader puts "
                         "one stub back in every release, so write them all the same")
    return stubs.pop() if stubs else 'raise NotImplementedError("replace this line with your code")'


def fixed_code_note(name: str) -> str:
    """The reference of a fix-the-code exercise as comments in a hidden-tests region.

    Such an exercise is no solution cell (its starting code is the exercise), so the fixed
    version goes into its check cell between nbgrader's hidden-test markers: the instructor
    sees it, ``generate_assignment`` removes it from the student version, and at grading it
    is only comments.
    """
    import helpers.solutions

    reference = inspect.getsource(getattr(helpers.solutions, name)).rstrip("\n")
    commented = "\n".join(f"# {line}" if line else "#" for line in reference.split("\n"))
    return (f"\n{HIDDEN_BEGIN}\n# Instructor copy only (not in the student version): the "
            f"fixed {name}.\n{commented}\n{HIDDEN_END}")


def instructor_notebook(nb: nbformat.NotebookNode, where: str) -> nbformat.NotebookNode:
    """The instructor source of a course notebook: answers marked, grading on, no outputs."""
    nb = add_grading_metadata(copy.deepcopy(nb))
    to_fix = {exercise.name for exercise in map(exercise_in, nb.cells)
              if exercise is not None and not exercise.has_stub}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        call = check_call_in(cell)
        if meta.get("solution"):
            cell.source = with_solution(cell, where)
        elif meta.get("grade_id") == "setup":
            cell.source = cell_source(cell).rstrip("\n") + GRADING_SETUP
        elif meta.get("grade") and call is not None and call[1] in to_fix:
            cell.source = cell_source(cell).rstrip("\n") + fixed_code_note(call[1])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def nbgrader_command() -> Path:
    """The ``nbgrader`` next to this Python, else the one in ``.venv-grading``."""
    for folder in (Path(sys.executable).parent, ROOT / ".venv-grading" / "bin"):
        if (folder / "nbgrader").exists():
            return folder / "nbgrader"
    raise SystemExit("nbgrader is not installed: run `make assignments` (it installs nbgrader "
                     "into .venv-grading, apart from the lean environment of `make lab`)")


def run_nbgrader(*args: str, cwd: Path) -> str:
    """Run an nbgrader command in a course directory; return its log, or stop with it."""
    command = nbgrader_command()
    # nbgrader runs `alembic` (a console script next to it) for its gradebook: keep it in reach.
    env = {**os.environ, "PATH": os.pathsep.join([str(command.parent),
                                                  os.environ.get("PATH", "")])}
    done = subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True,
                          env=env)
    if done.returncode != 0:
        raise SystemExit(f"`nbgrader {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def build_course(notebook_paths: list[Path], root: Path) -> list[str]:
    """Make ``root`` an nbgrader course directory with every assignment generated.

    It gets ``nbgrader_config.py``, ``source/`` (instructor), ``release/`` (students) and the
    gradebook ``gradebook.db``; returns the assignment names.
    """
    course = {path.stem: add_grading_metadata(nbformat.read(path, as_version=4))
              for path in notebook_paths}
    course = {name: nb for name, nb in course.items()
              if any(cell.metadata.get("nbgrader", {}).get("grade") for cell in nb.cells)}
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(CONFIG.format(stub=course_stub([*course.values()])))
    for name, nb in course.items():
        (root / "source" / name).mkdir(parents=True, exist_ok=True)
        nbformat.write(instructor_notebook(nb, f"{name}.ipynb"),
                       root / "source" / name / f"{name}.ipynb")
        run_nbgrader("generate_assignment", name, "--force", cwd=root)
        release = nbformat.read(root / "release" / name / f"{name}.ipynb", as_version=4)
        _release_matches_course(nb, release, name)
    return list(course)


def build(notebook_paths: list[Path], out: Path) -> list[str]:
    """Write ``out/source``, ``out/release`` and ``out/nbgrader_config.py``; return the names.

    nbgrader works in a temporary course directory, so no gradebook is left behind.
    """
    with tempfile.TemporaryDirectory(prefix="assignments-") as temp:
        names = build_course(notebook_paths, Path(temp))
        out.mkdir(parents=True, exist_ok=True)
        for part in ("source", "release"):
            shutil.rmtree(out / part, ignore_errors=True)
            shutil.copytree(Path(temp) / part, out / part)
        shutil.copy(Path(temp) / "nbgrader_config.py", out / "nbgrader_config.py")
    return names


def _release_matches_course(course_nb, release_nb, name: str) -> None:
    """The student version must read as the self-study notebook, cell for cell; only the
    setup cell gains its grading lines."""
    ours, theirs = course_nb.cells, release_nb.cells
    problems = [] if len(ours) == len(theirs) else [f"{len(theirs)} cells, not {len(ours)}"]
    for index, (our, their) in enumerate(zip(ours, theirs, strict=False)):
        same = (cell_source(their).startswith(cell_source(our))
                if our.metadata.get("nbgrader", {}).get("grade_id") == "setup"
                else cell_source(their) == cell_source(our))
        if not same:
            problems.append(f"cell {index} reads\n{cell_source(their)}\n"
                            f"instead of\n{cell_source(our)}")
    if problems:
        raise SystemExit(f"{name}: the student version differs from the course notebook: "
                         + "\n".join(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        default=sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    parser.add_argument("--out", type=Path, default=ROOT / "assignments")
    args = parser.parse_args(argv)
    try:
        names = build(args.notebooks, args.out)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    print(f"{len(names)} assignments in {args.out}: {', '.join(names)}")
    print(f"  instructor versions: {args.out / 'source'}/<name>/<name>.ipynb")
    print(f"  student versions:    {args.out / 'release'}/<name>/<name>.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
