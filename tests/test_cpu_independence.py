"""Stored outputs must not depend on which SIMD code paths numpy takes on this CPU.

numpy chooses its loops (exp, tanh, sums, …) at run time from the CPU's features, so the last
bits of a result differ between machines. Strict nbval compares printed text exactly, so a
notebook that prints round-off passes on the machine that stored it and fails on another.
Here every notebook is re-run with numpy forced down to older CPUs' code paths
(``NPY_DISABLE_CPU_FEATURES``) and compared with its stored outputs, as nbval would.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_outputs import ROOT, compared_outputs, differences, read, simd_levels

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LEVELS = simd_levels()


def _run(nb, disabled: str, cwd):
    """Execute a copy of ``nb`` in a fresh kernel with numpy's ``disabled`` features off."""
    nb = nbformat.from_dict(nb)
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=disabled)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    return nb


def _changed_cells(notebooks, disabled: str) -> list[str]:
    """Run the notebooks two at a time (a kernel each) and list every cell whose text changed."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda item: _run(item[1], disabled, item[0].parent), notebooks))
    found = []
    for (path, stored), fresh in zip(notebooks, runs, strict=True):
        found += differences(compared_outputs(stored), compared_outputs(fresh), path.name)
    return found


def test_this_cpu_offers_a_lower_simd_level():
    """Without a level to fall back to, the tests below would prove nothing: say so."""
    assert len(LEVELS) > 1, "numpy reports no SIMD dispatch target above its baseline here"


@pytest.mark.parametrize("label, disabled", LEVELS, ids=[label for label, _ in LEVELS])
def test_stored_outputs_are_the_same_on_older_simd_code_paths(label, disabled):
    notebooks = [(path, read(path)) for path in NOTEBOOKS]
    found = _changed_cells(notebooks, disabled)
    assert not found, (
        f"{len(found)} cell(s) print numbers that change with the CPU ({label}; "
        f"NPY_DISABLE_CPU_FEATURES={disabled!r}). Print what the number means instead "
        "(e.g. 'agree to round-off, < 1e-12') or fewer digits:\n" + "\n".join(found))


PLANTED = """\
import numpy as np
z = np.linspace(-4, 4, 4001)
# Round-off printed in full: the last digits depend on numpy's exp/tanh/log code path.
print(repr(np.exp(z).sum()), repr(np.tanh(z.astype(np.float32)).sum()),
      repr(np.log1p(np.abs(z)).sum()), repr(np.sin(z.astype(np.float32)).sum()))
"""


def test_a_planted_round_off_print_is_caught():
    """The comparison above can fail: a cell that prints round-off differs on some level."""
    planted = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PLANTED)])
    stored = _run(planted, "", ROOT)  # what this machine would store
    caught = [label for label, disabled in LEVELS[1:]
              if _changed_cells([(ROOT / "planted.ipynb", stored)], disabled)]
    assert caught, "no SIMD level changed the planted round-off print"
