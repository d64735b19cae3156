"""Hearth served by gunicorn for a benchmark, and browsers that keep their own cookies.

`gunicorn_serving` starts `gunicorn config.wsgi` on a free loopback port against the
benchmark's throwaway database, configured as a deployment is (DEBUG off, static files
collected, HTTPS ended at a proxy that says so with X-Forwarded-Proto), waits until `/health/`
answers, and stops it whatever happens. A `Browser` is one person's cookies (session, CSRF,
messages) sent and kept as a browser would, over its thread's own keep-alive connection.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
READY_WITHIN = 60.0  # seconds for gunicorn to answer /health/
# What the proxy in front adds to every request (docs/operations/deploy.md).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def gunicorn_serving(*, workers: int, secret_key: str, var_dir: str) -> Iterator[int]:
    """Serve Hearth with `workers` gunicorn workers on the benchmark's database; yields the port.

    The database is the one in DATABASE_URL (the benchmark's own, set up by `django_ready`);
    `secret_key` is the benchmark process's, so sessions it made are valid on the server."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": HOST,
        "HEARTH_VAR_DIR": var_dir,
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    log_path = Path(var_dir) / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                *(python, "-m", "gunicorn", "config.wsgi"),
                *("--bind", f"{HOST}:{port}", "--workers", str(workers)),
                *("--timeout", "60", "--graceful-timeout", "5"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, to stop the workers with it
            preexec_fn=_stop_with_parent,  # called before any thread of ours is started
        )
    _served_groups.add(server.pid)  # its own session: the group has the master's id
    try:
        _wait_until_answering(server, port, log_path)
        yield port
    finally:
        _stop(server)
        _served_groups.discard(server.pid)


def _stop_with_parent() -> None:
    """In the server's process before it starts: on Linux, have it sent SIGTERM if the
    benchmark dies without its `finally` running (killed, or a test's timeout)."""
    if sys.platform == "linux":
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _wait_until_answering(server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped on starting:\n{log_path.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/health/", headers=PROXY_HEADERS)
            if connection.getresponse().status == 200:
                connection.close()
                return
            connection.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {READY_WITHIN:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


_local = threading.local()


def _connection(port: int) -> http.client.HTTPConnection:
    """This thread's connection, kept open between requests where the server allows it."""
    connection: http.client.HTTPConnection | None = getattr(_local, "connection", None)
    if connection is None or connection.port != port:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        _local.connection = connection
    return connection


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


@dataclass
class Browser:
    """One person's browser: it sends the cookies it was given and keeps those it is sent."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, *, referer: str = "") -> Answer:
        return self._send("GET", path, None, referer)

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        """Post a form from the page at `path` (so its Referer is that page, as a browser's)."""
        return self._send("POST", path, urlencode(fields).encode(), path)

    def _send(self, method: str, path: str, body: bytes | None, referer: str) -> Answer:
        headers = {**PROXY_HEADERS, "Host": f"{HOST}:{self.port}"}
        if referer:
            headers["Referer"] = f"https://{HOST}:{self.port}{referer}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = _connection(self.port)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except (http.client.HTTPException, OSError):
            connection.close()  # a connection the server had closed: once more, on a new one
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        if response.will_close:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep(header)
        return Answer(response.status, response.headers.get("Location", ""), text)

    def _keep(self, header: str) -> None:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.coded_value  # sent back as it came


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far (Linux, from /proc): by this process and its threads ("client"),
    by the gunicorn processes this benchmark started ("server": their process group, led by
    the master), and by every PostgreSQL process ("database"). Empty where /proc is missing."""
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    found = {"client": time.process_time(), "server": 0.0, "database": 0.0}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone meanwhile
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        group, used = int(fields[2]), (int(fields[11]) + int(fields[12])) / tick
        if group in _served_groups:
            found["server"] += used
        elif name.startswith("postgres"):
            found["database"] += used
    return found


def cpu_ms_each(before: dict[str, float], count: int) -> dict[str, float]:
    """Milliseconds of CPU each of `count` things cost, by whom, since `cpu_seconds()` gave
    `before` (empty where /proc is missing)."""
    return {k: (v - before[k]) * 1000 / count for k, v in cpu_seconds().items()}


_served_groups: set[int] = set()  # the process groups of gunicorn servers started here


def percentile(samples: list[float], percent: float) -> float:
    """The nearest-rank percentile of `samples`."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]
