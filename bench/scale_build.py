"""The articles of bench/search_scale.py, and a fast builder of its databases.

Articles are built by recombining the sentences of news/ant-multisource.jsonl.gz (a headline from one
sentence, a summary from another, a body of 6-18 more, a random category and date), so the vocabulary
and its distribution are those of real Arabic news; article i is drawn from its own seeded generator, so
it is the same whatever the batches were.

``build`` puts them in as the importer does (akhbar.importers.jsonl: the same lines, parsed by its
``batches``, written by its ``Importer.import_batch``: pages, article rows, authors, import records,
index entries), with three changes that only change the speed:

- the index terms come from a memo of each distinct line of text (a headline, a summary, a body
  paragraph): recombined articles share their sentences, so each is analyzed once (a field's terms are
  the concatenation of its lines' terms: a word never spans a line break, akhbar.arabic.tokenize);
- batches of 5,000 articles in one transaction each, with SQLite's ``synchronous`` off (a crash during
  the build loses the build, not a site);
- on PostgreSQL the entries go in with COPY, their tsvector and length in the same row (the importer
  inserts the entry, then updates it with its terms), and the GIN index is dropped for the load and
  built once at the end (maintenance_work_mem raised for this session), then VACUUM ANALYZE
  (inside a transaction, a test's, the index stays and only ANALYZE runs).

tests/search/test_scale_build.py checks that a database built this way holds the same entries, terms and
search results as one built by ``import_jsonl``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator

import corpus

SENTENCE_RE = re.compile(r"[^.!؟?\n]{30,400}[.!؟?]?")
CATEGORIES = ("culture", "economy", "internationalNews", "middleEast", "sport", "technology")
BATCH_SIZE = 5000
GIN_INDEX = "search_document_gin"


def sentences(limit_articles: int | None = None) -> list[str]:
    out = []
    for n, article in enumerate(corpus.iter_news(corpus.MULTISOURCE)):
        if limit_articles and n >= limit_articles:
            break
        out.extend(s.strip() for s in SENTENCE_RE.findall(article.get("text") or "") if len(s.split()) >= 6)
    return out


def articles(pool: list[str], count: int, seed: int, start: int = 0) -> Iterator[str]:
    """Articles ``start`` .. ``start + count - 1`` as JSON lines; each drawn from its own seeded generator,
    so article i is the same whatever the batches were (a database built in steps, or resumed, holds the
    same ones)."""
    for i in range(start, start + count):
        rng = random.Random(seed * 10_000_019 + i)
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


class TermMemo:
    """The index's term streams of a text, each distinct line analyzed once."""

    def __init__(self) -> None:
        self.lines: dict[str, tuple[list[str], list[str]]] = {}

    def _line(self, line: str) -> tuple[list[str], list[str]]:
        found = self.lines.get(line)
        if found is None:
            from akhbar.search.analysis import field_streams

            streams = field_streams(line)
            found = self.lines[line] = (streams.light, streams.extra)
        return found

    def streams(self, text: str):
        from akhbar.search.analysis import Streams

        out = Streams()
        for line in text.split("\n"):
            light, extra = self._line(line)
            out.light.extend(light)
            out.extra.extend(extra)
        return out

    def document(self, document) -> tuple:
        """A document's streams in the index's field order (akhbar.search.bulk.document_streams)."""
        from akhbar.search.analysis import FIELDS

        return tuple(self.streams(getattr(document, name)) for name in FIELDS)


def _copy_entries(documents, terms) -> None:
    """PostgreSQL: the index entries with their terms (the backend's ``terms_value``: the tsvector literal
    and the term count), in one COPY (what add_documents and the backend's ``write_terms`` put in the
    same columns in two statements)."""
    from django.db import connection

    from akhbar.search.backends.postgres import query as tsq
    from akhbar.search.bulk import _entry_fields
    from akhbar.search.models import SearchEntry

    fields = _entry_fields()
    columns = [f.column for f in fields] + ["document", "dl"]
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for d, (literal, count) in zip(documents, terms, strict=True):
                copy.write_row(
                    [getattr(d, f.attname) for f in fields] + [literal, count + tsq.facet_count(d)]
                )


def build(
    site, pool: list[str], seed: int, start: int, count: int, progress: Callable[[int], None] | None = None
) -> int:
    """Add articles ``start`` .. ``start + count - 1`` to ``site``; returns how many went in."""
    from django.db import connection

    from akhbar.importers.analysis import work_ahead
    from akhbar.importers.jsonl import Importer
    from akhbar.importers.lines import DEFAULT_DATES, ImportReport, batches
    from akhbar.search.backends import forget_corpus_size

    postgres = connection.vendor == "postgresql"
    memo = TermMemo()

    class Builder(Importer):
        def _index(self, pages, ahead, *, new_pages=False):
            if not (postgres and new_pages and pages):
                return super()._index(pages, ahead, new_pages=new_pages)
            documents = [self.document(page_id, item) for page_id, item in pages]
            _copy_entries(documents, [ahead[item.line].terms for _page_id, item in pages])
            forget_corpus_size()

    # Inside a transaction (a test's) the safety settings and the GIN index stay as they are.
    bulk = not connection.in_atomic_block
    with connection.cursor() as cursor:
        if postgres and bulk:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        elif bulk:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")
    importer = Builder(site, section_from_category=True)
    report = ImportReport()
    try:
        for batch in batches(articles(pool, count, seed, start), report, BATCH_SIZE, DEFAULT_DATES):
            ahead = work_ahead(batch, lambda item: memo.document(importer.document(0, item)))
            importer.import_batch(batch, report, {item.line: a for item, a in zip(batch, ahead, strict=True)})
            if progress:
                progress(report.processed)
    finally:
        importer.finish()
        with connection.cursor() as cursor:
            if postgres and bulk:  # the index as akhbar.search's 0002 migration creates it
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON search_searchentry USING gin (document)"
                )
                cursor.execute("VACUUM ANALYZE search_searchentry")
            elif postgres:
                cursor.execute("ANALYZE search_searchentry")
            elif bulk:
                cursor.execute("PRAGMA synchronous = NORMAL")  # the settings' init_command
    return report.imported
