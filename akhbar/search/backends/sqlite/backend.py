"""SQLite FTS5 backend: BM25 with a weight per column, computed from the index alone, on the candidates
the planner chooses (akhbar.search.backends.sqlite.planner); the recency factor then re-orders the best
``options.recency_window``. The MATCH expressions come from akhbar.search.backends.sqlite.query."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import connection

from ...analysis import FIELDS, Streams
from ...query import ParsedQuery
from ..base import (
    ENTRY_TABLE,
    BaseBackend,
    Filters,
    IndexedFacts,
    Options,
    Ranking,
    Total,
    julian_day,
    recency_factor,
)
from . import query as sql
from .planner import Planner, QueryPlan
from .query import FTS_TABLE


class SQLiteSearchBackend(BaseBackend):
    vendor = "sqlite"

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self.planner = Planner(self.options, self.corpus_size)

    # --- writing ---------------------------------------------------------------------------------
    def terms_value(self, streams: Sequence[Streams]) -> tuple[str, ...]:
        """The six term columns: each field's light and extra streams as FTS5 ('ascii') reads them."""
        return tuple(text for s in streams for text in (" ".join(s.light), " ".join(s.extra)))

    def write_terms(self, cursor, rows: Iterable[tuple[int, tuple, IndexedFacts]]) -> None:
        """Insert the terms of new entries (their old rows went with the old entries: a trigger)."""
        data = [
            (entry_id, *terms, sql.facets(facts.site_id, facts.section_id), julian_day(facts.published))
            for entry_id, terms, facts in rows
        ]
        columns = ", ".join(f"{f}, {f}_x" for f in FIELDS)
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {columns}, facets, published) VALUES ({', '.join(['%s'] * 9)})",
            data,
        )

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def count_entries(self, cursor) -> int:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize")
        return cursor.fetchone()[0]

    # --- helpers ---------------------------------------------------------------------------------
    def _tune(self, cursor) -> None:
        """Give this connection a page cache of ``options.cache_kib`` (once: the pragma stays with the
        connection)."""
        cursor.execute("PRAGMA cache_size")
        if cursor.fetchone()[0] != -self.options.cache_kib:
            cursor.execute(f"PRAGMA cache_size = -{int(self.options.cache_kib)}")

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

    # --- search -------------------------------------------------------------------------------------
    @staticmethod
    def _weights(ranking: Ranking) -> list[float]:
        return [
            ranking.title,
            ranking.title * ranking.extra,
            ranking.summary,
            ranking.summary * ranking.extra,
            ranking.body,
            ranking.body * ranking.extra,
            0.0,
        ]

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
        total is only what was fetched. A query of plain words runs by its plan (``plan``): when the plan
        bounds the work, the total is a ``Total`` with ``estimated`` set unless the index is small."""
        fetch = offset + limit + self.options.recency_window
        bm25 = f"bm25({FTS_TABLE}, {', '.join(['%s'] * 7)})"
        weights = self._weights(ranking)
        with connection.cursor() as cursor:
            self._tune(cursor)
            if query.phrases:
                plan = self.planner.plan_phrases(cursor, query)
            else:
                plan = self.planner.plan(cursor, query.words) if query.words else None
            if plan is None or plan.exact:
                where, params = sql.match_params(sql.match_expression(query), filters)
                base = f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where}"
                total = None
                if with_total:
                    cursor.execute(f"SELECT count(*) {base}", params)
                    total = cursor.fetchone()[0]
                    if not total or offset >= total:
                        return total, []
                # BM25 comes from the index alone; the recency factor needs each story's date, so it
                # re-orders the best recency_window by BM25 instead of reading every match.
                cursor.execute(
                    f"SELECT f.rowid, -{bm25} AS score {base} ORDER BY score DESC LIMIT %s",
                    [*weights, *params, fetch],
                )
                ranked = [(row[0], float(row[1])) for row in cursor.fetchall()]
            else:
                total = None
                if with_total:
                    where, params = sql.match_params(sql.match_expression(query), filters)
                    estimate = self.planner.count(
                        cursor, params[0], plan.floor, plan.corpus, where, params[1:]
                    )
                    total = Total(estimate, estimated=plan.floor is not None)
                    if not total:
                        return total, []
                ranked, complete = (
                    self._newest(cursor, query, plan, filters, fetch, offset + limit)
                    if plan.newest
                    else self._bounded(cursor, query, plan, filters, bm25, weights, fetch)
                )
                if complete and total is not None:
                    # Every result that can be reached is here: the total is what the pages hold.
                    total = Total(len(ranked))
            if ranking.recency_boost and ranked:
                cursor.execute(
                    f"SELECT id, published FROM {ENTRY_TABLE} WHERE id IN ({', '.join(['%s'] * len(ranked))})",
                    [r[0] for r in ranked],
                )
                dates = dict(cursor.fetchall())
                ranked = [(i, score * recency_factor(dates.get(i), now, ranking)) for i, score in ranked]
            ranked.sort(key=lambda item: (-item[1], -item[0]))
            hits = self._page_ids(cursor, ranked[offset : offset + limit])
            if total is None:
                return offset + len(hits), hits
            if isinstance(total, Total) and total < offset + len(hits):
                total = Total(offset + len(hits), estimated=total.estimated)
            return total, hits

    def _bounded(self, cursor, query, plan: QueryPlan, filters, bm25: str, weights, fetch: int):
        """BM25 of the selected and scored words over the candidates only. A MATCH of "X AND (X OR S)"
        visits only X's entries (S's lists are skipped through), but scores X twice; BM25 is a sum over
        the phrases of the expression, so subtracting the score of "X" alone leaves exactly the score
        that "X OR S" gives those entries (same phrases, same global idf)."""
        selecting = " OR ".join(f"({x})" for x in plan.selectors)
        scored = " OR ".join(sql.word(w) for w in (*plan.select, *plan.score))
        if not plan.score and not plan.headline_only and plan.recent_floor is None:  # one plain MATCH
            where, params = sql.match_params(sql.excluding(selecting, query), filters)
            cursor.execute(
                f"SELECT f.rowid, -{bm25} AS score FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY score DESC LIMIT %s",
                [*weights, *params, fetch],
            )
            rows = [(row[0], float(row[1])) for row in cursor.fetchall()]
            return rows, len(rows) < fetch
        sources = [(selecting, None)] if plan.selectors else []
        if plan.recent_floor is not None:
            sources.append((sql.word(plan.select[0]), plan.recent_floor))
        ranked: dict[int, float] = {}
        complete = True
        for selector, rowid_floor in sources:
            where, params_x = sql.match_params(sql.excluding(selector, query), filters)
            _where, params_xs = sql.match_params(
                sql.excluding(f"({selector}) AND ({scored})", query), filters
            )
            extra: list = []
            if rowid_floor is not None:
                where += " AND f.rowid >= %s"
                extra = [rowid_floor]
            if selector == scored:  # the candidates' own MATCH scores them
                cursor.execute(
                    f"SELECT f.rowid, -{bm25} AS score FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                    "ORDER BY score DESC LIMIT %s",
                    [*weights, *params_x, *extra, fetch],
                )
                rows = cursor.fetchall()
                complete = complete and len(rows) < fetch and rowid_floor is None
                ranked.update((row[0], float(row[1])) for row in rows)
                continue
            cursor.execute(
                f"WITH x AS MATERIALIZED (SELECT f.rowid AS id, {bm25} AS s FROM {FTS_TABLE} f "
                f"WHERE {FTS_TABLE} MATCH %s{where}), "
                f"xs AS MATERIALIZED (SELECT f.rowid AS id, {bm25} AS s FROM {FTS_TABLE} f "
                f"WHERE {FTS_TABLE} MATCH %s{where}) "
                "SELECT xs.id, x.s - xs.s AS score FROM xs JOIN x ON x.id = xs.id ORDER BY score DESC LIMIT %s",
                [*weights, *params_x, *extra, *weights, *params_xs, *extra, fetch],
            )
            rows = cursor.fetchall()
            complete = complete and len(rows) < fetch and rowid_floor is None
            ranked.update((row[0], float(row[1])) for row in rows)
        return list(ranked.items()), complete

    def _newest(self, cursor, query, plan: QueryPlan, filters, fetch: int, shown: int):
        """Every word is very common: the most recently indexed entries, those with every word first
        (score 3), then with one in a headline (2), then with one (1); for
        "phrases", those with the phrases in a headline (2), then the others (1). The recency factor and
        the second stage order them. Each step reads the index newest first and stops at ``fetch``."""
        if query.phrases:  # the phrases in a headline first, then anywhere (words add nothing here)
            in_headline = " AND ".join("{title} : " + sql.quote(" ".join(p)) for p in query.phrases)
            steps = [(sql.excluding(in_headline, query), 2.0), (sql.match_expression(query), 1.0)]
        else:
            joined = [(" OR ", True, 2.0), (" OR ", False, 1.0)]
            if len(query.words) > 1:
                # (Every word in a headline would be the best step, but it is sparse: reading a headline
                # column filter decodes every position list of the window, 10-25 ms at 1,000,000.)
                joined = [(" AND ", False, 3.0), *joined]
            steps = [
                (sql.excluding(joiner.join(sql.word(w, headline) for w in query.words), query), score)
                for joiner, headline, score in joined
            ]
        # A sparse step (every word in a headline) would read the words' whole lists before it found
        # ``fetch`` entries: the steps read the newest newest_window entries only; the last one reads on
        # when they did not fill the page.
        floor = self.planner.newest_floor(cursor, plan)
        ranked: dict[int, float] = {}
        passes = [(expression, score, floor, False) for expression, score in steps]
        if floor is not None:
            passes.append((steps[-1][0], steps[-1][1], None, True))
        complete = False
        for n, (expression, score, rowid_floor, reread) in enumerate(passes):
            if reread and len(ranked) >= shown:
                break
            where, params = sql.match_params(expression, filters)
            if rowid_floor is not None:
                where += " AND f.rowid >= %s"
                params.append(rowid_floor)
            cursor.execute(
                f"SELECT f.rowid FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY f.rowid DESC LIMIT %s",
                [*params, fetch],
            )
            rows = cursor.fetchall()
            for (rowid,) in rows:
                ranked.setdefault(rowid, score)
            # The last step is the whole query: read without a window and not cut, it found every match.
            complete = n == len(passes) - 1 and rowid_floor is None and len(rows) < fetch
            if len(ranked) >= fetch:
                break
        return list(ranked.items())[:fetch], complete

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term (in any field): counted exactly up to exact_df_limit entries,
        estimated on the newest df_window entries above that (an exact count reads the term's every
        posting)."""
        if not terms:
            return {}
        with connection.cursor() as cursor:
            self._tune(cursor)
            floor, corpus = self.planner.window(cursor)
            if floor is not None and corpus > self.options.exact_df_limit:
                return {t: self.planner.count(cursor, sql.quote(t), floor, corpus) for t in terms}
            cursor.execute(
                f"SELECT term, doc FROM {FTS_TABLE}_vocab WHERE term IN ({', '.join(['%s'] * len(terms))})",
                terms,
            )
            return dict(cursor.fetchall())

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        where, params = sql.match_params("{title} : " + sql.quote(prefix) + " *", filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, f.published FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY f.published DESC LIMIT %s",
                [*params, limit],
            )
            return [page_id for page_id, _ in self._page_ids(cursor, cursor.fetchall())]
