"""Precision@10 of realistic reader queries over the JawharaFM news, akhbar against Lucene in one run.

The queries and their judgements are in bench/data/precision_queries.jsonl, one object a line:
``{"id", "query", "half": "dev"|"test", "relevant": [article ids], "judged": [article ids]}`` (ids of
../shared/data/news/ant-jawharafm.jsonl.gz). They were judged by hand: for each query, the union of the
first ten results of the systems compared (``--pool`` prints what is not judged yet), each article's
headline and lede read, relevant meaning "a reader who typed this query wants this story". An article
not judged counts as not relevant; ``judged@10`` says how much of a top ten was judged.

All 10,134 JawharaFM articles go in through `akhbar import-jsonl` (fresh SQLite under var/bench/; their
DD/MM/YYYY dates are written as ISO 8601 here, so the bench does not depend on the importer's date
parsing). akhbar is queried through akhbar.search.service.search (the API's function); Lucene's
ArabicAnalyzer rules (bench/baselines.py) rank headline + summary + text under BM25 (k1 1.2, b 0.75).
"dev" queries may be used to choose; "test" ones only to check.

    .venv/bin/python bench/search_precision.py             # build, then score (~2 minutes)
    .venv/bin/python bench/search_precision.py --reuse     # the database of an earlier run
    .venv/bin/python bench/search_precision.py --reuse --pool  # print unjudged results to judge
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import searchdb  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "data" / "precision_queries.jsonl"
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_COMPACT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})$")


def iso_date(value: str | None) -> str | None:
    """JawharaFM's dates as ISO 8601 (DD/MM/YYYY at noon Tunis time; 2017-01-22T185600 completed)."""
    value = (value or "").strip()
    if m := _DMY.match(value):
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}T12:00:00+01:00"
    if m := _COMPACT.match(value):
        return f"{m[1]}T{m[2]}:{m[3]}:{m[4]}+01:00"
    return value or None


def articles() -> list[dict]:
    return list(corpus.iter_news(corpus.JAWHARAFM))


def load_queries() -> list[dict]:
    return [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]


def build(news: list[dict], reuse: bool) -> dict[int, str]:
    """The bench database; returns page id -> article id."""
    db = searchdb.BENCH_VAR / "search_precision.sqlite3"
    fresh = not (reuse and db.exists())
    searchdb.setup(searchdb.sqlite_url("search_precision", fresh=fresh), fresh=fresh)
    from django.core.management import call_command

    from akhbar.importers.models import ImportedItem

    if fresh:
        site = searchdb.make_bench_site()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "jawharafm.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for a in news:
                    row = {k: a.get(k) for k in ("id", "title", "abstract", "text", "category", "author")}
                    row["published"] = iso_date(a.get("published"))
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            call_command(
                "import-jsonl", str(path), "--site", site.hostname, "--section-from-category", verbosity=0
            )
    return {page: ext for ext, page in ImportedItem.objects.values_list("external_id", "page_id")}


def akhbar_top(queries: list[dict], article_of: dict[int, str], now) -> list[list[str]]:
    from akhbar.search.service import search

    out = []
    for q in queries:
        results = search(q["query"], per_page=10, now=now, with_snippets=False)
        out.append([article_of[h.page_id] for h in results.hits if h.page_id in article_of])
    return out


def lucene_top(queries: list[dict], news: list[dict]) -> list[list[str]]:
    from arabic import BM25
    from baselines import LuceneArabicAnalyzer

    analyzer = LuceneArabicAnalyzer()
    docs = [f"{a.get('title') or ''}\n{a.get('abstract') or ''}\n{a.get('text') or ''}" for a in news]
    engine = BM25(docs, analyzer.strings)
    out = []
    for q in queries:
        scores = engine.scores(analyzer.strings(q["query"]))
        order = np.argsort(-scores, kind="stable")[:10]
        out.append([str(news[i]["id"]) for i in order if scores[i] > 0])
    return out


def precision(tops: list[list[str]], queries: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """P@10 (an unjudged article counts as not relevant) and the judged share of each top ten."""
    p, judged = [], []
    for top, q in zip(tops, queries, strict=True):
        relevant, seen = (
            set(map(str, q["relevant"])),
            set(map(str, q["judged"])) | set(map(str, q["relevant"])),
        )
        p.append(sum(1 for a in top if a in relevant) / 10)
        judged.append(sum(1 for a in top if a in seen) / max(len(top), 1))
    return np.array(p), np.array(judged)


def print_pool(systems: dict[str, list[list[str]]], queries: list[dict], news: list[dict]) -> None:
    by_id = {str(a["id"]): a for a in news}
    for n, q in enumerate(queries):
        seen = set(map(str, q["judged"])) | set(map(str, q["relevant"]))
        pool = list(dict.fromkeys(a for tops in systems.values() for a in tops[n] if a not in seen))
        if not pool:
            continue
        print(f"\n## {q['id']} «{q['query']}»")
        for a in pool:
            art = by_id[a]
            lede = re.sub(r"\s+", " ", (art.get("abstract") or art.get("text") or ""))[:160]
            print(f"{a} | {art.get('title')} | {lede}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--pool", action="store_true", help="print the unjudged results of every system")
    parser.add_argument("--per-query", action="store_true", help="also print P@10 of every query")
    args = parser.parse_args()
    news = articles()
    article_of = build(news, args.reuse)
    from akhbar.importers.jsonl import parse_date

    now = max(parse_date(iso_date(a["published"])) for a in news if a.get("published"))
    queries = load_queries()
    systems = {"akhbar (search API function, SQLite FTS5)": akhbar_top(queries, article_of, now)}
    systems["Lucene ArabicAnalyzer rules (BM25)"] = lucene_top(queries, news)
    if args.pool:
        print_pool(systems, queries, news)
        return
    halves = np.array([q["half"] for q in queries])
    print(f"{len(news)} articles, {len(queries)} queries ({(halves == 'dev').sum()} dev)")
    print("| system | P@10 | P@10 dev | P@10 test | judged@10 |")
    print("|---|---:|---:|---:|---:|")
    per_query = {}
    for name, tops in systems.items():
        p, judged = precision(tops, queries)
        per_query[name] = p
        print(
            f"| {name} | {p.mean():.3f} | {p[halves == 'dev'].mean():.3f} | {p[halves == 'test'].mean():.3f} "
            f"| {judged.mean():.3f} |"
        )
    if args.per_query:
        names = list(per_query)
        print("\n| query | half | " + " | ".join(names) + " |")
        print("|---|---|" + "---:|" * len(names))
        for n, q in enumerate(queries):
            cells = " | ".join(f"{per_query[name][n]:.1f}" for name in names)
            print(f"| {q['id']} {q['query']} | {q['half']} | {cells} |")


if __name__ == "__main__":
    main()
