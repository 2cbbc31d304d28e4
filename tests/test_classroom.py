"""classroom/: the one-server JupyterHub set-up, its Kubernetes twin, and a 3-student load test.

The full load test is `make loadtest N=20` (numbers in benchmarks/classroom.md); here three
students run the same lesson on a real hub, to prove the set-up works end to end.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
CLASSROOM = ROOT / "classroom"
COURSE_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def load_config(name, monkeypatch, **env):
    for key in ("CLASSROOM_AUTHENTICATOR", "CLASSROOM_LOADTEST", "CLASSROOM_KERNEL_WS_NODELAY"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader(name, path=str(CLASSROOM)).load_config()


def hub_config(monkeypatch):
    return load_config("jupyterhub_config.py", monkeypatch, CLASSROOM_AUTHENTICATOR="pam")


def constant(name):
    """A module-level constant of jupyterhub_config.py, read from its text."""
    for line in (CLASSROOM / "jupyterhub_config.py").read_text().splitlines():
        if line.startswith(f"{name} = "):
            return eval(line.split("=", 1)[1].split("#")[0])  # literals only
    raise AssertionError(f"jupyterhub_config.py defines no {name}")


# -- the hub's configuration --------------------------------------------------------------
def test_hub_refuses_to_start_without_a_chosen_authenticator(monkeypatch):
    with pytest.raises(SystemExit, match="CLASSROOM_AUTHENTICATOR"):
        load_config("jupyterhub_config.py", monkeypatch)


def test_dummy_authenticator_only_for_the_load_test(monkeypatch):
    with pytest.raises(SystemExit, match="load test only"):
        load_config("jupyterhub_config.py", monkeypatch, CLASSROOM_AUTHENTICATOR="dummy")
    config = load_config("jupyterhub_config.py", monkeypatch, CLASSROOM_AUTHENTICATOR="dummy",
                         CLASSROOM_LOADTEST="1")
    assert config.JupyterHub.authenticator_class == "dummy"


def test_hub_runs_students_in_the_course_environment_with_its_server_settings(monkeypatch):
    config = hub_config(monkeypatch)
    (command,) = config.Spawner.cmd
    assert Path(command).parent == Path(sys.executable).parent  # this very environment
    assert Path(command).name == "jupyterhub-singleuser"
    assert Path(config.Spawner.environment["JUPYTER_CONFIG_PATH"]) == CLASSROOM
    assert config.Spawner.mem_limit == constant("MEM_LIMIT")
    assert config.Spawner.cpu_limit == constant("CPU_LIMIT")
    assert config.Spawner.start_timeout >= 300 and config.Spawner.http_timeout >= 300
    (culler,) = [s for s in config.JupyterHub.services if s["name"] == "idle-culler"]
    assert "jupyterhub_idle_culler" in culler["command"]
    assert f"--timeout={constant('IDLE_TIMEOUT_S')}" in culler["command"]
    (role,) = [r for r in config.JupyterHub.load_roles if "idle-culler" in r["services"]]
    assert {"read:users:activity", "delete:servers"} <= set(role["scopes"])
    assert importlib.util.find_spec("jupyterhub_idle_culler"), "pip install -e '.[classroom]'"


def test_production_spawner_is_installed_and_knows_every_setting(monkeypatch):
    from importlib.metadata import entry_points

    config = hub_config(monkeypatch)
    (spawner,) = [e for e in entry_points(group="jupyterhub.spawners")
                  if e.name == config.JupyterHub.spawner_class]
    spawner_class = spawner.load()
    for name in config.SystemdSpawner:  # a misspelt setting would be silently ignored
        assert spawner_class.class_traits(config=True).get(name), f"SystemdSpawner.{name}?"
    for name in ("mem_limit", "cpu_limit", "start_timeout", "http_timeout", "pre_spawn_hook"):
        assert name in config.Spawner


def test_pre_spawn_hook_gives_each_student_their_own_copy(monkeypatch, tmp_path):
    hook = hub_config(monkeypatch).Spawner.pre_spawn_hook
    spawner = SimpleNamespace(home_dir=str(tmp_path / "ada"),
                              user=SimpleNamespace(name="no-such-account-ada"))
    hook(spawner)
    copies = tmp_path / "ada" / "backprop-course" / "notebooks"
    assert sorted(p.name for p in copies.iterdir()) == COURSE_NOTEBOOKS
    first = copies / COURSE_NOTEBOOKS[0]
    assert first.read_bytes() == (ROOT / "notebooks" / COURSE_NOTEBOOKS[0]).read_bytes()

    student_home = hook.__globals__["student_home"]  # systemd's dynamic users live here
    assert student_home(SimpleNamespace(dynamic_users=True, user=SimpleNamespace(
        name="ada"))) == Path("/var/lib/private/ada")

    first.write_text("the student's work")  # her edits survive the next start
    (copies / COURSE_NOTEBOOKS[-1]).unlink()  # a deleted notebook comes back
    hook(spawner)
    assert first.read_text() == "the student's work"
    assert sorted(p.name for p in copies.iterdir()) == COURSE_NOTEBOOKS


def test_server_settings_turn_on_nodelay_and_ipc(monkeypatch):
    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection,
    )

    config = load_config("jupyter_server_config.py", monkeypatch)
    connection = config.ServerApp.kernel_websocket_connection_class
    assert issubclass(connection, ZMQChannelsWebsocketConnection)
    assert connection.connect is not ZMQChannelsWebsocketConnection.connect
    assert config.KernelManager.transport == "ipc"
    off = load_config("jupyter_server_config.py", monkeypatch, CLASSROOM_KERNEL_WS_NODELAY="0")
    assert "kernel_websocket_connection_class" not in off.ServerApp


def test_make_lab_loads_the_course_server_settings_and_keeps_the_learners_own():
    spec = importlib.util.spec_from_file_location("launch_lab", ROOT / "tools" / "launch_lab.py")
    launch_lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launch_lab)
    env = launch_lab.lab_environment({"JUPYTER_CONFIG_PATH": "/mine", "HOME": "/h"})
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(CLASSROOM), "/mine"]
    assert env["HOME"] == "/h"
    assert launch_lab.lab_environment({})["JUPYTER_CONFIG_PATH"] == str(CLASSROOM)


# -- Zero to JupyterHub -------------------------------------------------------------------
def test_kubernetes_values_match_the_one_server_setup(monkeypatch):
    values = yaml.safe_load((CLASSROOM / "values.yaml").read_text())
    config = hub_config(monkeypatch)
    single = values["singleuser"]
    assert single["memory"]["limit"] == constant("MEM_LIMIT")
    assert single["cpu"]["limit"] == constant("CPU_LIMIT")
    assert single["startTimeout"] == constant("START_TIMEOUT_S")
    assert single["defaultUrl"] == config.Spawner.default_url
    assert single["cmd"] == "jupyterhub-singleuser"
    assert values["cull"] == {"enabled": True, "timeout": constant("IDLE_TIMEOUT_S"),
                              "every": 300}
    # The image is repo2docker's build of this repository, placed in /srv/repo.
    text = (CLASSROOM / "values.yaml").read_text()
    assert "repo2docker" in text and "--target-repo-dir /srv/repo" in text
    assert single["extraEnv"]["JUPYTER_CONFIG_PATH"] == "/srv/repo/classroom"
    copy = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "/srv/repo/notebooks/" in copy and constant("STUDENT_FOLDER") in copy
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"
    for key in ("environment.yml", "postBuild"):  # what repo2docker builds the image from
        assert (ROOT / key).is_file()


def test_proxy_is_pinned_by_a_lock_file():
    package = json.loads((CLASSROOM / "package.json").read_text())
    lock = json.loads((CLASSROOM / "package-lock.json").read_text())
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert pinned[0].isdigit(), "pin an exact version"
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned


# -- three students on a real hub ---------------------------------------------------------
def test_three_students_take_the_lesson_on_a_real_hub(tmp_path):
    assert (CLASSROOM / "node_modules" / ".bin" / "configurable-http-proxy").exists(), (
        "the pinned proxy is not installed: run `make classroom`")
    result_file = tmp_path / "smoke.json"
    run = subprocess.run(
        [sys.executable, str(CLASSROOM / "loadtest.py"), "--students", "3",
         "--json", str(result_file), "--deadline", "200"],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    print(run.stdout)
    assert result_file.exists(), run.stdout + run.stderr
    summary = json.loads(result_file.read_text())
    assert summary["failed"] == 0, summary["failures"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert summary["kernels_started"] == 9 and summary["kernels_on_ipc"] == 9
    assert len(summary["move_to_frame_ms_by_move"]) == 20  # every move drew a new frame
    assert summary["pss_mib_per_student_median"] > 100  # the servers and kernels were found
    # hub, proxy, idle culler, 3 servers, 9 kernels — and none of them is left running.
    assert summary["processes_started"] >= 15
    for pid, started in summary["pids"]:
        try:
            process = psutil.Process(pid)
            alive = (process.create_time() == started
                     and process.status() != psutil.STATUS_ZOMBIE)  # exited, not yet reaped
        except psutil.NoSuchProcess:
            alive = False
        assert not alive, f"process {pid} of the load test is still running: {process}"
    assert summary["left_behind_after_hub_stop"] == []
