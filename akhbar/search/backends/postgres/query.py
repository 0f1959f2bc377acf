"""PostgreSQL: documents as tsvector literals, queries as tsquery text, filters as WHERE clauses.

The entries' table has a ``document`` tsvector column with a GIN index and a ``dl`` column (the number
of terms, as FTS5 counts a row's tokens), DDL frozen in the search migrations. The tsvector is written as
a literal: no text search configuration touches the analyzed terms. Title terms are weighted A, summary
B, body C. The light stream keeps its word positions (phrases match on them); the extra stream's terms
are stored with the ``EXTRA`` mark in front (``~term``), as SQLite keeps them in columns of their own, and
each of their occurrences has a position of its own (numbered apart from the light stream's), so that
ts_rank_cd of one lexeme is the weighted number of its occurrences, the term frequency BM25 needs
(akhbar.search.backends.postgres.bm25).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ...analysis import Streams, WordTerms
from ...query import ParsedQuery
from ..base import AUTHORS_TABLE, Filters

PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256  # positions a tsvector keeps per lexeme
EXTRA = "~"  # marks an extra-stream term (the analyzer's terms never start with it)


def lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


# Position labels ("1A" … "16383A", and B, C), made once: a document's stream takes its labels as a
# slice; positions past the last one all get the last (PostgreSQL's limit).
_LABELS = {weight: [f"{p}{weight}" for p in range(PG_MAX_POSITION + 1)] for weight in "ABC"}


def _labels(weight: str, start: int, count: int) -> list[str]:
    """The labels of ``count`` consecutive positions from ``start`` (1-based)."""
    labels = _LABELS[weight][start : start + count]
    if len(labels) < count:
        labels += [_LABELS[weight][PG_MAX_POSITION]] * (count - len(labels))
    return labels


def tsvector_literal(streams: Sequence[Streams]) -> str:
    positions: dict[str, list[str]] = defaultdict(list)
    offset = 0
    extra_position = 0
    for weight, s in zip("ABC", streams, strict=True):
        for term, label in zip(s.light, _labels(weight, offset + 1, len(s.light)), strict=True):
            positions[term].append(label)
        offset += len(s.light) + 1
        # Extra terms are never part of a phrase: they are numbered on their own, one position each.
        for term, label in zip(s.extra, _labels(weight, extra_position + 1, len(s.extra)), strict=True):
            positions[EXTRA + term].append(label)
        extra_position += len(s.extra)
    return " ".join(f"{lexeme(t)}:{','.join(p[:PG_MAX_POSITIONS])}" for t, p in positions.items())


def term_count(streams: Sequence[Streams]) -> int:
    """How many terms the streams of an entry hold (every stream)."""
    return sum(len(s.light) + len(s.extra) for s in streams)


def facet_count(facts) -> int:
    """How many terms FTS5's facets column gives an entry (its site and its section): an entry's BM25
    document length is its ``term_count`` plus these, as FTS5 counts a row's tokens."""
    return sum(1 for v in (facts.site_id, facts.section_id) if v is not None)


def word_lexemes(w: WordTerms) -> list[str]:
    """The lexemes of a query word: its light term, and its other terms as extra-stream terms."""
    return [lexeme(w.light), *(lexeme(EXTRA + t) for t in w.extra)]


def word(w: WordTerms) -> str:
    return "(" + " | ".join(word_lexemes(w)) + ")"


def any_stream(term: str) -> str:
    """A term in either stream (what SQLite's vocabulary counts)."""
    return f"({lexeme(term)} | {lexeme(EXTRA + term)})"


def phrase(terms: list[str]) -> str:
    return "(" + " <-> ".join(lexeme(t) for t in terms) + ")"


def excluding(expression: str, query: ParsedQuery) -> str:
    excluded = [word(w) for w in query.excluded_words] + [phrase(p) for p in query.excluded_phrases]
    return f"({expression}) & !({' | '.join(excluded)})" if excluded else expression


def tsquery(query: ParsedQuery) -> str:
    """The whole query: phrases required, else any word; exclusions remove."""
    words = [word(w) for w in query.words]
    phrases = [phrase(p) for p in query.phrases]
    return excluding(" & ".join(phrases) if phrases else " | ".join(words), query)


def where(filters: Filters, params: list) -> str:
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
