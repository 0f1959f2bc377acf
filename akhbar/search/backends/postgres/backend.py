"""PostgreSQL backend: a tsvector column with a GIN index, ranked by FTS5's BM25 computed in SQL
(akhbar.search.backends.postgres.bm25), so that both engines send the same candidates to the second
stage; the recency factor then re-orders the best ``options.recency_window``, as on SQLite. The planner
(akhbar.search.backends.postgres.planner) bounds what is ranked on a large table."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.cache import cache
from django.db import connection

from ...analysis import Streams
from ...query import ParsedQuery
from ..base import (
    AVERAGE_LENGTH_KEY,
    ENTRY_TABLE,
    BaseBackend,
    Filters,
    IndexedFacts,
    Options,
    Ranking,
    Total,
    corpus_key,
    recency_factor,
)
from . import bm25
from . import query as tsq
from .planner import Planner, analyzed_size

logger = logging.getLogger(__name__)


class PostgresSearchBackend(BaseBackend):
    vendor = "postgresql"

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self.planner = Planner(self.options)

    def terms_value(self, streams: Sequence[Streams]) -> tuple[str, int]:
        """The entry's tsvector literal and its number of terms (BM25's document length without the
        facets, which come with the facts)."""
        return tsq.tsvector_literal(streams), tsq.term_count(streams)

    def write_terms(self, cursor, rows: Iterable[tuple[int, tuple, IndexedFacts]]) -> None:
        """Set the terms of new entries with one statement (the rows as arrays, joined on the ids)."""
        rows = list(rows)
        if not rows:
            return
        cursor.execute(
            f"UPDATE {ENTRY_TABLE} AS e SET document = v.document::tsvector, dl = v.dl "
            "FROM unnest(%s::text[], %s::integer[], %s::bigint[]) AS v(document, dl, id) WHERE e.id = v.id",
            [
                [literal for _id, (literal, _count), _facts in rows],
                [count + tsq.facet_count(facts) for _id, (_literal, count), facts in rows],
                [entry_id for entry_id, _terms, _facts in rows],
            ],
        )

    def clear(self, cursor) -> None:
        cursor.execute(f"UPDATE {ENTRY_TABLE} SET document = NULL, dl = NULL")

    def count_entries(self, cursor) -> int:
        """Counted up to ``exact_df_limit`` entries, the table statistics above (a count reads them all)."""
        size = analyzed_size(cursor)
        if size > max(self.options.exact_df_limit, 0):  # -1 before the first ANALYZE
            return int(size)
        cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document IS NOT NULL")
        return cursor.fetchone()[0]

    def average_length(self, cursor) -> float:
        """BM25's avgdl: the mean ``dl`` of the entries (of the newest ``df_window`` on a large table),
        cached as the corpus size is (``corpus_size_ttl`` seconds, dropped with it when the index is written). 1 when no entry has one yet (entries
        indexed before the column existed count as average until `akhbar reindex`)."""
        key = corpus_key(AVERAGE_LENGTH_KEY)
        try:
            value = cache.get(key)
        except Exception:  # the cache is a convenience here, never a dependency
            logger.warning("search: cache unreachable, computing the mean document length", exc_info=True)
            value = None
        if value is not None:
            return float(value)
        if self.planner.large(cursor):
            cursor.execute(
                f"SELECT avg(dl) FROM (SELECT dl FROM {ENTRY_TABLE} WHERE document IS NOT NULL "
                "ORDER BY id DESC LIMIT %s) s",
                [self.options.df_window],
            )
        else:
            cursor.execute(f"SELECT avg(dl) FROM {ENTRY_TABLE} WHERE document IS NOT NULL")
        value = float(cursor.fetchone()[0] or 1.0)
        try:
            cache.set(key, value, self.options.corpus_size_ttl)
        except Exception:
            logger.warning("search: could not cache the mean document length", exc_info=True)
        return value

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
        """(total, [(page_id, score)]) best first. BM25 scores an entry from its own terms and the
        corpus statistics, so ranking a subset gives every entry of it the score the full query gives;
        a query of plain words whose commoner words would make the ranked set large runs by ``plan``."""
        fetch = offset + limit + self.options.recency_window
        with connection.cursor() as cursor:
            select = self.planner.plan(cursor, query)
            if select is None and not self.planner.large(cursor):  # a small table: every match is ranked
                return self._ranked(
                    cursor, query, tsq.tsquery(query), filters, ranking, now, limit, offset, with_total
                )
            # A large table: at most ``bound`` matches are ranked, the newest: those of rare words from the
            # GIN index (``rare``: sorted, not read backwards on the primary key, which PostgreSQL's planner
            # may pick under a LIMIT and which then reads the whole table), those of common words read
            # backwards on the primary key (it stops when it has them); the total is the planner's
            # estimate (a count reads every match). The estimates of rare words can be several
            # times too low (a lexeme outside the statistics' common elements is guessed: 998 entries for
            # 7,576 at 100,000), hence the bound, ``rank_limit``.
            if select:
                # The candidates are the entries of the rarest words; all words score them.
                candidates = "(" + " | ".join(tsq.word(w) for w in select) + ")"
                expression = tsq.excluding(candidates, query)
                bound = max(fetch, self.options.rank_limit)
            elif select is None:  # every word is rare, or there are phrases: their matches
                expression = tsq.tsquery(query)
                bound = max(fetch, self.options.rank_limit)
            else:  # every word is common: the newest ``fetch`` matches
                expression = tsq.tsquery(query)
                bound = fetch
            estimate = self.planner.estimate(cursor, expression)
            total = Total(estimate, estimated=True) if with_total else None
            # Read backwards on the primary key only when matches are dense: a word outside the statistics'
            # common elements gets a fixed guess (minfreq / 2 of the table), and a backward read of such a
            # word's entries read the whole table (4 s at 300,000 entries).
            rare = select != [] or estimate < self.options.newest_window
            # Phrases are matched on positions: every entry holding all their terms is read. Those of the
            # newest ``newest_window`` entries are ranked first; all of them only when that left the page
            # short (as SQLite's planner does with phrases of common terms).
            floors = [self.planner.newest_floor(cursor), None] if query.phrases else [None]
            for floor in floors:
                _total, hits = self._ranked(
                    cursor,
                    query,
                    expression,
                    filters,
                    ranking,
                    now,
                    limit,
                    offset,
                    False,
                    newest=bound,
                    rare=rare,
                    floor=floor,
                )
                if len(hits) >= limit or floor is None:
                    break
            if total is None:
                return offset + len(hits), hits
            return Total(max(total, offset + len(hits)), estimated=True), hits

    def _ranked(
        self,
        cursor,
        query,
        tsquery,
        filters,
        ranking,
        now,
        limit,
        offset,
        with_total,
        newest: int = 0,
        rare: bool = False,
        floor: int | None = None,
    ) -> tuple[int, list[tuple[int, float]]]:
        """Entries matching ``tsquery`` ranked by BM25 over every positive word and phrase of the query;
        the best ``offset + limit + recency_window`` are re-ordered by the recency factor (as SQLite
        does). ``newest`` ranks only the newest that many matches; ``rare`` says they are few (found through
        the GIN index and sorted: ``e.id + 0`` is no index order); ``floor``: only entries above this id."""
        params: list = [tsquery]
        where = tsq.where(filters, params)
        if floor is not None:
            where += " AND e.id > %s"
            params.append(floor)
        base = f"FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        total = None
        if with_total:
            cursor.execute(f"SELECT count(*) {base}", params)
            total = cursor.fetchone()[0]
            if not total or offset >= total:
                return total, []
        terms = bm25.phrases(query, ranking)
        frequencies = self._frequencies(cursor, [t.tsquery for t in terms])
        rows = max(self.corpus_size(), *frequencies.values(), 1)  # estimates may disagree
        score, lateral, lateral_params = bm25.score_sql(
            terms, frequencies, rows, self.average_length(cursor), ranking
        )
        if newest:
            order = "e.id + 0" if rare else "e.id"
            source, source_params = f"(SELECT e.* {base} ORDER BY {order} DESC LIMIT %s) e", [*params, newest]
            condition, condition_params = "", []
        else:
            source, source_params = f"{ENTRY_TABLE} e", []
            condition, condition_params = f"WHERE e.document @@ %s::tsquery{where}", params
        fetch = offset + limit + self.options.recency_window
        cursor.execute(
            f"SELECT e.id, e.page_id, e.published, {score} AS score FROM {source} {lateral} {condition} "
            "ORDER BY score DESC, e.id DESC LIMIT %s",
            [*source_params, *lateral_params, *condition_params, fetch],
        )
        found = cursor.fetchall()
        if ranking.recency_boost:
            ranked = [
                (entry_id, page_id, score * recency_factor(published, now, ranking))
                for entry_id, page_id, published, score in found
            ]
        else:
            ranked = [(entry_id, page_id, float(score)) for entry_id, page_id, _published, score in found]
        ranked.sort(key=lambda item: (-item[2], -item[0]))
        hits = [(page_id, score) for _entry_id, page_id, score in ranked[offset : offset + limit]]
        return (offset + len(hits) if total is None else total), hits

    def _frequencies(self, cursor, tsqueries: list[str]) -> dict[str, int]:
        """How many entries match each tsquery: counted up to ``exact_df_limit`` entries (one GIN lookup
        each), the planner's estimate above (a count reads every entry that holds a common term)."""
        tsqueries = list(dict.fromkeys(tsqueries))
        if self.planner.large(cursor):
            return {q: self.planner.estimate(cursor, q) for q in tsqueries}
        out = {}
        for q in tsqueries:
            cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document @@ %s::tsquery", [q])
            out[q] = cursor.fetchone()[0]
        return out

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term in either stream (what SQLite's vocabulary table counts)."""
        with connection.cursor() as cursor:
            found = self._frequencies(cursor, [tsq.any_stream(t) for t in terms])
        return {t: found[tsq.any_stream(t)] for t in terms}

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        params: list = [tsq.lexeme(prefix) + ":*A"]
        where = tsq.where(filters, params)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.page_id FROM {ENTRY_TABLE} e "
                f"WHERE e.document @@ %s::tsquery{where} ORDER BY e.published DESC NULLS LAST LIMIT %s",
                [*params, limit],
            )
            return [row[0] for row in cursor.fetchall()]
