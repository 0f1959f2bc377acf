"""Load on the production server: gunicorn with 2 workers, driven by Debian's wrk, everything in one run.

    python bench/load.py [--quick] [--port 8120] [--workdir DIR] [--rebuild]
        [--database postgres://postgres@127.0.0.1:5432/akhbar_bench_load] [--articles 30000]

Builds (or reuses, in --workdir) the demo network on SQLite (or in the PostgreSQL database --database
names, created when missing), optionally grown to --articles articles with bulk-inserted page rows
(older than the demo's own, which stay the measured pages), collects static files, then starts gunicorn
with akhbar's config (2 workers) on --port with bench/load_site.py's settings (the demo settings plus a
bare Django view at /__bare__/) and measures, one after the other, with `wrk --latency`:

  bare view, static file (WhiteNoise), home/section/article and the search API from the running
  server (page-cache hits where the page cache stores them: the `cache` column says what the second of
  two GETs answered), and an uncached article from a second server started with PAGE_CACHE_SECONDS=0
  (the page cache off; its own bare view is measured too, so its ratio is from the same server), and
  with --before DIR the same from a server running the akhbar code in DIR (an older checkout);

then mixed traffic (80 % articles over many pages, 15 % sections, 5 % search, a Lua script) for 60 s at
64 connections; the same with a Redis the script starts on --port + 9 and stops halfway (REDIS_URL
points at it; 5xx answers are counted by the Lua script); and, when deploy/varnish/akhbar.vcl exists,
the mixed traffic through Varnish (its backend pointed at the app) counting the requests that reached
gunicorn (its access log). Prints tables; results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from load_demo import add_articles, build_demo, database_url, reader_paths, setup_django

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
VCL = ROOT / "deploy" / "varnish" / "akhbar.vcl"
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="3 s per row and 15 s of mixed traffic")
    parser.add_argument(
        "--port", type=int, default=8120, help="app port; +1 and +2 other apps, +7 Varnish, +9 Redis"
    )
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "akhbar-bench-load")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    parser.add_argument(
        "--database", default="", help="a PostgreSQL URL for the demo (default: SQLite in --workdir)"
    )
    parser.add_argument(
        "--articles", type=int, default=0, help="grow the demo to this many articles (bulk page rows)"
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="a checkout of other code (an older commit): its uncached article is measured in the same run",
    )
    parser.add_argument("--vcl", type=Path, default=VCL, help="Varnish configuration (default: %(default)s)")
    parser.add_argument("--only-varnish", action="store_true", help="just the Varnish row (checking a VCL)")
    parser.add_argument("--seconds", type=float, default=None, help="seconds per single-page row")
    parser.add_argument("--mixed-seconds", type=float, default=None, help="seconds of mixed traffic")
    parser.add_argument(
        "--no-mixed", action="store_true", help="only the single-page rows (no mixed traffic, Varnish)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/load.py needs Debian's wrk (apt-get install -y wrk)")
    seconds = args.seconds or (3 if args.quick else 10)
    mixed_seconds = args.mixed_seconds or (15 if args.quick else 60)
    if args.rebuild and args.workdir.exists():
        shutil.rmtree(args.workdir)
    args.workdir.mkdir(parents=True, exist_ok=True)
    setup_django(args.workdir, database_url(args.workdir, args.database, args.rebuild))
    build_demo(args.port, args.rebuild)
    add_articles(args.articles)
    paths = reader_paths()
    script = mixed_script(paths, args.workdir)
    logs = args.workdir / "logs"
    logs.mkdir(exist_ok=True)
    if args.only_varnish:
        varnish_run(args, logs, script, mixed_seconds)
        return

    base = f"http://127.0.0.1:{args.port}"
    article_host, article = paths["articles"][0]
    section_host, section = paths["sections"][0]
    from django.db import connection

    from akhbar.news.models import ArticlePage

    print(f"• {connection.vendor}, {ArticlePage.objects.count():,} articles")
    print(f"• gunicorn, 2 workers on :{args.port}; wrk 2 threads, 16 connections, {seconds:.0f} s per row")
    server = Server(args.port, logs, "app")
    try:
        _, _, home_html = get(base + "/", HOST)
        static = re.search(rb'href="(/static/akhbar/css/site[^"]*\.css)"', home_html).group(1).decode()
        search = "/api/search?q=" + quote("المغرب")
        targets = [
            ("bare Django view", HOST, "/__bare__/"),
            ("static file (WhiteNoise)", HOST, static),
            ("home", HOST, "/"),
            ("section", section_host, section),
            ("article", article_host, article),
            ("search API", HOST, search),
        ]
        rows = []
        for what, host, path in targets:
            state = "-" if what.startswith(("bare", "static")) else cache_state(base, host, path)
            rows.append(
                {"what": what, "cache": state, **wrk(base + path, host=host, seconds=seconds, connections=16)}
            )
        bare, static_rps = rows[0]["rps"], rows[1]["rps"]
    finally:
        server.stop()

    codes = [("article, page cache off (2nd server)", ROOT)]
    if args.before:
        codes.append(("same, code at --before", args.before.resolve()))
    for what, root in codes:
        row = uncached_row(args.port + 1, logs, root, article_host, article, seconds)
        rows.append({"what": what, "cache": "off", **row})
        print(f"  ({what}: its server's bare view {row['bare']:.0f} req/s; its row's × bare uses it)")
    rows += redis_hit_rows(args, logs, article_host, article, seconds)
    print_table(rows, bare, static_rps)
    print("  (the Redis rows' × bare uses that server's own bare view, measured in the same run)")
    if args.no_mixed:
        return

    print(f"\n• mixed traffic: 80 % articles ({len(paths['articles'])} pages), 15 % sections, 5 % search;")
    print(f"  64 connections, {mixed_seconds:.0f} s each")
    server = Server(args.port, logs, "mixed")
    try:
        print(f"  warm-up: every page of the mix once, {warm_up(base, paths):.0f} s")
        print_mixed(
            "local-memory cache",
            wrk(base + "/", host=HOST, seconds=mixed_seconds, connections=64, script=script),
        )
    finally:
        server.stop()
    redis_run(args, logs, script, mixed_seconds)
    varnish_run(args, logs, script, mixed_seconds)


def uncached_row(port: int, logs: Path, root: Path, host: str, article: str, seconds: float) -> dict:
    """The article with the page cache off, from a server running the akhbar code under `root`, and
    that server's own bare view (under "bare")."""
    server = Server(port, logs, f"uncached-{root.name}", {"PAGE_CACHE_SECONDS": "0"}, root=root)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(8):  # each worker's first render compiles templates and opens connections
            get(base + article, host)
        bare = wrk(base + "/__bare__/", host=HOST, seconds=seconds, connections=16)["rps"]
        return {"bare": bare, **wrk(base + article, host=host, seconds=seconds, connections=16)}
    finally:
        server.stop()


def start_redis(args, logs: Path) -> subprocess.Popen:
    redis_port = args.port + 9
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=open(logs / "redis.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    time.sleep(0.5)
    return redis


def redis_env(args) -> dict[str, str]:
    return {"REDIS_URL": f"redis://127.0.0.1:{args.port + 9}/0", "CACHE_KEY_PREFIX": "bench-load"}


def redis_hit_rows(args, logs: Path, host: str, article: str, seconds: float) -> list[dict]:
    """Page-cache hits from Redis with the per-process copy off (PAGE_CACHE_LOCAL_SECONDS=0: every hit
    is a Redis round trip) and on (the default 1 s), each against its own server's bare view."""
    if not shutil.which("redis-server"):
        print("redis: skipped (redis-server is not installed)")
        return []
    rows = []
    redis = start_redis(args, logs)
    try:
        for local in ("0", "1"):
            server = Server(
                args.port + 2,
                logs,
                f"redis-hit-{local}",
                {**redis_env(args), "PAGE_CACHE_LOCAL_SECONDS": local},
            )
            try:
                base = f"http://127.0.0.1:{args.port + 2}"
                own_bare = wrk(base + "/__bare__/", host=HOST, seconds=seconds, connections=16)["rps"]
                state = cache_state(base, host, article)
                row = wrk(base + article, host=host, seconds=seconds, connections=16)
                what = "article, Redis" + (", no local copy" if local == "0" else ", 1 s local copy")
                rows.append({"what": what, "cache": state, "bare": own_bare, **row})
                print(f"  ({what}: its server's bare view {own_bare:.0f} req/s)")
            finally:
                server.stop()
    finally:
        redis.terminate()
        redis.wait(10)
    return rows


def redis_run(args, logs: Path, script: Path, seconds: float) -> None:
    if not shutil.which("redis-server"):
        print("redis: skipped (redis-server is not installed)")
        return
    redis = start_redis(args, logs)
    env = redis_env(args)
    server = Server(args.port, logs, "redis", env)
    stopper = threading.Timer(seconds / 2, lambda: (redis.terminate(), redis.wait(10)))
    try:
        stopper.start()
        result = wrk(
            f"http://127.0.0.1:{args.port}/", host=HOST, seconds=seconds, connections=64, script=script
        )
        print_mixed("Redis, stopped halfway", result)
    finally:
        stopper.cancel()
        if redis.poll() is None:
            redis.terminate()
            redis.wait(10)
        server.stop()


def varnish_vcl(source: Path, app_port: int, workdir: Path) -> Path:
    """The VCL with its first backend pointed at this run's app server."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'(\.host\s*=\s*)"[^"]*"', r'\1"127.0.0.1"', text, count=1)
    text = re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{app_port}"', text, count=1)
    target = workdir / "akhbar-bench.vcl"
    target.write_text(text, encoding="utf-8")
    return target


def varnish_run(args, logs: Path, script: Path, seconds: float) -> None:
    if not args.vcl.exists():
        print(f"varnish: skipped ({args.vcl} is not in this checkout yet)")
        return
    if not shutil.which("varnishd"):
        print("varnish: skipped (varnishd is not installed: apt-get install -y varnish)")
        return
    varnish_port = args.port + 7
    server = Server(args.port, logs, "varnish-app", access_log=True)
    vcl = varnish_vcl(args.vcl, args.port, args.workdir)
    varnish = subprocess.Popen(
        [
            "varnishd",
            "-F",
            "-n",
            str(args.workdir / "varnish"),
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-T",
            "none",
            "-f",
            str(vcl),
            "-s",
            "malloc,128m",
        ],
        stdout=open(logs / "varnish.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{varnish_port}/", HOST, timeout=30)
        before = server.requests_logged()
        result = wrk(
            f"http://127.0.0.1:{varnish_port}/", host=HOST, seconds=seconds, connections=64, script=script
        )
        time.sleep(1)
        reached = server.requests_logged() - before
        share = reached / max(result["requests"], 1)
        print_mixed("through Varnish", result, f"; reached the app: {reached} ({share:.1%})")
    finally:
        varnish.terminate()
        varnish.wait(30)
        server.stop()


if __name__ == "__main__":
    main()
