"""`import helpers` is the numpy-only math core: it must not pull in plotting or widgets."""

import subprocess
import sys


def test_importing_helpers_loads_neither_matplotlib_nor_ipywidgets():
    code = ("import sys, helpers; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'ipympl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"

    # What each module may import, read from its code, is tested in test_architecture.py.
