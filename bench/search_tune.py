"""How the second stage's weights were chosen, reproducibly: coordinate ascent on the "dev" half.

Builds (or, with --reuse, reuses) the documents of bench/search_eval.py in var/bench/search_tune.sqlite3,
takes the first stage's ``--depth`` candidates of every question, reads the second stage's features
(akhbar.search.rerank.Features) for each, and then chooses the weights of akhbar.search.rerank.combine
by coordinate ascent on MRR@10 of the "dev" questions only (even ARCD articles), starting from all zero,
over a fixed grid; it prints dev and "test" (odd articles, never used for the choice) MRR@10 for the
first stage alone, the shipped weights and the weights it found.

    .venv/bin/python bench/search_tune.py            # build, then fit (~3 minutes)
    .venv/bin/python bench/search_tune.py --reuse    # the database of an earlier run
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import searchdb  # noqa: E402
from search_eval import import_documents, load  # noqa: E402

GRID = (0, 0.05, 0.1, 0.15, 0.25, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 8)
WEIGHTS = ("proximity_weight", "pair_weight", "saturation_weight", "lede_weight")
USED = ("proximity", "pairs", "bm25_full", "lede")


def build(distractors, reuse: bool):
    db = searchdb.BENCH_VAR / "search_tune.sqlite3"
    fresh = not (reuse and db.exists())
    url = searchdb.sqlite_url("search_tune") if fresh else f"sqlite:///{db}"
    searchdb.setup(url, fresh=fresh)
    arcd, news, queries = load(distractors)
    if fresh:
        return news, queries, import_documents(arcd, news)
    from akhbar.importers.models import ImportedItem

    page_of = dict(ImportedItem.objects.values_list("external_id", "page_id"))
    return news, queries, [page_of[doc.id] for doc, _ in arcd]


def mrr(groups, halves, weights: np.ndarray) -> tuple[float, float, float]:
    """MRR@10 of dev, test and all questions; a question whose paragraph is not a candidate scores 0;
    ties count against the paragraph."""
    rr = np.zeros(len(groups))
    for i, (log_first, features, relevant) in enumerate(groups):
        if relevant < 0:
            continue
        scores = log_first + features @ weights
        rank = int(np.count_nonzero(scores >= scores[relevant]))
        rr[i] = 1.0 / rank if rank <= 10 else 0.0
    return rr[halves == 0].mean(), rr[halves == 1].mean(), rr.mean()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--distractors", type=int, default=None)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    news, queries, relevant = build(args.distractors, args.reuse)
    from akhbar.importers.jsonl import parse_date
    from akhbar.search.backends import DEFAULT_RANKING, Filters, get_backend
    from akhbar.search.query import parse_query
    from akhbar.search.rerank import DEFAULT_RERANK
    from akhbar.search.service import candidate_features

    now = max(parse_date(a["published"]) for a in news if a.get("published"))
    backend = get_backend()
    depth = DEFAULT_RERANK.depth
    groups, halves = [], []
    t0 = time.perf_counter()
    for text, d, half in queries:
        query = parse_query(text)
        ranked = []
        if not query.is_empty:
            _, ranked = backend.search(query, Filters(), DEFAULT_RANKING, now, depth, 0, with_total=False)
        if not ranked:
            groups.append((np.zeros(0), np.zeros((0, len(USED))), -1))
            halves.append(half)
            continue
        found = candidate_features(query, ranked)
        features = np.array([[getattr(f, name) for name in USED] for f in found])
        ids = [pk for pk, _ in ranked]
        groups.append(
            (
                np.log(np.maximum([s for _, s in ranked], 1e-12)),
                features,
                ids.index(relevant[d]) if relevant[d] in ids else -1,
            )
        )
        halves.append(half)
    halves = np.array(halves)
    print(f"{len(queries)} questions, depth {depth}: features in {time.perf_counter() - t0:.0f} s")

    shipped = np.array([getattr(DEFAULT_RERANK, w) for w in WEIGHTS])
    w = np.zeros(len(WEIGHTS))
    best = mrr(groups, halves, w)[0]
    for _ in range(4):
        for i in range(len(w)):
            for value in GRID:
                trial = w.copy()
                trial[i] = value
                dev = mrr(groups, halves, trial)[0]
                if dev > best + 1e-9:
                    best, w = dev, trial
    print("| weights | dev MRR@10 | test MRR@10 | all MRR@10 |")
    print("|---|---:|---:|---:|")
    for name, weights in (
        ("first stage alone", np.zeros(len(WEIGHTS))),
        ("shipped", shipped),
        ("fitted on dev", w),
    ):
        dev, test, both = mrr(groups, halves, weights)
        print(
            f"| {name}: {' '.join(f'{n}={v:g}' for n, v in zip(WEIGHTS, weights, strict=True))} "
            f"| {dev:.4f} | {test:.4f} | {both:.4f} |"
        )


if __name__ == "__main__":
    main()
