"""Speed of `akhbar import-jsonl` on a real archive (the JawharaFM corpus: 10,134 lines, half of them
dated DD/MM/YYYY), into a fresh database.

Run: .venv/bin/python bench/import_bench.py [--file ../shared/data/news/ant-jawharafm.jsonl.gz]
     [--database postgres://…] [--profile]
Prints one table: reading the lines alone (JSON, dates, text), the first import (pages, article rows,
authors, child counts, index entries), the same file again (every line already imported as it is, so
left alone: what a rerun after a kill does with the part already done) and every line changed (every
line an update, reindexed), each with wall-clock and CPU seconds and articles per second by both. On a shared machine the CPU figure is
the one that says what the code costs (SQLite runs inside this process, so its work is counted; a
PostgreSQL server's is not); the load average before and after is printed beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from searchdb import ROOT, make_bench_site, setup, sqlite_url  # noqa: E402

JAWHARA = ROOT.parent / "shared" / "data" / "news" / "ant-jawharafm.jsonl.gz"


def timed(label: str, run, rows: list, profile: bool) -> object:
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result, count = run()
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows.append((label, count, wall, cpu))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=JAWHARA)
    parser.add_argument("--database", default=None, help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--section-from-category", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--profile", action="store_true", help="print where the first import spends its time")
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"missing {args.file}")
    setup(args.database or sqlite_url("import_bench"))
    from django.db import connection

    from akhbar.importers.jsonl import import_jsonl
    from akhbar.importers.lines import ImportReport, batches, open_lines
    from akhbar.news.models import ArticlePage

    site = make_bench_site()
    rows: list[tuple[str, int, float, float]] = []
    load_before = os.getloadavg()

    def read_only():
        report = ImportReport()
        with open_lines(args.file) as handle:
            count = sum(len(batch) for batch in batches(handle, report, 500, _dates()))
        return report, count

    def _dates():
        from akhbar.importers.lines import DEFAULT_DATES

        return DEFAULT_DATES

    def first():
        report = import_jsonl(args.file, site, section_from_category=args.section_from_category)
        return report, report.imported

    def changed():
        import json

        with open_lines(args.file) as handle:
            lines = [
                json.dumps({**json.loads(line), "title": json.loads(line)["title"] + " (محدّث)"})
                for line in handle
            ]
        report = import_jsonl(lines, site, section_from_category=args.section_from_category)
        return report, report.processed

    def again():
        report = import_jsonl(args.file, site, section_from_category=args.section_from_category)
        return report, report.processed

    timed("read lines only (JSON, dates, text)", read_only, rows, False)
    report = timed("first import (all new)", first, rows, args.profile)
    timed("same file again (unchanged, left alone)", again, rows, False)
    timed("every line changed (all updates)", changed, rows, False)
    load_after = os.getloadavg()

    print(f"\nfile: {args.file.name}; database: {connection.vendor}; CPUs: {os.cpu_count()}")
    print(f"bad lines skipped: {len(report.errors)}; articles in the database: {ArticlePage.objects.count()}")
    print(f"load average (1, 5, 15 min) before {load_before!r}, after {load_after!r}\n")
    print(
        f"| {'run':<38} | {'articles':>8} | {'wall s':>7} | {'CPU s':>6} | {'/s wall':>7} | {'/s CPU':>7} |"
    )
    print(f"|{'-' * 40}|{'-' * 9}:|{'-' * 8}:|{'-' * 7}:|{'-' * 8}:|{'-' * 8}:|")
    for label, count, wall, cpu in rows:
        print(
            f"| {label:<38} | {count:>8,} | {wall:>7.2f} | {cpu:>6.2f} | {count / wall:>7,.0f} | "
            f"{count / cpu:>7,.0f} |"
        )


if __name__ == "__main__":
    main()
