"""What the shared state store costs per operation: Redis, the database table, local memory.

    python bench/state_store.py [--ops 2000] [--redis redis://127.0.0.1:6379/3]
        [--database postgres://postgres@127.0.0.1:5432/akhbar_bench_state]

Runs the operations comment posting makes (a rate-limit window: add then incr; a single-use claim:
add; a thread version: get) against each backend in the same run and prints microseconds per
operation. The database is a throwaway SQLite file (WAL) unless --database names a PostgreSQL
database (dropped and created afresh). Local memory is shown for scale only: it is per process.
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
WORKDIR = tempfile.mkdtemp(prefix="akhbar-bench-state-")


def _arg(name: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else ""


def _database_url() -> str:
    url = _arg("--database")
    if not url:
        return f"sqlite:///{WORKDIR}/state.sqlite3"
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


os.environ["DATABASE_URL"] = _database_url()
os.environ.pop("REDIS_URL", None)
os.environ.pop("REDIS_STATE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache.backends.locmem import LocMemCache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from akhbar.caching.backends import DatabaseStateCache, StateRedisCache  # noqa: E402


def per_op_us(store, ops: int) -> dict[str, float]:
    run = uuid.uuid4().hex[:8]
    timings = {}
    t0 = time.perf_counter()
    for i in range(ops):
        store.add(f"claim:{run}:{i}", 1, 300)
    timings["add (claim)"] = (time.perf_counter() - t0) / ops * 1e6
    t0 = time.perf_counter()
    for _ in range(ops):
        store.incr(f"claim:{run}:0")
    timings["incr (rate window)"] = (time.perf_counter() - t0) / ops * 1e6
    t0 = time.perf_counter()
    for i in range(ops):
        store.get(f"claim:{run}:{i}")
    timings["get (version)"] = (time.perf_counter() - t0) / ops * 1e6
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ops", type=int, default=2000)
    parser.add_argument("--redis", default="")
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    call_command("migrate", "caching", verbosity=0)
    stores = {
        f"database ({connection.vendor})": DatabaseStateCache("", {"KEY_PREFIX": "bench"}),
        "local memory (one process only)": LocMemCache("bench", {"OPTIONS": {"MAX_ENTRIES": 10**7}}),
    }
    if args.redis:
        stores["redis"] = StateRedisCache(args.redis, {"KEY_PREFIX": "bench-state"})
    rows = {name: per_op_us(store, args.ops) for name, store in stores.items()}
    columns = list(next(iter(rows.values())))
    print(f"{'store':<34}" + "".join(f"{c:>20}" for c in columns))
    for name, timings in rows.items():
        print(f"{name:<34}" + "".join(f"{timings[c]:>20.1f}" for c in columns))
    print(f"microseconds per operation, {args.ops} operations each, one process, one connection")


if __name__ == "__main__":
    main()
