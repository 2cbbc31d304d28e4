"""JupyterHub for a class on one server (The Littlest JupyterHub style) running this course.

Run it from the course's own environment (``make install`` then
``.venv/bin/pip install -e '.[classroom]'``), in a folder the hub may write its database to:

    CLASSROOM_AUTHENTICATOR=github .venv/bin/jupyterhub -f classroom/jupyterhub_config.py

What it sets up, and why (numbers: benchmarks/classroom.md, README "Teaching with this course"):
- every student gets their own copy of the notebooks (``copy_course_for_student``, a
  pre-spawn hook: new notebooks are added, a student's edited copy is never overwritten);
- every student's server and kernels run in the course environment (the Python this hub
  runs from), with classroom/jupyter_server_config.py: kernels on ``ipc`` transport and
  TCP_NODELAY on the kernel websocket;
- spawn timeouts long enough for a whole class logging in at once;
- per-student memory and CPU limits (enforced by the systemd spawner);
- idle servers are stopped by jupyterhub-idle-culler.
Authentication is yours to choose (see ``AUTHENTICATORS`` below); the dummy authenticator,
which lets anyone in, is refused here unless the load test asks for it.
"""

import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by the config loader)

HERE = Path(__file__).resolve().parent
COURSE_DIR = Path(os.environ.get("CLASSROOM_COURSE_DIR", HERE.parent))
COURSE_ENV_BIN = Path(sys.executable).parent  # the environment the hub runs from
STUDENT_FOLDER = "backprop-course"  # each student's copy, inside their home

# -- Limits per student, from the load test (benchmarks/classroom.md) ----------------------
# A student with notebooks 00, 03 and 05 open: ≈ 360–380 MiB PSS (server ≈ 90 MiB, each
# kernel ≈ 85 MiB); the whole course open at once: ≈ 860 MiB. 1.5 GiB fits that with room
# for what a student adds, so the limit stops a runaway, not a normal lesson.
# A drag costs ≈ 20–25 ms of CPU per frame (kernel + server): one core lets a student drag at
# full frame rate, and no student can take more than one core from the class.
MEM_LIMIT = "1536M"
CPU_LIMIT = 1.0
# On 2 cores, 20 students starting at once waited up to 61–71 s for their server; JupyterHub's
# defaults (60 s to start, 30 s to answer) lose some of them (2 of 20 in the first probe).
START_TIMEOUT_S = 300
HTTP_TIMEOUT_S = 300
IDLE_TIMEOUT_S = 3600  # stop a student's server after an hour without activity

# -- Who may log in: choose a real authenticator -----------------------------------------
AUTHENTICATORS = """\
Choose how students log in: set CLASSROOM_AUTHENTICATOR and configure it in
classroom/jupyterhub_config.py, for example
  pam            the server's own user accounts (built in)
  github, google, generic-oauth   with `pip install oauthenticator`
  lti            from your learning platform (Moodle, Canvas…): jupyterhub-ltiauthenticator
  native         sign-up with teacher approval: jupyterhub-nativeauthenticator
The dummy authenticator lets anyone in with any name: it is for the load test only."""

authenticator = os.environ.get("CLASSROOM_AUTHENTICATOR", "")
if not authenticator:
    raise SystemExit(AUTHENTICATORS)
if authenticator == "dummy" and os.environ.get("CLASSROOM_LOADTEST") != "1":
    raise SystemExit(AUTHENTICATORS)
c.JupyterHub.authenticator_class = authenticator
teachers = {name for name in os.environ.get("CLASSROOM_TEACHERS", "").split(",") if name}
c.Authenticator.admin_users = teachers
# c.Authenticator.allowed_users = {"ada", "alan", ...}   # or your authenticator's groups
# c.GitHubOAuthenticator.client_id = ...                 # see the authenticator's docs

# -- The hub and its proxy ----------------------------------------------------------------
# Loopback by default: put a TLS-terminating web server in front, or set ssl_cert/ssl_key.
c.JupyterHub.bind_url = os.environ.get("CLASSROOM_BIND_URL", "http://127.0.0.1:8000")
proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"  # npm ci in classroom/
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]

# -- Each student's server ----------------------------------------------------------------
c.JupyterHub.spawner_class = os.environ.get("CLASSROOM_SPAWNER", "systemdspawner")
c.Spawner.cmd = [str(COURSE_ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{STUDENT_FOLDER}/notebooks/00_start_here.ipynb"
c.Spawner.environment = {
    # Loads classroom/jupyter_server_config.py (ipc kernels, TCP_NODELAY) in every server.
    "JUPYTER_CONFIG_PATH": str(HERE),
    "PATH": f"{COURSE_ENV_BIN}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
}
c.Spawner.args = [
    # A kernel left running in a closed tab gives its memory back after half an hour.
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
]
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT
c.Spawner.start_timeout = START_TIMEOUT_S
c.Spawner.http_timeout = HTTP_TIMEOUT_S
c.SystemdSpawner.dynamic_users = True  # no system account per student needed
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True


def student_home(spawner) -> Path:
    """Where this spawner will start the student's server."""
    if getattr(spawner, "home_dir", None):  # SimpleLocalProcessSpawner (load test)
        return Path(spawner.home_dir)
    if getattr(spawner, "dynamic_users", False):  # SystemdSpawner's StateDirectory
        return Path("/var/lib/private") / spawner.user.name
    return Path(pwd.getpwnam(spawner.user.name).pw_dir)  # a real account (pam, …)


def copy_course_for_student(spawner) -> None:
    """Give the student their own copy of the course's notebooks before their server starts.

    Notebooks the student already has are left alone (their work); new ones are added.
    """
    home = student_home(spawner)
    if getattr(spawner, "dynamic_users", False):
        # systemd creates this root-only parent itself and refuses one with other modes; it
        # hands the student's folder to the dynamic user (recursively) when the server starts.
        home.parent.mkdir(mode=0o700, exist_ok=True)
    target = home / STUDENT_FOLDER / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted((COURSE_DIR / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        copy = target / notebook.name
        if not copy.exists():
            shutil.copyfile(notebook, copy)
    try:
        account = pwd.getpwnam(spawner.user.name)
    except KeyError:  # no system account: dynamic users (systemd chowns) or the load test
        return
    for path in [target.parent, target, *target.iterdir()]:
        os.chown(path, account.pw_uid, account.pw_gid)


c.Spawner.pre_spawn_hook = copy_course_for_student

# -- Stop idle servers ----------------------------------------------------------------------
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={IDLE_TIMEOUT_S}", "--cull-every=300"],
}]
