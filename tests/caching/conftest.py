"""A Redis server of the test's own, on a free loopback port, that a test can stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

import pytest

from akhbar.caching.backends import reset_outages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def redis_caches(url: str) -> dict:
    """settings.CACHES as production has them with REDIS_URL=url."""
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
    return {
        "default": {
            "BACKEND": "akhbar.caching.backends.DegradingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "t:default",
            "OPTIONS": options,
        },
        "state": {
            "BACKEND": "akhbar.caching.backends.StateRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "t:state",
            "OPTIONS": options,
        },
    }


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: apt-get install -y redis-server to run the outage tests")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="akhbar-redis-")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RedisServer(process, port)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            server.stop()
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.05)
    reset_outages()
    yield server
    server.stop()
    reset_outages()
    shutil.rmtree(workdir, ignore_errors=True)
