"""PostgreSQL: FTS5's BM25, computed in SQL from the tsvector, so that both engines rank alike.

SQLite ranks with FTS5's bm25(): for each phrase of the MATCH expression (a word's light term in the
light columns, each of its other terms in the extra columns, each "quoted phrase"),

    idf · F · (k1 + 1) / (F + k1 · (1 − b + b · D / avgdl)),   idf = ln((N − n + 0.5) / (n + 0.5)) (≥ 1e-6)

with F the phrase's occurrences weighted by their column's weight, D the row's number of tokens, avgdl
their mean, N the rows and n the rows holding the phrase. Here F is ts_rank_cd of that one lexeme with
the field weights (A title, B summary, C body): for a one-lexeme query every occurrence is a cover of
its own, and the cover-density rank adds up their weights, the weighted term frequency (the tsvector
gives each occurrence a position of its own; akhbar.search.backends.postgres.query). ts_rank_cd takes
weights up to 1, so they are scaled down and F scaled back. D is the ``dl`` column, avgdl the cached
mean of it, n a GIN count (the planner's estimate on a large table, as for every document frequency).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...query import ParsedQuery
from ..base import Ranking
from . import query as tsq

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Phrase:
    """One phrase of the expression: its tsquery and its weight relative to the field weights (the
    extra-stream weight for the other terms of a word, 1 otherwise)."""

    tsquery: str
    factor: float = 1.0


def phrases(query: ParsedQuery, ranking: Ranking) -> list[Phrase]:
    """The phrases SQLite's MATCH expression holds, in its order (akhbar.search.backends.sqlite.query:
    phrases, then each word's terms, then the first phrase again when there are words)."""
    out = [Phrase(tsq.phrase(p)) for p in query.phrases]
    for w in query.words:
        out.append(Phrase(tsq.lexeme(w.light)))
        out.extend(Phrase(tsq.lexeme(tsq.EXTRA + t), ranking.extra) for t in w.extra)
    if query.phrases and query.words:
        out.append(Phrase(tsq.phrase(query.phrases[0])))
    return out


def idf(held: int, rows: int) -> float:
    """FTS5's idf of a phrase held by ``held`` of ``rows`` entries."""
    value = math.log((rows - held + 0.5) / (held + 0.5))
    return value if value > 0 else 1e-6


def score_sql(
    terms: list[Phrase], frequencies: dict[str, int], rows: int, avgdl: float, ranking: Ranking
) -> tuple[str, str, list[str]]:
    """(score expression, LATERAL clause, its parameters) over the entries' alias ``e``: the LATERAL
    computes each distinct phrase's weighted frequency once per entry (OFFSET 0 keeps it from being
    folded into the score, which would compute it twice), on one in-memory copy of the document."""
    top = max(ranking.title, ranking.summary, ranking.body, 0.0) or 1.0
    weights = (
        "{"
        + ",".join(repr(float(w / top)) for w in (0.0, ranking.body, ranking.summary, ranking.title))
        + "}"
    )
    avgdl = max(float(avgdl), 1.0)
    columns: dict[tuple[str, float], str] = {}
    params: list[str] = []
    parts = []
    for phrase in terms:
        key = (phrase.tsquery, phrase.factor)
        if key not in columns:
            columns[key] = f"f{len(columns)}"
            params.append(phrase.tsquery)
        f = f"x.{columns[key]}"
        weight = idf(frequencies.get(phrase.tsquery, 0), rows) * (K1 + 1)
        parts.append(f"{weight!r} * {f} / ({f} + x.k)")
    frequencies_sql = "".join(
        f", ts_rank_cd('{weights}'::float4[], t.d, %s::tsquery, 0) * {float(top * factor)!r} AS {name}"
        for (_tsquery, factor), name in columns.items()
    )
    # The document is read (detoasted, decompressed) once per entry: ``|| ''`` gives an in-memory copy that
    # every ts_rank_cd reads, where each would otherwise fetch and decompress the stored value again
    # (a third less time per entry with four phrases, measured at 100,000 entries).
    lateral = (
        f"CROSS JOIN LATERAL (SELECT {K1!r} * (1 - {B!r} + {B!r} * coalesce(e.dl, {avgdl!r}) / {avgdl!r}) AS k"
        f"{frequencies_sql} FROM (SELECT e.document || ''::tsvector AS d OFFSET 0) t OFFSET 0) x"
    )
    return (" + ".join(parts) or "0.0"), lateral, params
