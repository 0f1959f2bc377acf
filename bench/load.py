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
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from load_demo import add_articles, build_demo, database_url, reader_paths, setup_django
from load_tools import (
    HOST,
    ROOT,
    Server,
    cache_state,
    get,
    mixed_script,
    print_mixed,
    print_table,
    wait_http,
    warm_up,
    wrk,
)

VCL = ROOT / "deploy" / "varnish" / "akhbar.vcl"


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
