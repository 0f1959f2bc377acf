"""The two index backends over the same terms: SQLite FTS5 (default) and PostgreSQL tsvector.

SQLite: a virtual table ``search_fts`` with six columns, the light and extra streams of title, summary
and body (see akhbar.search.analysis), rowid = SearchEntry.id, tokenized on whitespace only ('ascii'
tokenizer: terms come in analyzed already), a "facets" column of site and section terms (s12 c34: those
filters are index lookups inside MATCH) and the date (UNINDEXED). Ranking is FTS5's BM25 with a weight
per column, computed from the index alone; the recency factor then re-orders the best 200.

PostgreSQL: a tsvector column ``document`` on the entries' table with a GIN index; it is written
as a literal (no text search configuration touches the terms), title terms weighted A, summary B and
body C, positions from the light stream. Ranking is ts_rank with the same field weights.

On both, the score is multiplied by a recency factor: 1 + boost * h / (h + age in days).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .analysis import FIELDS, Streams, WordTerms
from .query import ParsedQuery

FTS_TABLE = "search_fts"
ENTRY_TABLE = "search_searchentry"
AUTHORS_TABLE = "news_articlepage_authors"
PG_MAX_POSITION = 16383


EPOCH_JULIAN_DAY = 2440587.5


def julian_day(moment: datetime | None) -> float | None:
    """Days since the Julian epoch (what SQLite's julianday() returns) of an aware datetime."""
    return None if moment is None else moment.timestamp() / 86400.0 + EPOCH_JULIAN_DAY


RECENCY_WINDOW = 200


class IndexedFacts(Protocol):
    """What the index stores beside the terms of a document (akhbar.search.indexing.IndexDocument)."""

    published: datetime | None
    site_id: int | None
    section_id: int | None


@dataclass(frozen=True)
class Ranking:
    """Tunable ranking: BM25 field weights, the weight of the extra (heavier-stem) stream relative to
    the light one, and the recency boost (0 turns it off) with its half-life in days."""

    title: float = 4.0
    summary: float = 2.0
    body: float = 1.0
    extra: float = 0.7
    recency_boost: float = 0.15
    half_life_days: float = 30.0


DEFAULT_RANKING = Ranking()


def recency_factor(published: datetime | str | None, now: datetime, ranking: Ranking) -> float:
    """1 + boost · h / (h + age in days): 1 + boost for a story of now, 1 + boost / 2 at the half-life."""
    if published is None:
        return 1.0
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    age = max(0.0, (now - published).total_seconds() / 86400.0)
    return 1.0 + ranking.recency_boost * ranking.half_life_days / (ranking.half_life_days + age)


@dataclass(frozen=True)
class Filters:
    site_id: int | None = None
    section_id: int | None = None
    author_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    exclude_page_ids: tuple[int, ...] = ()


def _where(filters: Filters, params: list) -> str:
    clauses = []
    if filters.site_id is not None:
        clauses.append("e.site_id = %s")
        params.append(filters.site_id)
    if filters.section_id is not None:
        clauses.append("e.section_id = %s")
        params.append(filters.section_id)
    if filters.author_id is not None:
        clauses.append(f"e.page_id IN (SELECT articlepage_id FROM {AUTHORS_TABLE} WHERE author_id = %s)")
        params.append(filters.author_id)
    if filters.date_from is not None:
        clauses.append("e.published >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("e.published < %s")
        params.append(filters.date_to)
    if filters.exclude_page_ids:
        clauses.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(filters.exclude_page_ids))})")
        params.extend(filters.exclude_page_ids)
    return "".join(f" AND {c}" for c in clauses)


class SQLiteBackend:
    vendor = "sqlite"

    def create_schema(self, cursor) -> None:
        columns = ", ".join(f"{f}, {f}_x" for f in FIELDS)
        # Site and section are terms of an indexed "facets" column (s12 c34), so filtering by them is an
        # index lookup inside MATCH; the date is UNINDEXED (read only for a date-range filter).
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({columns}, facets, "
            "published UNINDEXED, tokenize='ascii')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE}_vocab USING fts5vocab({FTS_TABLE}, 'row')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS search_entry_deleted AFTER DELETE ON {ENTRY_TABLE} "
            f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
        )

    def drop_schema(self, cursor) -> None:
        cursor.execute("DROP TRIGGER IF EXISTS search_entry_deleted")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}_vocab")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    @staticmethod
    def _facets(site_id: int | None, section_id: int | None) -> str:
        return " ".join(f"{p}{v}" for p, v in (("s", site_id), ("c", section_id)) if v is not None)

    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        """Insert the terms of new entries (their old rows are gone with the old entries)."""
        data = []
        for entry_id, streams, facts in rows:
            values = [entry_id]
            for s in streams:
                values.extend((" ".join(s.light), " ".join(s.extra)))
            values.extend((self._facets(facts.site_id, facts.section_id), julian_day(facts.published)))
            data.append(values)
        columns = ", ".join(f"{f}, {f}_x" for f in FIELDS)
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {columns}, facets, published) VALUES ({', '.join(['%s'] * 9)})",
            data,
        )

    @staticmethod
    def _facet_match(filters: Filters) -> str:
        """The part of the MATCH expression that applies the site and section filters."""
        terms = []
        if filters.site_id is not None:
            terms.append(f"s{int(filters.site_id)}")
        if filters.section_id is not None:
            terms.append(f"c{int(filters.section_id)}")
        return " AND ".join(f'{{facets}} : "{t}"' for t in terms)

    @staticmethod
    def _where(filters: Filters, params: list) -> str:
        """The other filters: rowid lookups (author, excluded pages) and the date (read per match)."""
        clauses = []
        if filters.date_from is not None:
            clauses.append("f.published >= %s")
            params.append(julian_day(filters.date_from))
        if filters.date_to is not None:
            clauses.append("f.published < %s")
            params.append(julian_day(filters.date_to))
        if filters.author_id is not None:
            clauses.append(
                f"f.rowid IN (SELECT e.id FROM {ENTRY_TABLE} e JOIN {AUTHORS_TABLE} a "
                "ON a.articlepage_id = e.page_id WHERE a.author_id = %s)"
            )
            params.append(filters.author_id)
        if filters.exclude_page_ids:
            marks = ", ".join(["%s"] * len(filters.exclude_page_ids))
            clauses.append(f"f.rowid NOT IN (SELECT id FROM {ENTRY_TABLE} WHERE page_id IN ({marks}))")
            params.extend(filters.exclude_page_ids)
        return "".join(f" AND {c}" for c in clauses)

    def _match_params(self, match: str, filters: Filters) -> tuple[str, list]:
        facets = self._facet_match(filters)
        params: list = [f"({match}) AND {facets}" if facets else match]
        return self._where(filters, params), params

    @staticmethod
    def _page_ids(cursor, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """(entry id, score) -> (page id, score), in the same order."""
        if not rows:
            return []
        cursor.execute(
            f"SELECT id, page_id FROM {ENTRY_TABLE} WHERE id IN ({', '.join(['%s'] * len(rows))})",
            [r[0] for r in rows],
        )
        pages = dict(cursor.fetchall())
        return [(pages[entry_id], score) for entry_id, score in rows if entry_id in pages]

    @staticmethod
    def _quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    def _word(self, word: WordTerms) -> str:
        light = f"{{title summary body}} : {self._quote(word.light)}"
        if not word.extra:
            return light
        extras = " OR ".join(self._quote(t) for t in word.extra)
        return f"({light} OR {{title_x summary_x body_x}} : ({extras}))"

    def _phrase(self, terms: list[str]) -> str:
        return "{title summary body} : " + self._quote(" ".join(terms))

    def match_expression(self, query: ParsedQuery) -> str:
        words = [self._word(w) for w in query.words]
        phrases = [self._phrase(p) for p in query.phrases]
        if phrases:
            # Phrases are required; words only add to the score (each OR group also contains the first
            # phrase, so it never fails on its own).
            expression = " AND ".join(phrases)
            if words:
                expression += " AND (" + " OR ".join([*words, phrases[0]]) + ")"
        else:
            expression = " OR ".join(words)
        excluded = [self._word(w) for w in query.excluded_words]
        excluded += [self._phrase(p) for p in query.excluded_phrases]
        if excluded:
            expression = f"({expression}) NOT ({' OR '.join(excluded)})"
        return expression

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        ranking: Ranking,
        now: datetime,
        limit: int,
        offset: int,
        with_total: bool = True,
    ) -> tuple[int, list[tuple[int, float]]]:
        """(total, [(page_id, score)]) best first; without ``with_total`` no count is run and the
        total is only what was fetched."""
        where, params = self._match_params(self.match_expression(query), filters)
        weights = [
            ranking.title,
            ranking.title * ranking.extra,
            ranking.summary,
            ranking.summary * ranking.extra,
            ranking.body,
            ranking.body * ranking.extra,
            0.0,
        ]
        base = f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where}"
        with connection.cursor() as cursor:
            total = None
            if with_total:
                cursor.execute(f"SELECT count(*) {base}", params)
                total = cursor.fetchone()[0]
                if not total or offset >= total:
                    return total, []
            # BM25 comes from the index alone; the recency factor needs each story's date, so it
            # re-orders the best RECENCY_WINDOW by BM25 instead of reading every match.
            cursor.execute(
                f"SELECT f.rowid, -bm25({FTS_TABLE}, {', '.join(['%s'] * 7)}) AS score {base} "
                "ORDER BY score DESC LIMIT %s",
                [*weights, *params, offset + limit + RECENCY_WINDOW],
            )
            ranked = [(row[0], float(row[1])) for row in cursor.fetchall()]
            if ranking.recency_boost and ranked:
                cursor.execute(
                    f"SELECT id, published FROM {ENTRY_TABLE} WHERE id IN ({', '.join(['%s'] * len(ranked))})",
                    [r[0] for r in ranked],
                )
                dates = dict(cursor.fetchall())
                ranked = [(i, score * recency_factor(dates.get(i), now, ranking)) for i, score in ranked]
            ranked.sort(key=lambda item: (-item[1], -item[0]))
            hits = self._page_ids(cursor, ranked[offset : offset + limit])
            return (offset + len(hits) if total is None else total), hits

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term (in any field)."""
        if not terms:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, doc FROM {FTS_TABLE}_vocab WHERE term IN ({', '.join(['%s'] * len(terms))})",
                terms,
            )
            return dict(cursor.fetchall())

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        where, params = self._match_params("{title} : " + self._quote(prefix) + " *", filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, f.published FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY f.published DESC LIMIT %s",
                [*params, limit],
            )
            return [page_id for page_id, _ in self._page_ids(cursor, cursor.fetchall())]


class PostgresBackend:
    vendor = "postgresql"

    def create_schema(self, cursor) -> None:
        cursor.execute(f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS document tsvector")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_gin ON {ENTRY_TABLE} USING gin (document)"
        )

    def drop_schema(self, cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS search_document_gin")
        cursor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS document")

    def clear(self, cursor) -> None:
        cursor.execute(f"UPDATE {ENTRY_TABLE} SET document = NULL")

    @staticmethod
    def _lexeme(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def tsvector_literal(self, streams: Sequence[Streams]) -> str:
        positions: dict[str, list[str]] = {}
        offset = 0
        for weight, s in zip("ABC", streams, strict=True):
            for i, term in enumerate(s.light):
                position = min(offset + i + 1, PG_MAX_POSITION)
                positions.setdefault(term, []).append(f"{position}{weight}")
            # Extra terms carry no word position of their own; they share the field's first one.
            for term in s.extra:
                positions.setdefault(term, []).append(f"{min(offset + 1, PG_MAX_POSITION)}{weight}")
            offset += len(s.light) + 1
        return " ".join(f"{self._lexeme(t)}:{','.join(p[:256])}" for t, p in positions.items())

    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        data = [(self.tsvector_literal(streams), entry_id) for entry_id, streams, _facts in rows]
        cursor.executemany(f"UPDATE {ENTRY_TABLE} SET document = %s::tsvector WHERE id = %s", data)

    def _word(self, word: WordTerms) -> str:
        return "(" + " | ".join(self._lexeme(t) for t in word.all) + ")"

    def _phrase(self, terms: list[str]) -> str:
        return "(" + " <-> ".join(self._lexeme(t) for t in terms) + ")"

    def tsquery(self, query: ParsedQuery) -> str:
        words = [self._word(w) for w in query.words]
        phrases = [self._phrase(p) for p in query.phrases]
        expression = " & ".join(phrases) if phrases else " | ".join(words)
        excluded = [self._word(w) for w in query.excluded_words] + [
            self._phrase(p) for p in query.excluded_phrases
        ]
        if excluded:
            expression = f"({expression}) & !({' | '.join(excluded)})"
        return expression

    def rank_query(self, query: ParsedQuery) -> str:
        """What is scored: every positive word and phrase (words add to a phrase match's score)."""
        return " | ".join([self._word(w) for w in query.words] + [self._phrase(p) for p in query.phrases])

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        ranking: Ranking,
        now: datetime,
        limit: int,
        offset: int,
        with_total: bool = True,
    ) -> tuple[int, list[tuple[int, float]]]:
        params: list = [self.tsquery(query)]
        where = _where(filters, params)
        base = f"FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        with connection.cursor() as cursor:
            total = None
            if with_total:
                cursor.execute(f"SELECT count(*) {base}", params)
                total = cursor.fetchone()[0]
                if not total or offset >= total:
                    return total, []
            # ts_rank takes weights in [0, 1]: scaled to the largest (the order of results is the same).
            top = max(ranking.body, ranking.summary, ranking.title) or 1.0
            weights = (
                "{"
                + ",".join(str(w / top) for w in (0.0, ranking.body, ranking.summary, ranking.title))
                + "}"
            )
            age = "greatest(0.0, extract(epoch FROM (%s - coalesce(e.published, 'epoch'::timestamptz))) / 86400.0)"
            score = f"ts_rank(%s::float4[], e.document, %s::tsquery, 1) * (1.0 + %s * %s / (%s + {age}))"
            score_params = [
                weights,
                self.rank_query(query),
                ranking.recency_boost,
                ranking.half_life_days,
                ranking.half_life_days,
                now,
            ]
            cursor.execute(
                f"SELECT e.page_id, {score} AS score {base} ORDER BY score DESC, e.page_id DESC LIMIT %s OFFSET %s",
                [*score_params, *params, limit, offset],
            )
            hits = [(row[0], float(row[1])) for row in cursor.fetchall()]
            return (offset + len(hits) if total is None else total), hits

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term (one GIN lookup per term)."""
        out = {}
        with connection.cursor() as cursor:
            for term in terms:
                cursor.execute(
                    f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document @@ %s::tsquery", [self._lexeme(term)]
                )
                out[term] = cursor.fetchone()[0]
        return out

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        params: list = [self._lexeme(prefix) + ":*A"]
        where = _where(filters, params)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.page_id FROM {ENTRY_TABLE} e "
                f"WHERE e.document @@ %s::tsquery{where} ORDER BY e.published DESC NULLS LAST LIMIT %s",
                [*params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def get_backend(vendor: str | None = None) -> SQLiteBackend | PostgresBackend:
    """The backend for the default database."""
    vendor = vendor or connection.vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SQLiteBackend()
    raise ImproperlyConfigured(f"akhbar search supports SQLite and PostgreSQL, not {vendor}")
