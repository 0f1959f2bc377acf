"""Search quality on the issue's protocol, akhbar against baselines in the same run.

Every ARCD paragraph (../shared/data/search/arcd-train.json) is a document; each question is a query
whose one relevant document is its paragraph; every article of news/ant-multisource.jsonl.gz is added
as a distractor (~31,500 documents). akhbar's documents go in through `akhbar import-jsonl` into a fresh
SQLite database (var/bench/) and queries go through akhbar.search.service.search, the function behind
the API. Baselines, on the same documents and queries: SQLite FTS5 on the raw text (unicode61, BM25),
Lucene's ArabicAnalyzer rules and Snowball Arabic (bench/baselines.py) under BM25 (k1 1.2, b 0.75).

ARCD articles are split as in bench/arabic.py: "dev" (even article numbers) is what ranking choices
may be tuned on, "test" (odd) shows whether they hold on questions they were not tuned on.

ARCD paragraphs have no headline; they are imported with the neutral headline "ARCD" (a Latin word no
Arabic query contains) and dates drawn from the distractors' own dates, so neither the headline weight
nor the recency boost favours them; "now" is the newest distractor's date.

    .venv/bin/python bench/search_eval.py                    # the full protocol
    .venv/bin/python bench/search_eval.py --distractors 3000 # a quick run
    .venv/bin/python bench/search_eval.py --grid             # also compare ranking settings
    .venv/bin/python bench/search_eval.py --no-baselines --database postgres://postgres@127.0.0.1:5432/akhbar_eval
    .venv/bin/python bench/search_eval.py --save-top var/bench/top-sqlite.json   # then the same on PostgreSQL,
    .venv/bin/python bench/search_eval.py --overlap var/bench/top-sqlite.json var/bench/top-pg.json
    .venv/bin/python bench/search_eval.py --reuse var/bench/search_tune.sqlite3  # documents already imported
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import searchdb  # noqa: E402


def load(distractors: int | None):
    arcd = list(corpus.iter_arcd())
    news = []
    for n, article in enumerate(corpus.iter_news(corpus.MULTISOURCE)):
        if distractors is not None and n >= distractors:
            break
        news.append(article)
    queries, articles = [], {}
    for d, (_doc, qs) in enumerate(arcd):
        for q in qs:
            half = articles.setdefault(q.article, len(articles)) % 2
            queries.append((q.text, d, half))
    return arcd, news, queries


def write_jsonl(path: Path, arcd, news) -> list[str]:
    """The import file; returns the external id of each document in order (ARCD first)."""
    from akhbar.importers.jsonl import parse_date

    rng = random.Random(4)
    dates = [a["published"] for a in news if a.get("published")]
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for doc, _ in arcd:
            published = parse_date(rng.choice(dates)).isoformat() if dates else None
            row = {
                "id": doc.id,
                "title": "ARCD",
                "text": doc.text,
                "category": "arcd",
                "published": published,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            ids.append(doc.id)
        for article in news:
            row = {
                k: article.get(k)
                for k in ("id", "title", "abstract", "text", "category", "published", "author")
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            ids.append(str(article["id"]))
    return ids


def import_documents(arcd, news) -> list[int]:
    """Import the documents through `akhbar import-jsonl` into the bench site; the page id of each ARCD
    paragraph, in order."""
    from django.core.management import call_command

    from akhbar.importers.models import ImportedItem

    site = searchdb.make_bench_site()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eval.jsonl"
        write_jsonl(path, arcd, news)
        call_command(
            "import-jsonl", str(path), "--site", site.hostname, "--section-from-category", verbosity=0
        )
    page_of = dict(ImportedItem.objects.values_list("external_id", "page_id"))
    return [page_of[doc.id] for doc, _ in arcd]


def scores(ranks: np.ndarray, halves: np.ndarray) -> dict:
    rr = np.where(ranks <= 10, 1.0 / ranks, 0.0)
    return {
        "MRR@10": rr.mean(),
        "P@1": (ranks == 1).mean(),
        "dev": rr[halves == 0].mean(),
        "test": rr[halves == 1].mean(),
    }


def akhbar_ranks(
    queries, relevant_page: list[int], ranking, now, rerank, tops: list | None = None
) -> np.ndarray:
    """Rank of each question's paragraph in akhbar's first page; ``tops`` receives each first page."""
    from akhbar.search.service import search

    ranks = []
    for text, d, _ in queries:
        results = search(
            text, page=1, per_page=10, ranking=ranking, now=now, with_snippets=False, rerank=rerank
        )
        ids = [h.page_id for h in results.hits]
        if tops is not None:
            tops.append(ids)
        ranks.append(ids.index(relevant_page[d]) + 1 if relevant_page[d] in ids else 10**9)
    return np.array(ranks)


def save_tops(path: str, tops: list[list[int]]) -> None:
    """The first pages as the documents' external ids (comparable across databases)."""
    from akhbar.importers.models import ImportedItem

    external = dict(ImportedItem.objects.values_list("page_id", "external_id"))
    Path(path).write_text(json.dumps([[external[pk] for pk in top] for top in tops]), encoding="utf-8")


def overlap(path_a: str, path_b: str, halves: np.ndarray) -> None:
    """Mean share of the top ten two runs have in common (e.g. SQLite and PostgreSQL), per half."""
    a = json.loads(Path(path_a).read_text(encoding="utf-8"))
    b = json.loads(Path(path_b).read_text(encoding="utf-8"))
    shares = np.array([len(set(x) & set(y)) / max(len(x), len(y), 1) for x, y in zip(a, b, strict=True)])
    top1 = np.array([bool(x and y and x[0] == y[0]) for x, y in zip(a, b, strict=True)])
    print(
        f"top-10 overlap {shares.mean():.3f} (dev {shares[halves == 0].mean():.3f}, test {shares[halves == 1].mean():.3f}); same first result {top1.mean():.3f}"
    )


def fts5_raw_ranks(docs: list[str], queries) -> np.ndarray:
    """Plain SQLite FTS5: unicode61 tokenizer on the raw text, words OR'd, BM25."""
    import re

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(body)")
    db.executemany("INSERT INTO d(rowid, body) VALUES (?, ?)", ((i, t) for i, t in enumerate(docs)))
    ranks = []
    for text, d, _ in queries:
        words = re.findall(r"\w+", text)
        if not words:
            ranks.append(10**9)
            continue
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = [
            r[0] for r in db.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY rank LIMIT 10", (match,))
        ]
        ranks.append(rows.index(d) + 1 if d in rows else 10**9)
    return np.array(ranks)


def bm25_ranks(docs: list[str], queries, analyzer) -> np.ndarray:
    from arabic import BM25, rank_of

    engine = BM25(docs, analyzer.strings)
    return np.array([rank_of(engine.scores(analyzer.strings(text)), d) for text, d, _ in queries])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--distractors", type=int, default=None, help="how many news articles (default: all)")
    parser.add_argument("--grid", action="store_true", help="also score other ranking settings")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument(
        "--save-top", metavar="FILE", help="write akhbar's first pages (external ids) as JSON"
    )
    parser.add_argument(
        "--overlap", nargs=2, metavar="FILE", help="only compare two --save-top files (top-10 overlap)"
    )
    parser.add_argument(
        "--database", default="sqlite", help="sqlite (a fresh file under var/bench/), or a postgres:// URL"
    )
    parser.add_argument(
        "--reuse",
        metavar="SQLITE_FILE",
        help="a SQLite database these documents were already imported into (e.g. search_tune's)",
    )
    args = parser.parse_args()
    if not corpus.data_available():
        sys.exit("../shared/data is missing: nothing to evaluate")
    if args.overlap:
        _arcd, _news, queries = load(args.distractors)
        overlap(*args.overlap, np.array([h for _, _, h in queries]))
        return

    if args.reuse:
        url = f"sqlite:///{Path(args.reuse).resolve()}"
    else:
        url = searchdb.sqlite_url("search_eval") if args.database == "sqlite" else args.database
    searchdb.setup(url, fresh=not args.reuse)
    from akhbar.importers.jsonl import parse_date
    from akhbar.search.backends import DEFAULT_RANKING
    from akhbar.search.rerank import DEFAULT_RERANK

    arcd, news, queries = load(args.distractors)
    halves = np.array([h for _, _, h in queries])
    t0 = time.perf_counter()
    if args.reuse:
        from akhbar.importers.models import ImportedItem

        page_of = dict(ImportedItem.objects.values_list("external_id", "page_id"))
        relevant_page = [page_of[doc.id] for doc, _ in arcd]
    else:
        relevant_page = import_documents(arcd, news)
    import_s = time.perf_counter() - t0
    ids = len(arcd) + len(news)
    now = max(parse_date(a["published"]) for a in news if a.get("published"))
    print(f"documents: {ids} ({len(arcd)} ARCD paragraphs + {len(news)} news); queries: {len(queries)}")
    if not args.reuse:
        print(f"import-jsonl: {ids / import_s:,.0f} articles/s ({import_s:.1f} s, index included)\n")

    rows = []
    t0 = time.perf_counter()
    tops: list[list[int]] = []
    ranks = akhbar_ranks(queries, relevant_page, DEFAULT_RANKING, now, DEFAULT_RERANK, tops)
    if args.save_top:
        save_tops(args.save_top, tops)
    from django.db import connection

    engine = "SQLite FTS5" if connection.vendor == "sqlite" else "PostgreSQL tsvector"
    rows.append((f"akhbar (search API function, {engine})", scores(ranks, halves), time.perf_counter() - t0))
    if args.grid:
        r, rr = DEFAULT_RANKING, DEFAULT_RERANK
        grid = {
            "akhbar, first stage only (no second stage)": (r, None),
            "akhbar, second stage without the lede": (r, replace(rr, lede_weight=0)),
            "akhbar, second stage without full-length BM25": (r, replace(rr, saturation_weight=0)),
            "akhbar, second stage without proximity and pairs": (
                r,
                replace(rr, proximity_weight=0, pair_weight=0),
            ),
            "akhbar, second stage depth 50": (r, replace(rr, depth=50)),
            "akhbar, recency boost off": (replace(r, recency_boost=0), rr),
            "akhbar, equal field weights": (replace(r, title=1, summary=1, body=1), rr),
            "akhbar, extra stream off": (replace(r, extra=0.0), rr),
        }
        for name, (ranking, rerank) in grid.items():
            t0 = time.perf_counter()
            ranks = akhbar_ranks(queries, relevant_page, ranking, now, rerank)
            rows.append((name, scores(ranks, halves), time.perf_counter() - t0))
    if not args.no_baselines:
        from baselines import LuceneArabicAnalyzer, SnowballArabicAnalyzer

        docs = [d.text for d, _ in arcd] + [f"{a.get('title') or ''}\n{a.get('text') or ''}" for a in news]
        for name, fn in (
            ("SQLite FTS5 on raw text", lambda: fts5_raw_ranks(docs, queries)),
            ("Lucene ArabicAnalyzer rules (BM25)", lambda: bm25_ranks(docs, queries, LuceneArabicAnalyzer())),
            ("Snowball Arabic (BM25)", lambda: bm25_ranks(docs, queries, SnowballArabicAnalyzer())),
        ):
            t0 = time.perf_counter()
            rows.append((name, scores(fn(), halves), time.perf_counter() - t0))

    lucene = next((r for n, r, _ in rows if n.startswith("Lucene")), None)
    print("| system | MRR@10 | P@1 | MRR@10 dev | MRR@10 test | × Lucene | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, row, seconds in rows:
        ratio = f"{row['MRR@10'] / lucene['MRR@10']:.3f}" if lucene else "–"
        print(
            f"| {name} | {row['MRR@10']:.4f} | {row['P@1']:.4f} | {row['dev']:.4f} | {row['test']:.4f} "
            f"| {ratio} | {seconds:.0f} |"
        )


if __name__ == "__main__":
    main()
