"""PostgreSQL: which entries a query ranks (the query planner), from the planner's estimates.

ts_rank reads every match, so on a large table only the entries of the rarest words are ranked, with
the whole query: ts_rank scores an entry from its own tsvector (no corpus statistics), so each of them
gets exactly the score the full query gives it. The words' entries are the planner's estimates (ANALYZE
statistics of the tsvector's common lexemes; no entry is read).
"""

from __future__ import annotations

import json

from ...analysis import WordTerms
from ...query import ParsedQuery
from ..base import ENTRY_TABLE, Options
from . import query as tsq


def estimate(cursor, tsquery: str) -> int:
    """The planner's estimate of the entries matching ``tsquery``."""
    cursor.execute(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery", [tsquery]
    )
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def analyzed_size(cursor) -> float:
    """The entries' table size as ANALYZE (or VACUUM) last saw it: -1 or 0 before its first run, when
    the planner has no statistics and its estimates are a fixed guess."""
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [ENTRY_TABLE])
    row = cursor.fetchone()
    return row[0] if row else -1


class Planner:
    """Plans the queries of one search (a backend is made per search: the table size and each
    tsquery's estimate are read once)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._size: float | None = None
        self._estimates: dict[str, int] = {}

    def estimate(self, cursor, tsquery: str) -> int:
        found = self._estimates.get(tsquery)
        if found is None:
            found = self._estimates[tsquery] = estimate(cursor, tsquery)
        return found

    def newest_floor(self, cursor) -> int | None:
        """The id above which lie about the newest ``newest_window`` entries (None: an empty table)."""
        cursor.execute(f"SELECT max(id) FROM {ENTRY_TABLE}")
        highest = cursor.fetchone()[0]
        return None if highest is None else highest - self.options.newest_window

    def large(self, cursor) -> bool:
        """True when the table is larger than ``exact_df_limit`` entries and ANALYZE has seen it (before
        ANALYZE every word gets the same guess, and planning on it would choose at random)."""
        if self._size is None:
            self._size = analyzed_size(cursor)
        return self._size > self.options.exact_df_limit

    def plan(self, cursor, query: ParsedQuery) -> list[WordTerms] | None:
        """None: rank every match (phrases, every word rare enough, a small table or one without
        statistics yet); else the rarest words, while their estimated entries add up to
        ``select_budget`` (an empty list: none fits)."""
        if query.phrases or not query.words or not self.large(cursor):
            return None
        counted = sorted(
            ((self.estimate(cursor, tsq.word(w)), i, w) for i, w in enumerate(query.words)),
            key=lambda item: (item[0], item[1]),
        )
        select, rows = [], 0
        for n, _i, w in counted:
            if rows + n > self.options.select_budget:
                break
            select.append(w)
            rows += n
        return None if len(select) == len(query.words) else select
