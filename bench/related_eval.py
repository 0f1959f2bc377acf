"""Related stories ("قد يهمك أيضا") on ant-multisource: are they on the same subject, and how many are
the same story told by another source?

All of news/ant-multisource.jsonl.gz (31,525 articles, 6 categories, 5 sources) goes into a fresh SQLite
database through `akhbar import-jsonl --section-from-category`; then related stories are computed for a
random sample of articles, exactly as on publish (akhbar.search.related.compute_related), and scored:

- precision@5: the share of the first 5 recommendations in the article's own category. The section
  bonus of the re-ranking is the category here, so the run is repeated with that bonus off: that
  number is what the words alone achieve.
- same story from another source: the share of recommendations from another source whose body shares
  at least 25 % of its distinct terms with the article's (Jaccard of light-stem sets).

It writes 20 examples (the article, then its recommendations) to var/bench/related_examples.txt.

    .venv/bin/python bench/related_eval.py --sample 500
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import searchdb  # noqa: E402

SAME_STORY_BODY = 0.25


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, default=500, help="articles whose recommendations are scored")
    parser.add_argument("--limit", type=int, default=None, help="import only the first N articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not corpus.MULTISOURCE.exists():
        sys.exit("../shared/data/news/ant-multisource.jsonl.gz is missing")

    searchdb.setup(searchdb.sqlite_url("related_eval"))
    from django.core.management import call_command

    from akhbar.importers.models import ImportedItem
    from akhbar.search.analysis import field_streams
    from akhbar.search.models import SearchEntry
    from akhbar.search.related import DEFAULT_WEIGHTS, compute_related

    site = searchdb.make_bench_site()
    t0 = time.perf_counter()
    path = corpus.MULTISOURCE
    if args.limit:
        import gzip
        import itertools

        path = searchdb.BENCH_VAR / "related_subset.jsonl"
        with (
            gzip.open(corpus.MULTISOURCE, "rt", encoding="utf-8") as src,
            path.open("w", encoding="utf-8") as out,
        ):
            out.writelines(itertools.islice(src, args.limit))
    call_command("import-jsonl", str(path), "--site", site.hostname, "--section-from-category", verbosity=0)
    print(f"imported in {time.perf_counter() - t0:.0f} s")

    meta = {str(a["id"]): (a["category"], a["source"]) for a in corpus.iter_news(corpus.MULTISOURCE)}
    page_meta = {pk: meta[ext] for ext, pk in ImportedItem.objects.values_list("external_id", "page_id")}
    pages = sorted(page_meta)
    sample = random.Random(args.seed).sample(pages, min(args.sample, len(pages)))
    texts = dict(SearchEntry.objects.filter(page_id__in=pages).values_list("page_id", "body"))
    titles = dict(SearchEntry.objects.filter(page_id__in=pages).values_list("page_id", "title"))
    term_sets: dict[int, set[str]] = {}

    def terms(pk: int) -> set[str]:
        if pk not in term_sets:
            term_sets[pk] = set(field_streams(texts.get(pk, "")).light)
        return term_sets[pk]

    def same_story(a: int, b: int) -> bool:
        if page_meta[a][1] == page_meta[b][1]:
            return False
        x, y = terms(a), terms(b)
        return bool(x and y) and len(x & y) / len(x | y) >= SAME_STORY_BODY

    print(
        "| variant | articles | P@5 same category | same story, other source | recommendations/article | ms/article |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    examples = []
    for name, weights in (
        ("akhbar (words + section + time)", DEFAULT_WEIGHTS),
        ("words + time, section bonus off", replace(DEFAULT_WEIGHTS, same_section=0.0)),
    ):
        hits = total5 = same = recs = 0
        t0 = time.perf_counter()
        for pk in sample:
            related = compute_related(pk, weights=weights)
            top5 = related[:5]
            hits += sum(page_meta[r][0] == page_meta[pk][0] for r in top5)
            total5 += len(top5)
            same += sum(same_story(pk, r) for r in related)
            recs += len(related)
            if weights is DEFAULT_WEIGHTS and len(examples) < 20:
                examples.append((pk, related))
        ms = (time.perf_counter() - t0) * 1000 / len(sample)
        print(
            f"| {name} | {len(sample)} | {hits / max(total5, 1):.3f} | {same / max(recs, 1):.3f} "
            f"| {recs / len(sample):.1f} | {ms:.0f} |"
        )
    out = searchdb.BENCH_VAR / "related_examples.txt"
    with out.open("w", encoding="utf-8") as handle:
        for pk, related in examples:
            handle.write(f"■ {titles[pk]}  [{page_meta[pk][0]}, {page_meta[pk][1]}]\n")
            for r in related:
                flag = " (same story)" if same_story(pk, r) else ""
                handle.write(f"    → {titles[r]}  [{page_meta[r][0]}, {page_meta[r][1]}]{flag}\n")
            handle.write("\n")
    print(f"\n20 examples: {out}")


if __name__ == "__main__":
    main()
