"""Bulk import of articles from JSON Lines (the format of ../shared/data/news: id, title, abstract, text,
category, published, author, url; one object per line, optionally gzip-compressed).

Each article becomes a real, live ArticlePage under its SectionPage (akhbar.importers.places), written
in batches of ``batch_size`` items, one transaction each (akhbar.importers.writer), so an import killed
at any point leaves a whole tree and running it again completes it. An id seen before (for the same
site) updates its page instead of adding one; a line that digests as when it was imported is left
alone. A bad line (unreadable JSON, no id or title, a date that cannot be read without guessing:
akhbar.importers.dates) is reported with its number and skipped; a line without a date is published at
the time of the import.

The two halves of the work run side by side: a worker process (akhbar.importers.analysis) analyzes
the text of each batch for the search index and prepares its bodies while this process reads the next
batch and writes the one before; a file of one batch is worked inline.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from wagtail.models import Site

from .analysis import AnalysisPool, Pending
from .lines import (
    DEFAULT_DATES,
    BadLine,
    DateOptions,
    ImportReport,
    Item,
    batches,
    open_lines,
    parse_date,
    parse_line,
)
from .writer import Importer

BATCH_SIZE = 500
ANALYSIS_WORKERS = 1  # processes analyzing each batch's text while the one before is written (0: none)

__all__ = ["BadLine", "DateOptions", "Importer", "import_jsonl", "open_lines", "parse_date", "parse_line"]

Queued = tuple[list[Item], dict[int, str], Pending | None]  # a batch, its checksums, its work to come


def import_jsonl(
    lines: Iterable[str] | str | Path,
    site: Site,
    *,
    section_from_category: bool = False,
    batch_size: int = BATCH_SIZE,
    dates: DateOptions = DEFAULT_DATES,
    progress: Callable[[int], None] | None = None,
    analysis_workers: int = ANALYSIS_WORKERS,
) -> ImportReport:
    """Import every good line into ``site``; returns counts and the (line number, reason) of bad lines."""
    if isinstance(lines, str | Path):
        with open_lines(lines) as handle:
            return import_jsonl(
                handle,
                site,
                section_from_category=section_from_category,
                batch_size=batch_size,
                dates=dates,
                progress=progress,
                analysis_workers=analysis_workers,
            )
    report = ImportReport()
    importer = Importer(site, section_from_category=section_from_category)
    pool = AnalysisPool(analysis_workers)
    queue: deque[Queued] = deque()  # batches read, their analysis running in the worker

    def submit(batch: list[Item]) -> Queued:
        sums = {item.line: importer.checksum(item) for item in batch}
        pending = importer.pending_items(batch, sums)
        return batch, sums, pool.submit(pending)

    def write(queued: Queued) -> None:
        batch, sums, submitted = queued
        importer.import_batch(batch, report, pool.result(submitted), sums)
        if progress:
            progress(report.processed)

    first: list[Item] | None = None  # held until a second batch shows that the worker is worth starting
    try:
        for batch in batches(lines, report, batch_size, dates):
            if first is None and not queue:
                first = batch
                continue
            if first is not None:
                queue.append(submit(first))
                first = None
            queue.append(submit(batch))
            while len(queue) > 1:  # the worker analyzes the batch just read while the one before is written
                write(queue.popleft())
        if first is not None:
            write((first, {item.line: importer.checksum(item) for item in first}, None))
        while queue:
            write(queue.popleft())
    finally:
        pool.close()
        importer.finish()
    return report
