"""`import helpers` is the numpy-only math core: it must not pull in plotting or widgets."""

import subprocess
import sys


def test_importing_helpers_loads_neither_matplotlib_nor_ipywidgets():
    code = ("import sys, helpers; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'ipympl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_math_core_modules_do_not_import_plotting_or_widgets():
    from pathlib import Path

    core = ["activations", "neuron", "graph", "network", "optim", "gradcheck"]
    root = Path(__file__).resolve().parent.parent / "helpers"
    for name in core:
        source = (root / f"{name}.py").read_text()
        for forbidden in ("matplotlib", "ipywidgets", "ipympl"):
            assert forbidden not in source, f"helpers/{name}.py mentions {forbidden}"
