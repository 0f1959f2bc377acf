"""Search at scale: indexing rate, index size, and query latency at N articles, on SQLite or PostgreSQL.

Articles are built by recombining the sentences of news/ant-multisource.jsonl.gz (a headline from one
sentence, a summary from another, a body of 6-18 more, a random category and date), so the vocabulary
and its distribution are those of real Arabic news. They go in through the importer (pages, authors and
index: what `akhbar import-jsonl` does), in batches of 500.

Queries (200, fixed seed): 140 of 1-3 words taken from headlines, 20 "quoted phrases" from bodies,
40 ARCD questions (long, natural). Latency is that of akhbar.search.service.search (the function
behind the API, snippets included), measured after one warm-up pass; p50 and p95 in milliseconds.

    .venv/bin/python bench/search_scale.py --sizes 100000
    .venv/bin/python bench/search_scale.py --sizes 100000 --database postgres://postgres@127.0.0.1:5432/akhbar_bench
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import searchdb  # noqa: E402

SENTENCE_RE = re.compile(r"[^.!؟?\n]{30,400}[.!؟?]?")
CATEGORIES = ("culture", "economy", "internationalNews", "middleEast", "sport", "technology")


def sentences(limit_articles: int | None = None) -> list[str]:
    out = []
    for n, article in enumerate(corpus.iter_news(corpus.MULTISOURCE)):
        if limit_articles and n >= limit_articles:
            break
        out.extend(s.strip() for s in SENTENCE_RE.findall(article.get("text") or "") if len(s.split()) >= 6)
    return out


def articles(pool: list[str], count: int, seed: int, start: int = 0):
    rng = random.Random(seed)
    for i in range(start, start + count):
        title = " ".join(rng.choice(pool).split()[:12])
        body = "\n".join(rng.choice(pool) for _ in range(rng.randint(6, 18)))
        day = rng.randint(0, 3 * 365)
        yield json.dumps(
            {
                "id": f"scale-{i}",
                "title": title,
                "abstract": rng.choice(pool),
                "text": body,
                "category": rng.choice(CATEGORIES),
                "published": f"{2015 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}T{rng.randint(0, 23):02d}:00:00+00:00",
                "author": f"كاتب {rng.randint(1, 300)}",
            },
            ensure_ascii=False,
        )


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="article counts, ascending")
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    url = searchdb.sqlite_url("search_scale") if args.database == "sqlite" else args.database
    searchdb.setup(url)
    from django.db import connection

    from akhbar.importers.jsonl import import_jsonl
    from akhbar.search.progress import ProgressBar
    from akhbar.search.service import search

    site = searchdb.make_bench_site()
    pool = sentences()
    qs = queries(pool, args.seed)
    print(f"{connection.vendor}: sentence pool {len(pool):,}; {len(qs)} queries")
    print("| database | articles | import+index articles/s | database size | p50 ms | p95 ms | mean hits |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    have = 0
    for size in sorted(args.sizes):
        bar = ProgressBar(size, f"{size:,}")
        t0 = time.perf_counter()
        report = import_jsonl(
            articles(pool, size - have, args.seed, have),
            site,
            section_from_category=True,
            progress=lambda n, base=have, bar=bar: bar.update(base + n),
        )
        elapsed = time.perf_counter() - t0
        bar.finish(size)
        rate = report.imported / elapsed
        have = size
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_size = searchdb.file_size(url)
        for q in qs:  # warm-up: page cache, analyzer memo
            search(q)
        times, hits = [], 0
        for q in qs:
            t = time.perf_counter()
            results = search(q)
            times.append((time.perf_counter() - t) * 1000)
            hits += results.total
        print(
            f"| {connection.vendor} | {size:,} | {rate:,.0f} | {db_size / 2**20:,.0f} MiB "
            f"| {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | {hits / len(qs):,.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
