"""Search at scale: indexing rate, index size, and query latency at N articles, on SQLite or PostgreSQL.

Articles are built by recombining the sentences of news/ant-multisource.jsonl.gz (a headline from one
sentence, a summary from another, a body of 6-18 more, a random category and date), so the vocabulary
and its distribution are those of real Arabic news (bench/scale_build.py). They go in as the importer
puts them (pages, authors and index: what `akhbar import-jsonl` does) through bench/scale_build.py, which
analyzes each distinct sentence once and writes in big batches (PostgreSQL: COPY, the GIN index built at
the end); `--importer` runs import_jsonl itself instead (about 300 articles/s here).

Queries (200, fixed seed): 140 of 1-3 words taken from headlines, 20 "quoted phrases" from bodies,
40 ARCD questions (long, natural). Latency is that of akhbar.search.service.search (the function
behind the API, snippets included), measured after one warm-up pass; p50 and p95 in milliseconds.

    .venv/bin/python bench/search_scale.py --sizes 100000
    .venv/bin/python bench/search_scale.py --sizes 100000 --database postgres://postgres@127.0.0.1:5432/akhbar_bench

--reuse keeps the
database of an earlier run and only adds what it lacks (article i is the same whatever the steps), so it
is built once (--no-queries) and measured as often as needed:

    .venv/bin/python bench/search_scale.py --sizes 1000000 --reuse --no-queries   # build, or resume
    .venv/bin/python bench/search_scale.py --sizes 1000000 --reuse                # measure
    .venv/bin/python bench/search_scale.py --sizes 100000 --name search_scale_100k --reuse --compare-exact

On SQLite each size also prints how the queries were planned (akhbar.search.backends.sqlite.planner)
and, with --compare-exact, the latency of running every query as one plain MATCH (the bounded plans off)
and the share of that first page which the bounded plans find.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import searchdb  # noqa: E402
from scale_build import articles, build, sentences  # noqa: E402


def queries(pool: list[str], seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    words = [w for s in rng.sample(pool, 2000) for w in s.split() if len(w) >= 4 and w.isalpha()]
    out = [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(140)]
    for s in rng.sample(pool, 20):
        parts = [w for w in s.split() if w.isalpha()]
        if len(parts) >= 4:
            k = rng.randint(0, len(parts) - 2)
            out.append(f'"{parts[k]} {parts[k + 1]}"')
    arcd = [q.text for _, qs in corpus.iter_arcd() for q in qs]
    out += rng.sample(arcd, 40)
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def existing_articles(site) -> int:
    """How many benchmark articles a reused database holds already (they are scale-0 .. scale-(n-1))."""
    from akhbar.importers.models import ImportedItem

    return ImportedItem.objects.filter(site=site, external_id__startswith="scale-").count()


def server_pid() -> int | None:
    """The PostgreSQL server process of this connection (None on SQLite, which runs in this process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cpu_seconds(pid: int | None) -> float:
    """CPU time of this process, plus that of the server process ``pid`` when it runs on this machine
    (/proc/<pid>/schedstat, in ns; 0 added when it cannot be read)."""
    total = time.process_time()
    if pid is not None:
        try:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
        except (OSError, ValueError, IndexError):
            pass
    return total


def measure(qs: list[str]) -> tuple[list[float], list[float], int, list[list[int]]]:
    """Milliseconds per query (after one warm-up pass), CPU milliseconds per query (this process and the
    database server's process: what a query costs whatever the other processes of a shared machine take),
    the sum of the totals, and each query's first page of page ids."""
    from akhbar.search.service import search

    for q in qs:  # warm-up: page cache, analyzer memo
        search(q)
    pid = server_pid()
    times, cpu, hits, pages = [], [], 0, []
    for q in qs:
        c = cpu_seconds(pid)
        t = time.perf_counter()
        results = search(q)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((cpu_seconds(pid) - c) * 1000)
        hits += results.total
        pages.append([h.page_id for h in results.hits])
    return times, cpu, hits, pages


def plan_kinds(qs: list[str]) -> dict[str, int]:
    """How SQLite runs each query (akhbar.search.backends.sqlite.planner)."""
    from django.db import connection

    from akhbar.search.backends import get_backend
    from akhbar.search.query import parse_query

    kinds: dict[str, int] = {}
    backend = get_backend()
    for q in qs:
        parsed = parse_query(q)
        if parsed.is_empty:
            kinds["empty"] = kinds.get("empty", 0) + 1
            continue
        with connection.cursor() as cursor:
            if parsed.phrases:
                plan = backend.planner.plan_phrases(cursor, parsed)
            else:
                plan = backend.planner.plan(cursor, parsed.words)
        if plan.exact:
            kind = "plain MATCH"
        elif plan.newest:
            kind = "newest"
        elif plan.headline_only:
            kind = "headline"
        elif not plan.selectors:
            kind = "a word's newest entries"
        else:
            kind = "rare words" + (" + pairs" if not plan.select else "")
            kind += ", common words left out" if plan.dropped else ""
        kind += " (phrases)" if parsed.phrases else ""
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def exactly(run):
    """``run()`` with the bounded plans turned off: every query is one plain MATCH (the old way)."""
    from django.conf import settings
    from django.test import override_settings

    options = dict((getattr(settings, "AKHBAR_SEARCH", None) or {}).get("OPTIONS", {}))
    options.update(SELECT_BUDGET=10**12, SCORE_LIMIT=10**12)
    with override_settings(AKHBAR_SEARCH={"OPTIONS": options}):
        return run()


def external_pages(pages: list[list[int]]) -> list[list[str]]:
    """First pages as the articles' external ids (the same article has other page ids in each database)."""
    from akhbar.importers.models import ImportedItem

    ids = {pk for page in pages for pk in page}
    external = dict(ImportedItem.objects.filter(page_id__in=ids).values_list("page_id", "external_id"))
    return [[external.get(pk, str(pk)) for pk in page] for page in pages]


def overlap(pages: list[list[int]], reference: list[list[int]]) -> float:
    """Mean share of the reference's first page found on the first page (queries with results)."""
    shares = [len(set(p) & set(r)) / len(r) for p, r in zip(pages, reference, strict=True) if r]
    return sum(shares) / len(shares) if shares else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="article counts, ascending")
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--name", default="search_scale", help="SQLite file var/bench/<name>.sqlite3 (default search_scale)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database of an earlier run and only add the articles it lacks (sizes below what it "
        "holds are skipped)",
    )
    parser.add_argument("--no-queries", action="store_true", help="build only: no latency measurement")
    parser.add_argument(
        "--importer",
        action="store_true",
        help="build through akhbar's importer (import_jsonl, batches of 500) instead of bench/scale_build.py "
        "(the same rows, written faster)",
    )
    parser.add_argument(
        "--save-pages",
        metavar="FILE",
        help="write each query's first page (article numbers) as JSON, to compare engines with --overlap",
    )
    parser.add_argument(
        "--overlap", nargs=2, metavar="FILE", help="only compare two --save-pages files (top-10 overlap)"
    )
    parser.add_argument(
        "--compare-exact",
        action="store_true",
        help="SQLite: also time every query as one plain MATCH (no bounded plans) and report how much of "
        "its first page the bounded plans find",
    )
    args = parser.parse_args()
    if args.overlap:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.overlap)
        same_first = sum(1 for x, y in zip(a, b, strict=True) if x and y and x[0] == y[0])
        with_results = sum(1 for x in a if x)
        print(
            f"top-10 overlap {overlap(b, a):.3f} (share of the first file's first page); "
            f"same first result {same_first}/{with_results}"
        )
        return
    if args.database == "sqlite":
        url = searchdb.sqlite_url(args.name, fresh=not args.reuse)
    else:
        url = args.database
    searchdb.setup(url, fresh=not args.reuse)
    from django.db import connection

    from akhbar.importers.jsonl import import_jsonl
    from akhbar.search.progress import ProgressBar

    site = searchdb.make_bench_site()
    pool = sentences()
    qs = queries(pool, args.seed)
    have = existing_articles(site)
    print(
        f"{connection.vendor}: sentence pool {len(pool):,}; {len(qs)} queries; {have:,} articles already in"
    )
    print(
        "| database | articles | import+index articles/s | database size | p50 ms | p95 ms | p99 ms "
        "| mean hits | load average |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    for size in sorted(args.sizes):
        if size < have:
            print(f"({size:,}: skipped, the database holds {have:,} already)", flush=True)
            continue
        rate_text = "(reused)"
        if size > have:
            bar = ProgressBar(size - have, f"{have:,} -> {size:,}", every=10_000)
            t0 = time.perf_counter()
            if args.importer:
                added = import_jsonl(
                    articles(pool, size - have, args.seed, have),
                    site,
                    section_from_category=True,
                    progress=bar.update,
                ).imported
            else:
                added = build(site, pool, args.seed, have, size - have, progress=bar.update)
            elapsed = time.perf_counter() - t0
            bar.finish(size - have)
            rate_text = f"{added / elapsed:,.0f}"
            have = size
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            else:  # the planner's statistics, which PostgreSQL's plan reads (autovacuum would, later)
                cursor.execute("ANALYZE search_searchentry")
        db_size = searchdb.file_size(url)
        if args.no_queries:
            print(
                f"| {connection.vendor} | {size:,} | {rate_text} | {db_size / 2**20:,.0f} MiB | | | | | |",
                flush=True,
            )
            continue
        load = os.getloadavg()[0]
        times, cpu, hits, pages = measure(qs)
        load = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
        print(
            f"| {connection.vendor} | {size:,} | {rate_text} | {db_size / 2**20:,.0f} MiB "
            f"| {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | {percentile(times, 99):.1f} "
            f"| {hits / len(qs):,.0f} | {load} |",
            flush=True,
        )
        print(
            f"  CPU ms per query (client + server): p50 {percentile(cpu, 50):.1f}, p95 {percentile(cpu, 95):.1f}, "
            f"p99 {percentile(cpu, 99):.1f}",
            flush=True,
        )
        if args.save_pages:
            Path(args.save_pages).write_text(json.dumps(external_pages(pages)), encoding="utf-8")
        if connection.vendor == "sqlite":
            print(f"  plans: {plan_kinds(qs)}", flush=True)
            if args.compare_exact:
                exact_times, _cpu, _hits, exact_pages = exactly(lambda: measure(qs))
                print(
                    f"  plain MATCH for every query: p50 {percentile(exact_times, 50):.1f} ms, "
                    f"p95 {percentile(exact_times, 95):.1f} ms; first page agreement "
                    f"{overlap(pages, exact_pages):.3f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
