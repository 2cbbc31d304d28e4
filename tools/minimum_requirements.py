"""Print every dependency of pyproject.toml pinned to its lower bound (``name==minimum``).

``make test-minimum`` installs these into .venv-minimum and runs the unit and widget tests,
which is how the lower bounds in pyproject.toml were verified.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def minimum_pins(extras: list[str]) -> list[str]:
    """``name==version`` for each runtime dependency and each dependency of ``extras``."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    pins = []
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", requirement.strip())
        if not match:
            raise SystemExit(f"{requirement!r}: give each dependency a lower bound (name>=version)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    print("\n".join(minimum_pins(sys.argv[1:])))
