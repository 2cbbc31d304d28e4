"""`make lab` must only ever serve on loopback and always with a token."""

import importlib.util
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _launcher():
    spec = importlib.util.spec_from_file_location("launch_lab", ROOT / "tools" / "launch_lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _flag(command, name):
    values = [arg.split("=", 1)[1] for arg in command if arg.startswith(f"--{name}=")]
    assert len(values) == 1, f"expected exactly one --{name}=… in {command}"
    return values[0]


@pytest.mark.parametrize("as_root", [False, True])
def test_lab_binds_to_loopback_with_a_token(as_root):
    command = _launcher().lab_command("abc123", as_root=as_root)
    assert _flag(command, "ServerApp.ip") == "127.0.0.1"
    assert _flag(command, "IdentityProvider.token") == "abc123"
    assert ("--allow-root" in command) == as_root
    joined = " ".join(command)
    for unsafe in ("0.0.0.0", "disable_check_xsrf", "allow_remote_access", "password=''"):
        assert unsafe not in joined


def test_lab_refuses_an_empty_token():
    with pytest.raises(ValueError, match="token"):
        _launcher().lab_command("", as_root=False)


def test_lab_opens_the_first_notebook_that_exists():
    launcher = _launcher()
    assert (ROOT / launcher.FIRST_NOTEBOOK).is_file()
    assert launcher.FIRST_NOTEBOOK in launcher.lab_command("t", as_root=False)


def _launch(monkeypatch, capsys):
    """Run the launcher's main() up to the exec: the command it would run, its environment
    and what it printed. Nothing is started: every os.exec* is stubbed (a real exec would
    replace the test process with JupyterLab), and so is os.chdir."""
    launcher = _launcher()
    calls = []
    for name in ("execl", "execle", "execlp", "execlpe", "execv", "execvp", "execvpe"):
        monkeypatch.setattr(launcher.os, name, lambda *args, name=name: pytest.fail(
            f"the launcher calls os.{name}; this test expects os.execve"))
    monkeypatch.setattr(launcher.os, "execve",
                        lambda path, args, env: calls.append((path, args, env)))
    monkeypatch.setattr(launcher.os, "chdir", lambda path: None)
    launcher.main()
    (path, command, env), = calls
    assert path == command[0]
    return command, env, capsys.readouterr().out


def test_launcher_runs_lab_on_loopback_with_a_fresh_random_token(monkeypatch, capsys):
    first, env, printed = _launch(monkeypatch, capsys)
    second, _, _ = _launch(monkeypatch, capsys)
    token = _flag(first, "IdentityProvider.token")
    assert re.fullmatch(r"[0-9a-f]{48}", token), token  # 24 random bytes
    assert _flag(second, "IdentityProvider.token") != token  # fresh on every launch
    assert _flag(first, "ServerApp.ip") == "127.0.0.1"
    assert first[1:3] == ["-m", "jupyterlab"]
    assert f"http://127.0.0.1:8888/lab/tree/notebooks/00_start_here.ipynb?token={token}" in printed
    # The course's server settings (TCP_NODELAY, ipc kernels) load first, the learner's after.
    config_path = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert config_path[0] == str(_launcher().SERVER_CONFIG_DIR)


def test_make_lab_goes_through_the_safe_launcher():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "Makefile has no lab target"
    assert "tools/launch_lab.py" in recipe.group(1)
    assert "jupyter" not in recipe.group(1).replace("tools/launch_lab.py", "")


def test_no_file_of_the_project_opens_the_server_to_the_network():
    suspicious = re.compile(r"0\.0\.0\.0|ServerApp\.token=['\"]{2}|NotebookApp\.token")
    for path in [ROOT / "Makefile", *ROOT.glob("tools/*"), *ROOT.glob(".ci/*")]:
        if path.is_file():
            assert not suspicious.search(path.read_text()), path
