"""PostgreSQL backend: a tsvector column with a GIN index, ranked by ts_rank with the same field weights
(title A, summary B, body C) and each word weighted by its idf; the planner
(akhbar.search.backends.postgres.planner) bounds what is ranked on a large table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import connection

from ...analysis import Streams
from ...query import ParsedQuery
from ..base import ENTRY_TABLE, BaseBackend, Filters, IndexedFacts, Options, Ranking, Total
from . import query as tsq
from .planner import Planner, analyzed_size


class PostgresSearchBackend(BaseBackend):
    vendor = "postgresql"

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self.planner = Planner(self.options)

    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        data = [(tsq.tsvector_literal(streams), entry_id) for entry_id, streams, _facts in rows]
        cursor.executemany(f"UPDATE {ENTRY_TABLE} SET document = %s::tsvector WHERE id = %s", data)

    def clear(self, cursor) -> None:
        cursor.execute(f"UPDATE {ENTRY_TABLE} SET document = NULL")

    def count_entries(self, cursor) -> int:
        """Counted up to ``exact_df_limit`` entries, the table statistics above (a count reads them all)."""
        size = analyzed_size(cursor)
        if size > max(self.options.exact_df_limit, 0):  # -1 before the first ANALYZE
            return int(size)
        cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document IS NOT NULL")
        return cursor.fetchone()[0]

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
        """(total, [(page_id, score)]) best first. ts_rank scores an entry from its own tsvector (no
        corpus statistics), so ranking a subset gives every entry of it the score the full query gives;
        a query of plain words whose commoner words would make the ranked set large runs by ``plan``."""
        fetch = offset + limit + self.options.recency_window
        with connection.cursor() as cursor:
            select = self.planner.plan(cursor, query)
            if select is None:  # the plain query: every match is ranked
                return self._ranked(
                    cursor, query, tsq.tsquery(query), filters, ranking, now, limit, offset, with_total
                )
            if select:
                # The candidates are the entries of the rarest words; all words score them. The total is
                # what the pages hold.
                candidates = "(" + " | ".join(tsq.word(w) for w in select) + ")"
                candidates = tsq.excluding(candidates, query)
                return self._ranked(
                    cursor, query, candidates, filters, ranking, now, limit, offset, with_total
                )
            # Every word is common: the newest ``fetch`` matches (read backwards on the primary key, which
            # stops as soon as they are found), ranked; the total is the planner's estimate.
            total = None
            if with_total:
                total = Total(self.planner.estimate(cursor, tsq.tsquery(query)), estimated=True)
            _total, hits = self._ranked(
                cursor, query, tsq.tsquery(query), filters, ranking, now, limit, offset, False, newest=fetch
            )
            if total is None:
                return offset + len(hits), hits
            return Total(max(total, offset + len(hits)), estimated=True), hits

    def _ranked(
        self, cursor, query, tsquery, filters, ranking, now, limit, offset, with_total, newest: int = 0
    ) -> tuple[int, list[tuple[int, float]]]:
        """Entries matching ``tsquery`` ranked by every positive word and phrase of the query; ``newest``
        ranks only the newest that many matches."""
        params: list = [tsquery]
        where = tsq.where(filters, params)
        base = f"FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        total = None
        if with_total:
            cursor.execute(f"SELECT count(*) {base}", params)
            total = cursor.fetchone()[0]
            if not total or offset >= total:
                return total, []
        # ts_rank takes weights in [0, 1]: scaled to the largest (the order of results is the same).
        top = max(ranking.body, ranking.summary, ranking.title) or 1.0
        weights = (
            "{" + ",".join(str(w / top) for w in (0.0, ranking.body, ranking.summary, ranking.title)) + "}"
        )
        age = (
            "greatest(0.0, extract(epoch FROM (%s - coalesce(e.published, 'epoch'::timestamptz))) / 86400.0)"
        )
        rank_sql, rank_params = self.rank_terms(cursor, query, weights)
        score = f"({rank_sql}) * (1.0 + %s * %s / (%s + {age}))"
        score_params = [
            *rank_params,
            ranking.recency_boost,
            ranking.half_life_days,
            ranking.half_life_days,
            now,
        ]
        if newest:
            source = f"(SELECT e.* {base} ORDER BY e.id DESC LIMIT %s) e"
            params = [*params, newest]
        else:
            source = f"{ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        cursor.execute(
            f"SELECT e.page_id, {score} AS score FROM {source} ORDER BY score DESC, e.page_id DESC LIMIT %s OFFSET %s",
            [*score_params, *params, limit, offset],
        )
        hits = [(row[0], float(row[1])) for row in cursor.fetchall()]
        return (offset + len(hits) if total is None else total), hits

    def rank_terms(self, cursor, query: ParsedQuery, weights: str) -> tuple[str, list]:
        """The relevance part of the score: for each query word, ts_rank of that word alone times its
        idf (ts_rank knows nothing of the corpus, so on its own a common word counts as much as a rare
        one), and each phrase weighted by the idf of its rarest term. The idf is the one the second
        stage uses (akhbar.search.rerank.idf over the light term's document frequency)."""
        from ...rerank import idf

        lights = [w.light for w in query.words]
        phrase_terms = [t for p in query.phrases for t in p]
        df = self.document_frequencies(list(dict.fromkeys(lights + phrase_terms)))
        n = max(self.corpus_size(), *df.values(), 1)  # estimates may disagree; never a negative idf
        parts, params = [], []
        for word in query.words:
            parts.append("%s * ts_rank(%s::float4[], e.document, %s::tsquery, 1)")
            params += [idf(df.get(word.light, 0), n), weights, tsq.word(word)]
        for phrase in query.phrases:
            parts.append("%s * ts_rank(%s::float4[], e.document, %s::tsquery, 1)")
            params += [max(idf(df.get(t, 0), n) for t in phrase), weights, tsq.phrase(phrase)]
        return " + ".join(parts) or "0.0", params

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term: counted up to ``exact_df_limit`` entries (one GIN lookup per
        term), the planner's estimate above (a count reads every entry that holds a common term)."""
        out = {}
        with connection.cursor() as cursor:
            if self.planner.large(cursor):
                return {term: self.planner.estimate(cursor, tsq.lexeme(term)) for term in terms}
            for term in terms:
                cursor.execute(
                    f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document @@ %s::tsquery", [tsq.lexeme(term)]
                )
                out[term] = cursor.fetchone()[0]
        return out

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
