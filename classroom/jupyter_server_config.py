"""Jupyter Server settings for the course: every student's server on the hub, and `make lab`.

Loaded because the folder holding this file is put on ``JUPYTER_CONFIG_PATH`` (the hub's
spawner and tools/launch_lab.py do that), so a user's own ``jupyter_server_config.py`` still
loads too. Nothing here edits an installed package; both fixes are configuration.

1. Kernel websocket with TCP_NODELAY. jupyter_server leaves Nagle's algorithm on for the
   kernel websocket, so after the first small message of a reply the next waits for the
   peer's delayed ACK: about 40 ms added to every kernel round trip. ipywidgets sends the
   next slider value only after the kernel went idle on the last one, so that wait caps a
   drag's frame rate. benchmarks/classroom.md measures the effect (move → kernel idle).
   ``CLASSROOM_KERNEL_WS_NODELAY=0`` switches the fix off (only the load test's "before"
   run does that).
2. Kernels talk to their server over Unix sockets (``ipc``) instead of TCP ports on
   127.0.0.1: with many servers starting kernels at once, two kernels can race for the same
   free port and one dies (about one kernel in sixty at 20 students, measured here).
"""

import os

from jupyter_core.paths import jupyter_runtime_dir
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

c = get_config()  # noqa: F821  (provided by the config loader)


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The stock kernel websocket connection, with Nagle's algorithm off on its socket."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


if os.environ.get("CLASSROOM_KERNEL_WS_NODELAY", "1") != "0":
    c.ServerApp.kernel_websocket_connection_class = NoDelayKernelWebsocketConnection

# A Unix socket path may not exceed 107 bytes; a kernel's sockets are named
# <runtime dir>/kernel-<36-character id>-ipc-<n>. With a deep home folder, keep TCP.
if len(os.fsencode(jupyter_runtime_dir())) + len("/kernel-") + 36 + len("-ipc-99") <= 107:
    c.KernelManager.transport = "ipc"
