"""bench/load.py's tools: a gunicorn server with akhbar's config, plain GETs, wrk runs and their tables."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
HOST = "casablanca.localhost"


class Server:
    """gunicorn with akhbar's config and 2 workers on one port (extra environment on top)."""

    def __init__(
        self,
        port: int,
        logdir: Path,
        name: str,
        env: dict[str, str] | None = None,
        access_log=False,
        root: Path = ROOT,
    ):
        self.port, self.name = port, name
        self.access_log = logdir / f"{name}-access.log" if access_log else None
        environ = {
            **os.environ,
            "WEB_CONCURRENCY": "2",
            # No recycling of workers after N requests: at 2,000 req/s both workers restart within
            # seconds of each other, and the row measured then stalls (0 req/s, p99 of seconds).
            "GUNICORN_MAX_REQUESTS": "0",
            "PORT": str(port),
            "HOST": "127.0.0.1",
            **(env or {}),
        }
        environ["PYTHONPATH"] = os.pathsep.join([str(BENCH), str(root)])  # akhbar from `root`
        args = [sys.executable, "-m", "gunicorn", "-c", "python:akhbar.gunicorn_config", "akhbar.wsgi"]
        if self.access_log:
            args += ["--access-logfile", str(self.access_log)]
        self.log = open(logdir / f"{name}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            args, env=environ, cwd=root, stdout=self.log, stderr=subprocess.STDOUT
        )
        wait_http(f"http://127.0.0.1:{port}/__bare__/", HOST)

    def requests_logged(self) -> int:
        """Reader requests in the access log (Varnish's health probes fetch a static file: not counted)."""
        if not (self.access_log and self.access_log.exists()):
            return 0
        with open(self.access_log) as log:
            return sum(1 for line in log if '"GET /static/' not in line)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wait_http(url: str, host: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            get(url, host)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def get(url: str, host: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.status, dict(response.headers), response.read()


def warm_up(base: str, paths: dict[str, list[tuple[str, str]]]) -> float:
    """GET every page of the mix once (lead-image renditions are made on a page's first view and kept)."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    pages = paths["articles"] + paths["sections"]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda pair: get(base + pair[1], pair[0]), pages))
    return time.monotonic() - started


def cache_state(base: str, host: str, path: str) -> str:
    """What repeated anonymous GETs say about caching: a page-cache hit (each gunicorn worker keeps its
    own copy without Redis, so one of several repeats must hit), cacheable by a shared cache, or not."""
    answers = [get(base + path, host)[1] for _ in range(5)]
    if any(headers.get("X-Page-Cache") == "hit" for headers in answers[1:]):
        return "hit"
    return "public" if "public" in answers[-1].get("Cache-Control", "") else "miss"


WRK_NUMBER = r"([\d.]+)(us|ms|s|k|M)?"


def wrk(url: str, *, host: str, seconds: float, connections: int, script: Path | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "10s", "--latency"]
    args += ["-H", f"Host: {host}"]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+{WRK_NUMBER}", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}.get(unit, 1)

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    fivexx = re.search(r"^5xx (\d+)", out, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "5xx": int(fivexx.group(1)) if fivexx else None,
    }


def mixed_script(paths: dict[str, list[tuple[str, str]]], workdir: Path) -> Path:
    """A wrk Lua script: 80 % articles, 15 % sections, 5 % search, counting 5xx answers."""
    from load_traffic import lua_script

    script = workdir / "mixed.lua"
    script.write_text(lua_script(paths), encoding="utf-8")
    return script


def print_table(rows: list[dict], bare: float, static: float) -> None:
    print(
        f"\n{'what':<34} {'cache':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>7} {'× static':>8}"
    )

    def ratio(value: float, base: float) -> str:  # a row that stalled to 0 req/s prints "-"
        return f"{value / base:.2f}" if base else "-"

    for row in rows:
        base = row.get("bare", bare)
        print(
            f"{row['what']:<34} {row['cache']:>6} {row['rps']:>8.0f} {row['p50']:>8.1f} {row['p99']:>8.1f}"
            f" {ratio(row['rps'], base):>7} {ratio(row['rps'], static):>8}"
        )


def print_mixed(label: str, result: dict, extra: str = "") -> None:
    print(
        f"{label:<24} {result['requests']:>7} req {result['rps']:>6.0f} req/s  p50 {result['p50']:>5.0f} ms"
        f"  p99 {result['p99']:>5.0f} ms  socket errors {result['socket_errors']}  non-2xx/3xx"
        f" {result['non2xx']}  5xx {result['5xx']}{extra}"
    )
