"""A throw-away JupyterLab server on a free port, with its own settings and token."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from lab.settings import NOTEBOOKS_DIR, SERVER_CONFIG_DIR, SERVER_START_TIMEOUT, SETTINGS_SRC


# ------------------------------------------------------------------------------------------
# The JupyterLab server
# ------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """JupyterLab from this environment, on 127.0.0.1, a free port and a random token,
    serving a temporary copy of the given notebooks with the test's settings only.

    The course's own server settings (classroom/jupyter_server_config.py, the file `make lab`
    and the hub load: TCP_NODELAY on the kernel websocket) are loaded unless
    ``course_server_config=False``; ``extra_env`` reaches the server and its kernels (the
    drag benchmark's "before" run sets CLASSROOM_KERNEL_WS_NODELAY=0 and PYTHONPATH)."""

    def __init__(self, notebook_sources: dict[str, Path], *, workdir: Path | None = None,
                 course_server_config: bool = True, extra_env: dict[str, str] | None = None):
        self.course_server_config = course_server_config
        self.extra_env = dict(extra_env or {})
        self.notebook_sources = notebook_sources  # name in the server root → source file
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="browser-test-"))
        self.root_dir = self.workdir / "root"
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "jupyterlab.log"
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, **query: str) -> str:
        query = {"token": self.token, **query}
        quoted = urllib.parse.quote(path)
        return f"{self.base}/{quoted}?" + "&".join(
            k if v == "" else f"{k}={urllib.parse.quote(v)}" for k, v in query.items())

    def notebook_url(self, name: str) -> str:
        return self.url(f"lab/tree/{name}", reset="")

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> LabServer:
        self.root_dir.mkdir(parents=True, exist_ok=True)
        if NOTEBOOKS_DIR.is_dir():  # data files beside the notebooks come along
            shutil.copytree(NOTEBOOKS_DIR, self.root_dir, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        for name, source in self.notebook_sources.items():
            target = self.root_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        config_dir = self.workdir / "jupyter-config"
        config_dir.mkdir(parents=True, exist_ok=True)
        (config_dir / "jupyter_lab_config.json").write_text(
            json.dumps({"LabApp": {"news_url": None}}))
        settings = self.workdir / "lab-settings"
        shutil.copytree(SETTINGS_SRC, settings)
        env = dict(os.environ)
        for key in ("JUPYTER_PATH", "JUPYTER_PREFER_ENV_PATH", "JUPYTER_TOKEN",
                    "JUPYTER_CONFIG_PATH"):
            env.pop(key, None)
        env.update({
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.workdir / "lab-workspaces"),
            "JUPYTER_CONFIG_DIR": str(self.workdir / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(self.workdir / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(self.workdir / "jupyter-runtime"),
            "IPYTHONDIR": str(self.workdir / "ipython"),
            "MPLCONFIGDIR": str(self.workdir / "mpl"),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PYTHONUNBUFFERED": "1",
        })
        if self.course_server_config:
            env["JUPYTER_CONFIG_PATH"] = str(SERVER_CONFIG_DIR)
        env.update(self.extra_env)
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            # window.jupyterapp: the commands API (clear outputs, run all) and the cell models.
            "--LabApp.expose_app_in_browser=True",
            # No outgoing requests for news or updates (the settings also turn the toasts off).
            "--LabApp.check_for_updates_class="
            "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "--ServerApp.terminals_enabled=False",
            "--LanguageServerManager.autodetect=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(command, cwd=self.root_dir, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode} before "
                                   f"answering; its log:\n{self.log_tail()}")
            try:
                status = self.api("GET", "api/status")
                if isinstance(status, dict):
                    return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer /api/status within "
                           f"{SERVER_START_TIMEOUT:.0f} s; its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            # Its own session (start_new_session): signal the server by its PID; kernels it
            # started are shut down by it on SIGTERM.
            try:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- REST ----------------------------------------------------------------------------
    def api(self, method: str, path: str, timeout: float = 10.0, body: dict | None = None):
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.base}/{path}", method=method, data=data,
                                         headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self, notebook_path: str | None = None) -> None:
        """Delete the sessions (and so their kernels) of one notebook, or all of them."""
        try:
            sessions = self.api("GET", "api/sessions") or []
        except (OSError, urllib.error.URLError):
            return
        for session in sessions:
            if notebook_path is None or session.get("path") == notebook_path:
                try:
                    self.api("DELETE", f"api/sessions/{session['id']}", timeout=20)
                except (OSError, urllib.error.URLError):
                    pass
        if notebook_path is None:
            for kernel in self.api("GET", "api/kernels") or []:
                try:
                    self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=20)
                except (OSError, urllib.error.URLError):
                    pass
