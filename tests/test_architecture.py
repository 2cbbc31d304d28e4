"""The shape of the package, read from the code itself (DESIGN.md, "Layers"):

- the layering is visible from the imports: the math core imports only the core (and numpy),
  plots import only the core, widgets import the core, plots and the explorer; nothing in
  helpers imports the tests, tools or benchmarks; no arrow points up inside the core;
- no module is longer than about 300 lines;
- notebooks import only from the five surfaces, and only names those surfaces export;
- every exported function and class says what it computes (its first line) and where it is
  introduced ("Introduced in NN_name").
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "helpers"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOK_NAMES = {path.stem for path in NOTEBOOKS}
SURFACES = ("helpers", "helpers.plots", "helpers.widgets", "helpers.checks", "helpers.solutions")
MAX_LINES = 300

# The interaction layer's base: the shared explorer, its controls and the canvas it draws on.
# _threads: one BLAS thread per update (09/10's explorers); _caches: runs and backgrounds kept.
EXPLORER = {"helpers.explorer", "helpers._canvas", "helpers._caches", "helpers.controls",
            "helpers.accessibility", "helpers._threads"}
# The one module that touches matplotlib/ipympl/ipywidgets internals (issue 13): plots and the
# explorer may use it, it uses nothing of helpers.
PRIVATE_API = "helpers._private_api"
# Arrows the layers do not allow, each kept on purpose and said why.
EXCEPTIONS = {
    ("helpers.widgets.self_check", "helpers.checks.hints"):
        "the self-check widget shows the questions each notebook registers with its hints",
    ("helpers.solutions", "helpers.checks"):
        "show_solution stays silent in a graded copy, which the checks' grading mode marks",
    ("helpers.accessibility", "helpers.presentation"):
        "projector mode is one setting set from `import helpers` (no widgets there), read by "
        "every explorer",
}
# Core modules in the order they may import each other: a module imports only modules of a
# lower rank (so no arrow points up, and there is no cycle).
CORE_RANKS = {
    "helpers._validate": 0,
    "helpers.presentation": 0,
    "helpers.activations": 1,
    "helpers.datasets": 1,
    "helpers.graph": 2,
    "helpers.gradcheck": 1,
    "helpers.init": 1,
    "helpers.landscape": 1,
    "helpers.passes": 1,
    "helpers.neuron": 2,
    "helpers.outputs": 2,
    "helpers.network": 3,
    "helpers.history": 4,
    "helpers.value_network": 4,
    "helpers.optim": 5,
    "helpers.bugs": 6,
    "helpers.rumelhart": 6,
    # 05–08: momentum's critical damping, δ per layer, sanity checks, censored run summaries
    "helpers.momentum": 2,
    "helpers.layer_backprop": 4,
    "helpers.sanity": 6,
    "helpers.replication": 7,
    "helpers.replay_batch": 7,
    # 09–10: the digits classifier and the diagnostics of deep networks
    "helpers.digits": 6,
    "helpers.diagnostics": 6,
}
# Third-party imports a layer does not allow, each kept on purpose and said why.
THIRD_PARTY_EXCEPTIONS = {
    ("helpers.datasets", "sklearn"):
        "09's digits ship inside scikit-learn; imported only when load_digits() is called",
}
THIRD_PARTY = {
    "core": {"numpy"},
    "plots": {"numpy", "matplotlib", "IPython"},  # IPython: figures shown with alt text
    "widgets": {"numpy", "matplotlib", "ipywidgets"},
    "explorer": {"numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget", "traitlets",
                 "threadpoolctl"},
    "private_api": {"matplotlib", "ipympl", "ipywidgets"},
    "checks": {"numpy"},
    "solutions": {"numpy", "IPython"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(HELPERS.rglob("*.py"))}


def layer(name: str) -> str:
    if name in EXPLORER:
        return "explorer"
    if name == PRIVATE_API:
        return "private_api"
    if name == "helpers" or name in CORE_RANKS:
        return "core"
    return name.split(".")[1]  # plots, widgets, checks, solutions


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names), including imports inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            # `from helpers.plots import colors` imports the module helpers.plots.colors
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
    return found


def allowed(importer: str, imported: str) -> bool:
    """Whether the layer of ``importer`` may import ``imported`` (a helpers module)."""
    if (importer, imported) in EXCEPTIONS:
        return True
    mine, theirs = layer(importer), layer(imported)
    if mine == "core":
        if importer == "helpers":  # the package re-exports the whole core
            return theirs == "core"
        return theirs == "core" and CORE_RANKS[imported] < CORE_RANKS[importer]
    return {
        "private_api": set(),
        "plots": {"core", "plots", "private_api"},
        "explorer": {"explorer", "private_api"},
        "widgets": {"core", "plots", "explorer", "widgets"},
        "checks": {"core", "checks"},
        "solutions": {"core", "solutions"},
    }[mine] >= {theirs} or (imported == "helpers" and mine != "core")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_follow_the_layers(name):
    wrong, foreign = [], []
    for imported in imports(MODULES[name]):
        top = imported.split(".")[0]
        if top == "helpers":
            if imported == name or imported not in MODULES:
                continue
            if not allowed(name, imported):
                wrong.append(imported)
        elif (not _is_stdlib(top) and top not in THIRD_PARTY[layer(name)]
              and (name, top) not in THIRD_PARTY_EXCEPTIONS):
            foreign.append(imported)
    assert not wrong, f"{name} ({layer(name)}) must not import {sorted(wrong)}"
    assert not foreign, f"{name} ({layer(name)}) must not import {sorted(foreign)}"


def _is_stdlib(top: str) -> bool:
    import sys

    return top in sys.stdlib_module_names or top == "__future__"


def test_every_core_module_has_a_rank():
    core = {name for name in MODULES if name.count(".") == 1 and layer(name) == "core"}
    assert core == set(CORE_RANKS), "give a new core module its rank in CORE_RANKS"


def test_the_layer_rules_can_fail():
    # The checks above would catch the arrows the review found (an arrow up inside the
    # core, a plot reaching for a widget) and code from the tests inside the package.
    assert not allowed("helpers.graph", "helpers.network")
    assert not allowed("helpers.plots.descent", "helpers.widgets.gradient_descent")
    assert not allowed("helpers.activations", "helpers.plots.colors")
    assert "explorer_testing" not in MODULES and "tests" not in THIRD_PARTY["core"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_much_longer_than_300_lines(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it (DESIGN.md)"


def notebook_imports(path: Path):
    """(module, name) for every ``from X import name``, and (module, None) for ``import X``."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    yield node.module, alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield alias.name, None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_import_only_from_the_five_surfaces(path):
    for module, name in notebook_imports(path):
        if module.split(".")[0] != "helpers":
            assert module.split(".")[0] in {"numpy", "matplotlib", "math"}, module
            continue
        assert module in SURFACES, f"{path.stem} imports from {module}; use one of {SURFACES}"
        if name is not None:
            exported = importlib.import_module(module).__all__
            assert name in exported, f"{path.stem}: {module} does not export {name!r}"


def public_objects():
    for surface in SURFACES:
        module = importlib.import_module(surface)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{surface}.{name}", obj


INTRODUCED = re.compile(r"\b[Ii]n (\d\d_[a-z0-9_]+)")


@pytest.mark.parametrize(("name", "obj"),
                         [pytest.param(name, obj, id=name) for name, obj in public_objects()])
def test_every_public_name_says_what_it_computes_and_where_it_is_introduced(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"{name} has no docstring"
    where = INTRODUCED.findall(doc)
    assert where, f"{name}: say where it is introduced ('Introduced in NN_name'): {doc!r}"
    assert set(where) <= NOTEBOOK_NAMES, f"{name} names a notebook that does not exist: {where}"
