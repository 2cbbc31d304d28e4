"""Write a lock file: the exact version of every package in a venv (run by ``make lock``).

    python tools/write_lock.py VENV_PYTHON OUT

The course itself (installed editable) and pip are left out; setuptools stays, because
``make`` installs the course with ``--no-build-isolation`` from the locked setuptools.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LEFT_OUT = {"pip", "backprop-hands-on"}


def locked_lines(python: str) -> list[str]:
    """``name==version`` for every distribution in the venv of ``python``, sorted by name."""
    frozen = subprocess.run([python, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                            check=True, capture_output=True, text=True).stdout
    lines = []
    for line in frozen.splitlines():
        name, sep, _ = line.partition("==")
        if not sep:
            raise SystemExit(f"cannot lock {line!r}: not a name==version pin")
        if name.lower().replace("_", "-") not in LEFT_OUT:
            lines.append(line)
    return sorted(lines, key=str.lower)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    python, out = argv
    version = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                             check=True, capture_output=True, text=True).stdout.strip()
    header = [f"# Written by `make lock` with Python {version}; do not edit by hand.",
              "# `make lab` / `make test` install exactly these versions;",
              "# `make test-latest` tests the newest releases instead."]
    Path(out).write_text("\n".join(header + locked_lines(python)) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
