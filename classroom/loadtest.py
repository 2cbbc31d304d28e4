"""A class on one server, simulated: ``make loadtest N=20``.

Starts a real JupyterHub (classroom/loadtest_hub_config.py) behind the pinned
configurable-http-proxy (classroom/node_modules), both on 127.0.0.1 with free ports, and
plays N students at once. Each student, like a browser running JupyterLab:
  1. starts their server (the hub copies the notebooks into their home);
  2. opens notebooks 00, 03 and 05 — one session and kernel each, over the kernel websocket
     (JupyterLab's v1 protocol) — and runs every cell, one after the other;
  3. drags notebook 05's ``lr`` slider (the landscape explorer) 20 steps up from 0.1 to 1
     (past both runs' divergence, as the notebook's hint asks), sending the widget messages
     a browser sends: the next value only after the kernel went idle on the last (as
     ipywidgets does), answering the figure's redraw requests as ipympl's front end does.
     Each student drags when their notebooks have run; ``--together``: all wait, then all
     drag at once ("everyone drags now").
Then it prints a capacity table, stops the hub (which stops every student's server and their
kernels), then the proxy — each by PID — checks that nothing it started is left, and removes
its temporary folder. Every wait has a deadline; it only ever talks to 127.0.0.1.

    .venv/bin/python classroom/loadtest.py --students 20 [--together] [--no-nodelay]
    .venv/bin/python classroom/loadtest.py --lab      # one learner on make lab's server
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import importlib.util
import json
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
NOTEBOOKS = ["00_start_here", "03_forward_pass", "05_gradient_descent"]
ALL_NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
DRAG_NOTEBOOK = "05_gradient_descent"
DRAG_EXPLORER_CALL = "make_landscape_explorer()"
DRAG_SLIDER = "lr (learning rate)"
WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
DIVERGED = "diverged at epoch"  # the landscape explorer's readout, per diverged run
EXPECTED_ERRORS = {"NotImplementedError"}  # the untouched exercise stubs raise it, by design

CELL_TIMEOUT_S = 120
MOVE_TIMEOUT_S = 20
HUB_START_TIMEOUT_S = 90
SPAWN_TIMEOUT_S = 330  # the hub's own start timeout (300 s) plus the wait for its answer
STOP_TIMEOUT_S = 60
LEFTOVER_GRACE_S = 10  # for processes already exiting when the hub is gone


class LoadTestError(RuntimeError):
    """A student could not finish; the message says at which step."""


# -- small helpers --------------------------------------------------------------------------
def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def encode_ws_v1(channel: str, parts: list[bytes]) -> bytes:
    """A kernel message in JupyterLab's websocket framing (v1.kernel.websocket.jupyter.org)."""
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(channel.encode()))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + channel.encode() + b"".join(parts)


def decode_ws_v1(data: bytes) -> tuple[str, list[bytes]]:
    """Channel name and message parts (header, parent, metadata, content, buffers…)."""
    count = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    channel = data[offsets[0]: offsets[1]].decode()
    return channel, [data[offsets[i]: offsets[i + 1]] for i in range(1, count - 1)]


# -- one kernel, as JupyterLab's notebook panel talks to it ----------------------------------
class KernelConnection:
    """A kernel websocket: sends requests, routes replies by parent, plays the widget front end."""

    def __init__(self, ws, username: str):
        self.ws = ws
        self.username = username
        self.session = uuid.uuid4().hex
        self.replies: dict[str, asyncio.Queue] = {}
        self.models: dict[str, dict] = {}  # widget comm id → state (what the browser keeps)
        self.canvas_waiting: dict[str, bool] = {}  # ipympl canvas → a draw was requested
        self.frames: dict[str, asyncio.Queue] = {}  # ipympl canvas → arrival times of frames
        self.reader = asyncio.ensure_future(self._read())

    def send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": self.username,
                  "session": self.session, "version": "5.3",
                  "date": datetime.datetime.now(datetime.UTC).isoformat()}
        self.replies[msg_id] = asyncio.Queue()
        parts = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        self.ws.write_message(encode_ws_v1(channel, parts), binary=True)
        return msg_id

    def comm_send(self, comm_id: str, data: dict) -> str:
        return self.send("shell", "comm_msg", {"comm_id": comm_id, "data": data})

    async def _read(self) -> None:
        while True:
            message = await self.ws.read_message()
            if message is None:
                return
            channel, parts = decode_ws_v1(message)
            header, parent = json.loads(parts[0]), json.loads(parts[1])
            content, buffers = json.loads(parts[3]), parts[4:]
            msg_type = header["msg_type"]
            if msg_type == "comm_open" and content.get("target_name") == "jupyter.widget":
                self._widget_created(content["comm_id"], content["data"]["state"])
            elif msg_type == "comm_msg":
                self._widget_message(content["comm_id"], content["data"], buffers)
            queue = self.replies.get(parent.get("msg_id"))
            if queue is not None:
                queue.put_nowait((channel, msg_type, content))

    def _widget_created(self, comm_id: str, state: dict) -> None:
        self.models[comm_id] = state
        if state.get("_model_name") == "MPLCanvasModel":
            # What ipympl's front-end model sends when it is created.
            self.canvas_waiting[comm_id] = False
            self.frames[comm_id] = asyncio.Queue()
            for kind in ("send_image_mode", "refresh", "initialized"):
                self.comm_send(comm_id, {"method": "custom", "content": {"type": kind}})

    def _widget_message(self, comm_id: str, data: dict, buffers: list[bytes]) -> None:
        if data.get("method") in ("update", "echo_update") and comm_id in self.models:
            self.models[comm_id].update(data.get("state", {}))
        if comm_id not in self.frames or data.get("method") != "custom":
            return
        event = json.loads(data["content"]["data"])
        if event["type"] == "binary" and buffers:
            self.canvas_waiting[comm_id] = False
            self.frames[comm_id].put_nowait(time.perf_counter())
        elif event["type"] == "draw" and not self.canvas_waiting[comm_id]:
            # ipympl's front end asks the kernel to draw and send the picture.
            self.canvas_waiting[comm_id] = True
            self.comm_send(comm_id, {"method": "custom", "content": {"type": "draw"}})

    async def request(self, channel: str, msg_type: str, content: dict, timeout: float):
        """Send a request; return (reply content, outputs) once the kernel went idle on it."""
        msg_id = self.send(channel, msg_type, content)
        queue = self.replies[msg_id]
        reply, outputs, idle = None, [], False
        replied = msg_type == "comm_msg"  # a comm message has no reply, only busy → idle
        deadline = time.monotonic() + timeout
        try:
            while not replied or (channel == "shell" and not idle):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise LoadTestError(f"{msg_type}: no reply within {timeout:.0f} s")
                try:
                    _, kind, body = await asyncio.wait_for(queue.get(), remaining)
                except TimeoutError:
                    raise LoadTestError(f"{msg_type}: no reply within {timeout:.0f} s "
                                        f"(replied {replied}, idle {idle})") from None
                if kind.endswith("_reply"):
                    reply, replied = body, True
                elif kind == "status" and body["execution_state"] == "idle":
                    idle = True
                elif kind in ("display_data", "execute_result", "error", "stream"):
                    outputs.append((kind, body))
        finally:
            del self.replies[msg_id]
        return reply, outputs

    def widget_children(self, model_id: str) -> list[str]:
        return [child.removeprefix("IPY_MODEL_")
                for child in self.models.get(model_id, {}).get("children", [])]

    def find_in(self, root: str, predicate) -> str | None:
        """The first widget under ``root`` (depth first) whose state satisfies ``predicate``."""
        stack = [root]
        for _ in range(10_000):  # widget trees of the course are tiny; bound it anyway
            if not stack:
                return None
            model_id = stack.pop(0)
            if predicate(self.models.get(model_id, {})):
                return model_id
            stack.extend(self.widget_children(model_id))
        return None

    async def close(self) -> None:
        self.ws.close()
        try:
            await asyncio.wait_for(self.reader, 5)
        except (TimeoutError, Exception):  # noqa: BLE001  (closing: nothing left to report)
            self.reader.cancel()


# -- one student ------------------------------------------------------------------------------
@dataclass
class Student:
    name: str
    spawn_s: float = float("nan")
    notebooks_s: float = float("nan")
    move_to_frame_ms: list[float] = field(default_factory=list)
    move_to_idle_ms: list[float] = field(default_factory=list)
    drag_kernel_cpu_s: float = float("nan")
    drag_server_cpu_s: float = float("nan")  # the student's Jupyter server, relaying
    failure: str = ""
    transports: list[str] = field(default_factory=list)  # of each kernel's connection file
    kernels: list[KernelConnection] = field(default_factory=list)
    relayout_moves: list[bool] = field(default_factory=list)  # whole-figure redraw or not
    drag_on: tuple | None = None  # (kernel, kernel id, outputs of the explorer's cell)


class Classroom:
    """The hub, the proxy and the HTTP client the students share."""

    folder = "backprop-course/notebooks"  # where the pre-spawn hook puts each student's copy
    notebooks = NOTEBOOKS

    def __init__(self, base_url: str, api_token: str):
        self.base_url = base_url
        self.api_token = api_token
        self.http = AsyncHTTPClient(max_clients=200)

    def prefix(self, student: Student) -> str:
        return "/user/" + student.name

    async def call(self, method: str, path: str, token: str, body=None, timeout: float = 120):
        request = HTTPRequest(self.base_url + path, method=method,
                              headers={"Authorization": f"token {token}"},
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, follow_redirects=False,
                              request_timeout=timeout, connect_timeout=timeout)
        try:
            response = await self.http.fetch(request)
        except HTTPClientError as error:
            detail = error.response.body[:300].decode(errors="replace") if error.response else ""
            raise LoadTestError(f"{method} {path}: HTTP {error.code} {detail}") from None
        return response.code, (json.loads(response.body) if response.body else None)

    async def spawn(self, student: Student) -> str:
        """Start the student's server; return a token for it. Records the spawn time."""
        hub = "/hub/api/users/" + student.name
        await self.call("POST", hub, self.api_token, {})
        started = time.perf_counter()
        code, _ = await self.call("POST", hub + "/server", self.api_token, {})
        if code not in (201, 202):  # 201: started; 202: starting, poll until ready
            raise LoadTestError(f"spawn: unexpected HTTP {code}")
        deadline = time.monotonic() + SPAWN_TIMEOUT_S
        grace = time.monotonic() + 10  # until the hub lists the pending spawn
        while True:
            _, user = await self.call("GET", hub, self.api_token)
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if not server and time.monotonic() > grace:
                raise LoadTestError("spawn: the hub gave up starting the server (see its log)")
            if time.monotonic() > deadline:
                raise LoadTestError(f"spawn: not ready within {SPAWN_TIMEOUT_S} s")
            await asyncio.sleep(0.5)
        _, token = await self.call("POST", hub + "/tokens", self.api_token,
                                   {"note": "loadtest", "expires_in": 3600})
        student.spawn_s = time.perf_counter() - started
        return token["token"]

    async def open_notebook(self, student: Student, token: str, notebook: str):
        """Open a notebook as JupyterLab does: read it, start its session, connect the kernel."""
        user = self.prefix(student)
        path = f"{self.folder}/{notebook}.ipynb"
        _, model = await self.call("GET", f"{user}/api/contents/{path}?content=1", token)
        _, session = await self.call("POST", f"{user}/api/sessions", token, {
            "path": path, "name": f"{notebook}.ipynb", "type": "notebook",
            "kernel": {"name": "python3"}})
        url = (self.base_url.replace("http://", "ws://") + f"{user}/api/kernels/"
               f"{session['kernel']['id']}/channels?session_id={uuid.uuid4().hex}")
        ws = await websocket_connect(
            HTTPRequest(url, headers={"Authorization": f"token {token}"}, connect_timeout=60,
                        request_timeout=60),
            subprotocols=[WS_PROTOCOL], max_message_size=64 * 2**20)
        if ws.selected_subprotocol != WS_PROTOCOL:
            raise LoadTestError(f"kernel websocket: server chose {ws.selected_subprotocol!r}")
        ws.protocol.stream.set_nodelay(True)  # browsers send without delay
        kernel = KernelConnection(ws, student.name)
        student.kernels.append(kernel)
        await kernel.request("shell", "kernel_info_request", {}, timeout=CELL_TIMEOUT_S)
        return kernel, model["content"], session["kernel"]["id"]

    async def run_notebook(self, student: Student, token: str, notebook: str):
        """Run every code cell in order; return the kernel, its id and the outputs by cell."""
        kernel, content, kernel_id = await self.open_notebook(student, token, notebook)
        student.transports.append(kernel_transport(find_kernel_process(kernel_id)))
        outputs_by_source = {}
        for cell in content["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            reply, outputs = await kernel.request("shell", "execute_request", {
                "code": source, "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
                timeout=CELL_TIMEOUT_S)
            if reply["status"] == "error" and reply["ename"] not in EXPECTED_ERRORS:
                raise LoadTestError(f"{notebook}: cell {source[:40]!r} raised "
                                    f"{reply['ename']}: {reply['evalue'][:200]}")
            outputs_by_source[source.strip()] = outputs
        return kernel, kernel_id, outputs_by_source

    async def drag(self, student: Student, kernel: KernelConnection, kernel_id: str,
                   outputs: list, moves: int) -> None:
        """Drag the explorer's slider ``moves`` steps, timing move → frame and move → idle."""
        views = [body["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
                 for kind, body in outputs
                 if kind in ("display_data", "execute_result")
                 and "application/vnd.jupyter.widget-view+json" in body["data"]]
        if not views:
            raise LoadTestError(f"drag: {DRAG_EXPLORER_CALL} showed no widget")
        slider = kernel.find_in(views[0], lambda s: s.get("description") == DRAG_SLIDER)
        canvas = kernel.find_in(views[0], lambda s: s.get("_model_name") == "MPLCanvasModel")
        if slider is None or canvas is None:
            raise LoadTestError(f"drag: no {DRAG_SLIDER!r} slider or canvas in the explorer")
        readout = kernel.find_in(views[0], lambda s: s.get("_model_name") == "HTMLModel"
                                  and "<pre" in s.get("value", ""))

        def diverged_runs() -> int:  # what the learner reads under the sliders
            return kernel.models.get(readout, {}).get("value", "").count(DIVERGED)

        state = kernel.models[slider]
        exponent = round(math.log10(state["value"]), 6)
        step = state["step"]
        frames = kernel.frames[canvas]
        while not frames.empty():  # frames of the first showing are not part of the drag
            frames.get_nowait()
        kernel_process = find_kernel_process(kernel_id)
        server_process = kernel_process.parent() if kernel_process else None
        cpu_before = process_cpu_s(kernel_process)
        server_cpu_before = process_cpu_s(server_process)
        shown = diverged_runs()
        for move in range(1, moves + 1):
            value = 10 ** min(state["max"], exponent + move * step)
            started = time.perf_counter()
            _, _ = await kernel.request("shell", "comm_msg", {
                "comm_id": slider,
                "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}},
                timeout=MOVE_TIMEOUT_S)
            idle_at = time.perf_counter()
            try:  # the frame normally arrives before idle (the explorer blits in the callback)
                frame_at = await asyncio.wait_for(frames.get(), MOVE_TIMEOUT_S)
            except TimeoutError:
                raise LoadTestError(f"drag: move {move} sent no new frame") from None
            student.move_to_frame_ms.append(1000 * (frame_at - started))
            student.move_to_idle_ms.append(1000 * (idle_at - started))
            # A run crossing into (or out of) divergence shows or hides its "diverged" label:
            # the explorer then redraws the whole figure instead of blitting the lines.
            student.relayout_moves.append(diverged_runs() != shown)
            shown = diverged_runs()
        student.drag_kernel_cpu_s = process_cpu_s(kernel_process) - cpu_before
        student.drag_server_cpu_s = process_cpu_s(server_process) - server_cpu_before

    async def attempt(self, student: Student, step) -> None:
        """Run one step of a student's lesson; a failure is recorded, never raised."""
        try:
            await step
        except Exception as error:  # noqa: BLE001  (every failure is counted and shown)
            where = traceback.extract_tb(error.__traceback__)[-1]
            student.failure = (f"{type(error).__name__}: {error} "
                               f"(line {where.lineno}, {where.name})")[:400]

    async def start_lesson(self, student: Student) -> None:
        """Log in, get a server, open and run the three notebooks."""
        token = await self.spawn(student)
        started = time.perf_counter()
        for notebook in self.notebooks:
            kernel, kernel_id, outputs = await self.run_notebook(student, token, notebook)
            if notebook == DRAG_NOTEBOOK:
                student.drag_on = (kernel, kernel_id, outputs[DRAG_EXPLORER_CALL])
        student.notebooks_s = time.perf_counter() - started


class SingleLab(Classroom):
    """One learner on ``make lab``'s JupyterLab (no hub): the server is already running."""

    folder = "notebooks"

    def __init__(self, base_url: str, token: str, start_s: float):
        super().__init__(base_url, token)
        self.start_s = start_s

    def prefix(self, student: Student) -> str:
        return ""

    async def spawn(self, student: Student) -> str:
        student.spawn_s = self.start_s
        return self.api_token


# -- processes ---------------------------------------------------------------------------------
def process_cpu_s(process: psutil.Process | None) -> float:
    if process is None:
        return float("nan")
    try:
        times = process.cpu_times()
    except psutil.Error:
        return float("nan")
    return times.user + times.system


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (every process, every core)."""
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + getattr(times, "irq", 0.0) + getattr(
        times, "softirq", 0.0)


def others_share(busy_before: float, started: float, per_student: dict, infra: dict) -> float:
    """The share of the machine's cores used by processes that are not this load test's."""
    ours = (sum(m["cpu_s"] for m in per_student.values())
            + sum(m["cpu_s"] for m in infra.values()) + process_cpu_s(psutil.Process()))
    capacity = (time.perf_counter() - started) * (os.cpu_count() or 1)
    return max(0.0, (busy_cpu_s() - busy_before - ours) / capacity)


def kernel_transport(process: psutil.Process | None) -> str:
    """'ipc' or 'tcp', from the connection file the kernel was started with ('?' if unknown)."""
    try:
        command = process.cmdline()
        connection_file = Path(process.cwd(), command[command.index("-f") + 1])
        return json.loads(connection_file.read_text())["transport"]
    except (AttributeError, ValueError, OSError, KeyError, psutil.Error):
        return "?"


def find_kernel_process(kernel_id: str) -> psutil.Process | None:
    """The kernel process started with this kernel's connection file."""
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            return process
    return None


class ProcessWatch:
    """Every process the hub and proxy started, seen by polling, kept by (pid, start time)."""

    def __init__(self):
        self.roots: list[psutil.Process] = []
        self.seen: dict[int, psutil.Process] = {}

    def add_root(self, popen: subprocess.Popen) -> None:
        process = psutil.Process(popen.pid)
        self.roots.append(process)
        self.seen[process.pid] = process

    def poll(self) -> None:
        for root in self.roots:
            try:
                for child in root.children(recursive=True):
                    self.seen.setdefault(child.pid, child)
            except psutil.Error:
                continue

    def alive(self) -> list[psutil.Process]:
        """The processes seen that still run (an exited, unreaped one does not count)."""
        running = []
        for process in self.seen.values():
            try:
                if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                    running.append(process)
            except psutil.Error:  # it exited between the two questions
                continue
        return running


def memory_and_cpu(servers: dict[str, psutil.Process], infra: dict[str, list[psutil.Process]]):
    """PSS (MiB) and CPU seconds of each student's server with its kernels, and of the rest."""
    per_student: dict[str, dict] = {}
    for user, server in servers.items():
        try:
            group = [server, *server.children(recursive=True)]
            per_student[user] = {"pss_mib": sum(p.memory_full_info().pss for p in group) / 2**20,
                                 "server_pss_mib": server.memory_full_info().pss / 2**20,
                                 "cpu_s": sum(process_cpu_s(p) for p in group),
                                 "processes": len(group)}
        except psutil.Error:
            continue
    others = {}
    for label, group in infra.items():
        try:
            others[label] = {"pss_mib": sum(p.memory_full_info().pss for p in group) / 2**20,
                             "cpu_s": sum(process_cpu_s(p) for p in group)}
        except psutil.Error:  # a service that just exited: leave its figure out
            continue
    return per_student, others


def hub_servers(watch: ProcessWatch) -> dict[str, psutil.Process]:
    """Each student's single-user server process, by the user it serves."""
    servers = {}
    for process in watch.alive():
        try:
            if "jupyterhub-singleuser" in " ".join(process.cmdline()):
                servers[process.environ().get("JUPYTERHUB_USER", "?")] = process
        except psutil.Error:
            continue
    return servers


def stop(process: psutil.Process, popen: subprocess.Popen | None, timeout: float) -> bool:
    """SIGTERM one process we started, SIGKILL if it outlives ``timeout``; True if it is gone."""
    try:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout)
    except psutil.NoSuchProcess:
        pass
    except psutil.TimeoutExpired:
        process.kill()
        process.wait(10)
    if popen is not None:
        popen.wait(10)  # reap it
    return not process.is_running()


def wait_for_port(port: int, popen: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + HUB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if popen.poll() is not None:
            raise LoadTestError(f"{what} exited with {popen.returncode}; its log:\n"
                                + log.read_text()[-3000:])
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise LoadTestError(f"{what} did not listen on port {port} within {HUB_START_TIMEOUT_S} s")


# -- the run -----------------------------------------------------------------------------------
def summarize(students: list[Student], per_student: dict, infra: dict, args) -> dict:
    ok = [s for s in students if not s.failure]
    frames = [ms for s in ok for ms in s.move_to_frame_ms]
    blitted = [ms for s in ok
               for ms, relayout in zip(s.move_to_frame_ms, s.relayout_moves, strict=True)
               if not relayout]
    idles = [ms for s in ok for ms in s.move_to_idle_ms]
    measured = [per_student[s.name] for s in ok if s.name in per_student]
    drag_cpu = [s.drag_kernel_cpu_s / args.moves for s in ok if s.move_to_frame_ms]
    relay_cpu = [s.drag_server_cpu_s / args.moves for s in ok if s.move_to_frame_ms]
    return {
        "students": len(students), "failed": len(students) - len(ok),
        "notebooks": len(args.notebooks),
        "nodelay": not args.no_nodelay, "moves_per_student": args.moves,
        "drag": "together" if args.together else "when ready",
        "spawn_s_median": statistics.median([s.spawn_s for s in ok]) if ok else None,
        "spawn_s_max": max((s.spawn_s for s in ok), default=None),
        "notebooks_s_median": statistics.median([s.notebooks_s for s in ok]) if ok else None,
        "notebooks_s_max": max((s.notebooks_s for s in ok), default=None),
        "move_to_frame_ms_median": percentile(frames, 50),
        "move_to_frame_ms_p95": percentile(frames, 95),
        "blitted_move_to_frame_ms_median": percentile(blitted, 50),
        "blitted_move_to_frame_ms_p95": percentile(blitted, 95),
        "relayout_moves_per_student": (statistics.median(sum(s.relayout_moves) for s in ok)
                                       if ok else None),
        "move_to_idle_ms_median": percentile(idles, 50),
        "move_to_idle_ms_p95": percentile(idles, 95),
        "kernels_on_ipc": sum(t == "ipc" for s in students for t in s.transports),
        "kernels_started": sum(len(s.transports) for s in students),
        "kernel_cpu_ms_per_move": 1000 * statistics.median(drag_cpu) if drag_cpu else None,
        "server_cpu_ms_per_move": 1000 * statistics.median(relay_cpu) if relay_cpu else None,
        "pss_mib_per_student_median": (statistics.median(m["pss_mib"] for m in measured)
                                       if measured else None),
        "pss_mib_per_student_max": max((m["pss_mib"] for m in measured), default=None),
        "server_pss_mib_median": (statistics.median(m["server_pss_mib"] for m in measured)
                                  if measured else None),
        "cpu_s_per_student_median": (statistics.median(m["cpu_s"] for m in measured)
                                     if measured else None),
        "hub_pss_mib": infra.get("hub", {}).get("pss_mib"),
        "proxy_pss_mib": infra.get("proxy", {}).get("pss_mib"),
        "hub_cpu_s": infra.get("hub", {}).get("cpu_s"),
        "proxy_cpu_s": infra.get("proxy", {}).get("cpu_s"),
        "move_to_frame_ms_by_move": [round(statistics.median(
            s.move_to_frame_ms[i] for s in ok if len(s.move_to_frame_ms) > i), 1)
            for i in range(args.moves)] if frames else [],
        "failures": [f"{s.name}: {s.failure}" for s in students if s.failure],
        "cpu_count": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
    }


def table(summaries: list[dict]) -> str:
    """The capacity table, one row per run."""
    def f(value, digits=0):
        return "–" if value is None or value != value else f"{value:.{digits}f}"

    lines = ["| set-up | students | drag | TCP_NODELAY | failed | spawn s (median / max) "
             "| notebooks s (median / max) | move → frame ms (median / p95) "
             "| same, moves without a whole-figure redraw "
             "| move → idle ms (median / p95) | CPU ms per move (kernel + server) "
             "| PSS MiB per student (median / max) | CPU s per student "
             "| other load on the machine |",
             "|" + "---|" * 14]
    for s in summaries:
        lines.append(
            f"| {s.get('setup', 'hub')} | {s['students']} | {s.get('drag', 'together')} "
            f"| {'on' if s['nodelay'] else 'off'} "
            f"| {s['failed']} | {f(s['spawn_s_median'], 1)} / {f(s['spawn_s_max'], 1)} "
            f"| {f(s['notebooks_s_median'], 1)} / {f(s['notebooks_s_max'], 1)} "
            f"| {f(s['move_to_frame_ms_median'])} / {f(s['move_to_frame_ms_p95'])} "
            f"| {f(s.get('blitted_move_to_frame_ms_median'))} / "
            f"{f(s.get('blitted_move_to_frame_ms_p95'))} "
            f"| {f(s['move_to_idle_ms_median'])} / {f(s['move_to_idle_ms_p95'])} "
            f"| {f(s['kernel_cpu_ms_per_move'], 1)} + {f(s.get('server_cpu_ms_per_move'), 1)} "
            f"| {f(s['pss_mib_per_student_median'])} / {f(s['pss_mib_per_student_max'])} "
            f"| {f(s['cpu_s_per_student_median'], 1)} "
            f"| {f(100 * s.get('other_processes_core_share', float('nan')))} % of cores |")
    return "\n".join(lines)


async def play(classroom: Classroom, students: list[Student], moves: int, watch: ProcessWatch,
               deadline_s: float, together: bool) -> None:
    """Every student's lesson, all at once, bounded by ``deadline_s`` in all.

    Each student drags as soon as their own notebooks have run; with ``together``, the
    lesson has two phases as when a teacher says "now drag lr": everyone runs the
    notebooks, then, once all are there, everyone drags at once.
    """
    end = time.monotonic() + deadline_s

    async def watching():
        while True:  # until cancelled below; catches every server and kernel as it starts
            watch.poll()
            await asyncio.sleep(1.0)

    async def phase(steps: list[tuple[Student, object]]) -> None:
        tasks = {asyncio.ensure_future(classroom.attempt(student, step)): student
                 for student, step in steps}
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=max(1.0, end - time.monotonic()))
        for task in pending:
            task.cancel()
            tasks[task].failure = f"unfinished after {deadline_s:.0f} s"
        await asyncio.gather(*tasks, return_exceptions=True)

    async def whole_lesson(student: Student) -> None:
        await classroom.start_lesson(student)
        await classroom.drag(student, *student.drag_on, moves)

    watcher = asyncio.ensure_future(watching())
    try:
        if together:
            await phase([(s, classroom.start_lesson(s)) for s in students])
            await phase([(s, classroom.drag(s, *s.drag_on, moves))
                         for s in students if not s.failure])
        else:
            await phase([(s, whole_lesson(s)) for s in students])
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        watch.poll()


def run(args) -> dict:
    if not PROXY.exists():
        raise SystemExit(f"{PROXY} is missing: run `npm ci --prefix classroom` "
                         "(make loadtest does it)")
    state = Path(tempfile.mkdtemp(prefix="cl-"))  # short: kernels' ipc socket paths live here
    ports = {"hub": free_port(), "proxy": free_port(), "proxy_api": free_port()}
    api_token, proxy_token = secrets.token_hex(32), secrets.token_hex(32)
    env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": proxy_token, "CLASSROOM_LOADTEST": "1",
           "CLASSROOM_AUTHENTICATOR": "dummy", "CLASSROOM_SPAWNER": "simple",
           "CLASSROOM_LT_HOMES": str(state / "h"), "CLASSROOM_LT_STATE": str(state),
           "CLASSROOM_LT_HUB_PORT": str(ports["hub"]),
           "CLASSROOM_LT_PROXY_PORT": str(ports["proxy"]),
           "CLASSROOM_LT_PROXY_API_PORT": str(ports["proxy_api"]),
           "CLASSROOM_LT_API_TOKEN": api_token,
           "CLASSROOM_KERNEL_WS_NODELAY": "0" if args.no_nodelay else "1"}
    watch = ProcessWatch()
    proxy_popen = hub_popen = None
    students = [Student(f"student{i:02d}") for i in range(1, args.students + 1)]
    per_student, infra, leftovers, other_share = {}, {}, [], float("nan")
    busy_before, started = busy_cpu_s(), time.perf_counter()
    try:
        proxy_log = (state / "proxy.log").open("w")
        proxy_popen = subprocess.Popen(
            [str(PROXY), "--ip", "127.0.0.1", "--port", str(ports["proxy"]),
             "--api-ip", "127.0.0.1", "--api-port", str(ports["proxy_api"]),
             "--default-target", f"http://127.0.0.1:{ports['hub']}",
             "--error-target", f"http://127.0.0.1:{ports['hub']}/hub/error",
             "--log-level", "warn"],
            env=env, stdout=proxy_log, stderr=subprocess.STDOUT, cwd=state)
        watch.add_root(proxy_popen)
        wait_for_port(ports["proxy"], proxy_popen, "configurable-http-proxy", state / "proxy.log")
        hub_log = (state / "hub.log").open("w")
        hub_popen = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"),
             "-f", str(HERE / "loadtest_hub_config.py")],
            env=env, stdout=hub_log, stderr=subprocess.STDOUT, cwd=state)
        watch.add_root(hub_popen)
        wait_for_port(ports["hub"], hub_popen, "jupyterhub", state / "hub.log")
        classroom = Classroom(f"http://127.0.0.1:{ports['proxy']}", api_token)
        classroom.notebooks = args.notebooks
        asyncio.run(play(classroom, students, args.moves, watch, args.deadline,
                         args.together))
        hub, proxy = watch.roots[1], watch.roots[0]
        servers = hub_servers(watch)
        services = [p for p in hub.children() if p not in servers.values()]  # idle culler
        per_student, infra = memory_and_cpu(servers, {"hub": [hub, *services], "proxy": [proxy]})
        other_share = others_share(busy_before, started, per_student, infra)
        if args.keep_log:
            shutil.copy(state / "hub.log", args.keep_log)
    finally:
        # The hub first: it stops every student's server (and they their kernels). A proxy
        # stopped first would be restarted by a live hub.
        watch.poll()
        if hub_popen is not None:
            stop(watch.roots[1], hub_popen, STOP_TIMEOUT_S)
        # A kernel may still be finishing its own shutdown when the hub exits; only what is
        # still running after a grace period was left behind.
        psutil.wait_procs([p for p in watch.alive()
                           if proxy_popen is None or p.pid != proxy_popen.pid],
                          timeout=LEFTOVER_GRACE_S)
        for process in watch.alive():  # anything the hub did not stop, by PID
            if proxy_popen is None or process.pid != proxy_popen.pid:
                leftovers.append(" ".join(process.cmdline())[:120])
                stop(process, None, 10)
        if proxy_popen is not None:
            stop(watch.roots[0], proxy_popen, STOP_TIMEOUT_S)
        still = watch.alive()
        shutil.rmtree(state, ignore_errors=True)
        if still:
            raise LoadTestError(f"could not stop: {[p.pid for p in still]}")
    summary = summarize(students, per_student, infra, args)
    summary["left_behind_after_hub_stop"] = leftovers
    summary["processes_started"] = len(watch.seen)
    summary["other_processes_core_share"] = round(other_share, 2)
    summary["pids"] = [[p.pid, p.create_time()] for p in watch.seen.values()]
    return summary


def run_single_lab(args) -> dict:
    """One learner on ``make lab``'s own JupyterLab command and environment (no hub, no proxy)."""
    spec = importlib.util.spec_from_file_location("launch_lab", ROOT / "tools" / "launch_lab.py")
    launch_lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launch_lab)
    state = Path(tempfile.mkdtemp(prefix="cl-"))
    shutil.copytree(ROOT / "notebooks", state / "notebooks",
                    ignore=shutil.ignore_patterns(".*"))
    token, port = secrets.token_hex(24), free_port()
    replaced = ("--ServerApp.root_dir=", "--ServerApp.open_browser=")
    command = [*(arg for arg in launch_lab.lab_command(token, as_root=os.geteuid() == 0)
                 if not arg.startswith(replaced)),
               f"--ServerApp.root_dir={state}", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", "--ServerApp.open_browser=False"]
    env = {**launch_lab.lab_environment(dict(os.environ)), "JUPYTER_RUNTIME_DIR": str(state / "r"),
           "CLASSROOM_KERNEL_WS_NODELAY": "0" if args.no_nodelay else "1"}
    watch = ProcessWatch()
    student = Student("learner")
    per_student, infra, leftovers, popen, other_share = {}, {}, [], None, float("nan")
    busy_before = busy_cpu_s()
    try:
        started = time.perf_counter()
        with (state / "lab.log").open("w") as log:
            popen = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     cwd=state)
        watch.add_root(popen)
        wait_for_port(port, popen, "jupyter lab", state / "lab.log")
        lab = SingleLab(f"http://127.0.0.1:{port}", token, time.perf_counter() - started)
        lab.notebooks = args.notebooks
        asyncio.run(play(lab, [student], args.moves, watch, args.deadline, args.together))
        per_student, infra = memory_and_cpu({"learner": watch.roots[0]}, {})
        other_share = others_share(busy_before, started, per_student, infra)
    finally:
        watch.poll()
        if popen is not None:
            stop(watch.roots[0], popen, STOP_TIMEOUT_S)
        psutil.wait_procs(watch.alive(), timeout=LEFTOVER_GRACE_S)
        for process in watch.alive():
            leftovers.append(" ".join(process.cmdline())[:120])
            stop(process, None, 10)
        shutil.rmtree(state, ignore_errors=True)
    summary = summarize([student], per_student, infra, args)
    summary["left_behind_after_hub_stop"] = leftovers
    summary["processes_started"] = len(watch.seen)
    summary["other_processes_core_share"] = round(other_share, 2)
    summary["pids"] = [[p.pid, p.create_time()] for p in watch.seen.values()]
    return summary


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", "-n", type=int, default=20,
                        help="students acting at once (default 20)")
    parser.add_argument("--moves", type=int, default=20, help="slider moves per student")
    parser.add_argument("--no-nodelay", action="store_true",
                        help="switch the kernel websocket TCP_NODELAY fix off (the 'before')")
    parser.add_argument("--deadline", type=float, default=1800,
                        help="give up on unfinished students after this many seconds")
    parser.add_argument("--together", action="store_true",
                        help="everyone drags at once, after all have run the notebooks "
                             "(default: each drags as soon as their notebooks have run)")
    parser.add_argument("--all-notebooks", dest="notebooks", action="store_const",
                        default=NOTEBOOKS, const=ALL_NOTEBOOKS,
                        help="open and run every notebook of the course, not only 00, 03, 05")
    parser.add_argument("--lab", action="store_true",
                        help="one learner on make lab's JupyterLab instead of a hub")
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    parser.add_argument("--table", type=Path, nargs="+", metavar="JSON",
                        help="only print the table of earlier runs' --json files")
    parser.add_argument("--keep-log", type=Path, help="copy the hub's log here")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200:
        parser.error("--students must be between 1 and 200")
    if not 1 <= args.moves <= 1000:
        parser.error("--moves must be between 1 and 1000")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    if args.table:
        print(table([json.loads(path.read_text()) for path in args.table]))
        return 0
    summary = run_single_lab(args) if args.lab else run(args)
    summary["setup"] = "make lab" if args.lab else "hub"
    summary["wall_s"] = round(time.perf_counter() - started, 1)
    # What else ran: the machine's load when we started, and the simulated browsers' own CPU.
    summary["load_average_1min_before"] = round(load_before, 2)
    summary["load_generator_cpu_s"] = round(process_cpu_s(psutil.Process()), 1)
    print(table([summary]))
    s = summary
    if s["hub_pss_mib"] is not None:
        print(f"hub {s['hub_pss_mib']:.0f} MiB PSS, {s['hub_cpu_s']:.1f} CPU s (with the idle "
              f"culler); proxy {s['proxy_pss_mib']:.0f} MiB, {s['proxy_cpu_s']:.1f} CPU s")
    print(f"{s['kernels_on_ipc']} of {s['kernels_started']} kernels on ipc; "
          f"{s['processes_started']} processes started, all stopped "
          f"({len(s['left_behind_after_hub_stop'])} needed stopping after the hub); "
          f"{s['wall_s']} s in all; simulated browsers used {s['load_generator_cpu_s']} CPU s; "
          f"other processes on this machine used {100 * s['other_processes_core_share']:.0f} % "
          f"of its cores meanwhile (load average {s['load_average_1min_before']} before)")
    for failure in s["failures"]:
        print("FAILED", failure)
    for command in s["left_behind_after_hub_stop"]:
        print(f"LEFT BEHIND (still running {LEFTOVER_GRACE_S} s after the hub stopped):", command)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    return 1 if s["failed"] or s["left_behind_after_hub_stop"] else 0


if __name__ == "__main__":
    sys.exit(main())
