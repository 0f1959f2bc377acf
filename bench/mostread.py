"""Most-read beacon ingest: views per second through the beacon view and through the counter alone,
with Redis and with the database (batched), in one run.

    python bench/mostread.py [--views 20000] [--redis redis://127.0.0.1:6379/9]

Builds a throwaway SQLite database with one site and 200 articles, then sends beacons from many
simulated clients (distinct addresses) through the real view (`akhbar.live.views.seen`: parsing, bot
filter, page lookup, per-client limits, counting), and straight to the counter. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="akhbar-bench-mostread-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

from akhbar.live import counters  # noqa: E402
from akhbar.live.views import seen  # noqa: E402

AGENT = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"


def build() -> list[int]:
    call_command("migrate", verbosity=0)
    from tests.factories import make_article, make_section, make_site

    site = make_site("bench.localhost", default=True)
    section = make_section(site)
    return [make_article(section).pk for _ in range(200)]


def through_view(pages: list[int], views: int) -> float:
    factory = RequestFactory()
    requests = [
        factory.post(
            "/live/seen/",
            str(pages[n % len(pages)]),
            content_type="text/plain",
            REMOTE_ADDR=f"10.{n // 65025 % 250}.{n // 255 % 255}.{n % 255}",
            HTTP_USER_AGENT=AGENT,
        )
        for n in range(views)
    ]
    start = time.perf_counter()
    for request in requests:
        seen(request)
    counters.get_counter().flush()
    return views / (time.perf_counter() - start)


def through_counter(pages: list[int], views: int) -> float:
    counter = counters.get_counter()
    now = timezone.now()
    clients = [uuid.uuid4().hex[:20] for _ in range(views)]
    start = time.perf_counter()
    for n in range(views):
        counter.record(1, pages[n % len(pages)], clients[n], now)
    counter.flush()
    return views / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--views", type=int, default=20000)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()
    pages = build()
    rows = []
    setups = [("database (batched)", lambda: counters.DatabaseCounter())]
    try:
        import redis

        redis.Redis.from_url(args.redis, socket_connect_timeout=0.5).ping()
        prefix = f"bench-{uuid.uuid4().hex[:6]}"
        setups.insert(0, ("redis (batched Lua calls)", lambda: counters.RedisCounter(args.redis, prefix)))
    except Exception as error:  # no Redis: report the database only
        print(f"! Redis not reachable at {args.redis}: {error}")
    for name, make in setups:
        counters._counter = make()
        view_rate = through_view(pages, args.views)
        counters._counter = make()
        counter_rate = through_counter(pages, args.views)
        rows.append((name, view_rate, counter_rate))
        if isinstance(counters._counter, counters.RedisCounter):
            keys = list(counters._counter.client.scan_iter(f"{counters._counter.prefix}:*"))
            if keys:
                counters._counter.client.delete(*keys)
    print(f"\nbeacon ingest, {args.views:,} views from distinct clients, one process")
    print("| store | through the beacon view (views/s) | counter alone (views/s) |")
    print("|---|---:|---:|")
    for name, view_rate, counter_rate in rows:
        print(f"| {name} | {view_rate:,.0f} | {counter_rate:,.0f} |")


if __name__ == "__main__":
    main()
