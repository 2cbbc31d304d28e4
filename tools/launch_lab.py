"""Open the course in JupyterLab, safely: bound to 127.0.0.1, always with a fresh token.

Run by ``make lab``. ``lab_command()`` is what the safety test reads.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
# classroom/jupyter_server_config.py: TCP_NODELAY on the kernel websocket (the kernel is
# idle again ≈ 15 ms after a slider move instead of ≈ 55, so a drag gets ~3× the frames;
# benchmarks/classroom.md) and kernels on ipc.
SERVER_CONFIG_DIR = ROOT / "classroom"


def lab_command(token: str, *, as_root: bool) -> list[str]:
    """The JupyterLab command line: loopback only, token required, opening notebook 00."""
    if not token:
        raise ValueError("token must be a non-empty string; an empty token disables auth")
    command = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=True",
        f"--ServerApp.root_dir={ROOT}",
        FIRST_NOTEBOOK,
    ]
    if as_root:  # JupyterLab refuses to start as root without it (containers, CI machines)
        command.append("--allow-root")
    return command


def lab_environment(environ: dict[str, str]) -> dict[str, str]:
    """``environ`` with the course's server settings added in front of JUPYTER_CONFIG_PATH.

    The learner's own Jupyter configuration still loads; ours is one more folder.
    """
    paths = [str(SERVER_CONFIG_DIR), *filter(None, environ.get("JUPYTER_CONFIG_PATH", "")
                                                     .split(os.pathsep))]
    return {**environ, "JUPYTER_CONFIG_PATH": os.pathsep.join(paths)}


def main() -> None:
    token = secrets.token_hex(24)
    command = lab_command(token, as_root=hasattr(os, "geteuid") and os.geteuid() == 0)
    print(f"Opening the course: http://127.0.0.1:8888/lab/tree/{FIRST_NOTEBOOK}?token={token}")
    print("(if port 8888 is taken, JupyterLab picks the next free port and prints the URL below)")
    os.chdir(ROOT)
    os.execve(command[0], command, lab_environment(dict(os.environ)))


if __name__ == "__main__":
    main()
