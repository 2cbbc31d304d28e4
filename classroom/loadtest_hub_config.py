"""The classroom hub as the load test runs it: classroom/jupyterhub_config.py, then only what a
test on one machine needs changed. Started by classroom/loadtest.py, which sets the
CLASSROOM_LT_* variables (free ports on 127.0.0.1, a temporary folder, a service token).

Changed for the test, and nothing else:
- the dummy authenticator and the simple local spawner (students without system accounts,
  homes in the temporary folder; memory and CPU limits are measured, not enforced);
- the proxy is started by the load test, not by the hub (so it is stopped after the hub);
- a service token the load test uses to create students and start their servers, as the
  hub's login page would.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by the config loader)
load_subconfig(str(Path(__file__).resolve().parent / "jupyterhub_config.py"))  # noqa: F821

env = os.environ
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = env["CLASSROOM_LT_HOMES"] + "/{username}"
if os.geteuid() == 0:  # CI machines and containers run as root; Jupyter refuses without this
    c.Spawner.args = [*c.Spawner.args, "--allow-root"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.port = 0  # a random free port for each student's server
c.Spawner.environment.update({
    "CLASSROOM_KERNEL_WS_NODELAY": env.get("CLASSROOM_KERNEL_WS_NODELAY", "1"),
    # Headless numpy in many kernels on few cores: one BLAS thread each, as in a container.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    # Kernels' ipc sockets live in the runtime folder; a Unix socket path has at most 107
    # bytes, which <temporary folder>/<home>/.local/share/jupyter/runtime/… would exceed.
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"{env['CLASSROOM_LT_STATE']}/r/{spawner.user.name}",
})

c.JupyterHub.bind_url = f"http://127.0.0.1:{env['CLASSROOM_LT_PROXY_PORT']}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["CLASSROOM_LT_HUB_PORT"])
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['CLASSROOM_LT_PROXY_API_PORT']}"
# (the proxy's auth token comes from CONFIGPROXY_AUTH_TOKEN, shared with the proxy)

state = Path(env["CLASSROOM_LT_STATE"])
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

c.JupyterHub.load_roles.append({
    "name": "loadtest",
    "scopes": ["admin:users", "admin:servers", "tokens"],
    "services": ["loadtest"],
})
c.JupyterHub.services.append({"name": "loadtest", "api_token": env["CLASSROOM_LT_API_TOKEN"]})
