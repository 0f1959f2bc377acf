"""Speed of `akhbar import-jsonl` on a real archive (the JawharaFM corpus: 10,134 lines, half of them
dated DD/MM/YYYY), into a fresh database.

Run: .venv/bin/python bench/import_bench.py [--file ../shared/data/news/ant-jawharafm.jsonl.gz]
     [--database postgres://…] [--profile] [--runs read,first,again,changed]
Prints one table: reading the lines alone (JSON, dates, text), the first import (pages, article rows,
authors, child counts, index entries), the same file again (every line already imported as it is, so
left alone: what a rerun after a kill does with the part already done) and every line changed (every
line an update, reindexed), each with wall-clock and CPU seconds and articles per second by both, and
the peak resident memory so far. On a shared machine the CPU figure is the one that says what the code
costs (SQLite runs inside this process, so its work is counted, and so is the analysis worker's, a
child process; a PostgreSQL server's is not); the load average before and after is printed beside it.
CPU is also given per process (this one, and its worker): the two run side by side, so on an idle
2-core machine the larger of the two, not their sum, bounds the wall-clock time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from searchdb import ROOT, make_bench_site, setup, sqlite_url  # noqa: E402

JAWHARA = ROOT.parent / "shared" / "data" / "news" / "ant-jawharafm.jsonl.gz"


RUNS = ("read", "first", "again", "changed")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(label: str, run, rows: list, profile: bool) -> object:
    profiler = cProfile.Profile() if profile else None
    wall, main, worker = time.perf_counter(), time.process_time(), children_cpu()
    if profiler:
        profiler.enable()
    result, count = run()
    if profiler:
        profiler.disable()
    wall, main, worker = time.perf_counter() - wall, time.process_time() - main, children_cpu() - worker
    rows.append((label, count, wall, main + worker, main, worker, peak_rss_mib()))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=JAWHARA)
    parser.add_argument("--database", default=None, help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--section-from-category", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--profile", action="store_true", help="print where the first import spends its time")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"which runs, in order ({', '.join(RUNS)})")
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"missing {args.file}")
    setup(args.database or sqlite_url("import_bench"))
    from django.db import connection

    from akhbar.importers.jsonl import import_jsonl
    from akhbar.importers.lines import ImportReport, batches, open_lines
    from akhbar.news.models import ArticlePage

    site = make_bench_site()
    rows: list[tuple[str, int, float, float, float, float, float]] = []
    runs = args.runs.split(",")
    if unknown := set(runs) - set(RUNS):
        sys.exit(f"unknown runs {sorted(unknown)}")
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

    labels = {
        "read": ("read lines only (JSON, dates, text)", read_only),
        "first": ("first import (all new)", first),
        "again": ("same file again (unchanged, left alone)", again),
        "changed": ("every line changed (all updates)", changed),
    }
    report = None
    for run in runs:
        label, function = labels[run]
        result = timed(label, function, rows, args.profile and run == "first")
        report = result if run == "first" else report
    load_after = os.getloadavg()

    print(f"\nfile: {args.file.name}; database: {connection.vendor}; CPUs: {os.cpu_count()}")
    skipped = len(report.errors) if report else "-"
    print(f"bad lines skipped: {skipped}; articles in the database: {ArticlePage.objects.count()}")
    print(f"load average (1, 5, 15 min) before {load_before!r}, after {load_after!r}\n")
    print(
        f"| {'run':<39} | {'articles':>8} | {'wall s':>7} | {'CPU s':>6} | {'main':>6} | {'worker':>6} "
        f"| {'/s wall':>7} | {'/s CPU':>7} | {'peak RSS MiB':>12} |"
    )
    print(
        f"|{'-' * 41}|{'-' * 9}:|{'-' * 8}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 8}:|{'-' * 8}:|{'-' * 13}:|"
    )
    for label, count, wall, cpu, main, worker, rss in rows:
        print(
            f"| {label:<39} | {count:>8,} | {wall:>7.2f} | {cpu:>6.2f} | {main:>6.2f} | {worker:>6.2f} "
            f"| {count / wall:>7,.0f} | {count / cpu:>7,.0f} | {rss:>12,.0f} |"
        )


if __name__ == "__main__":
    main()
