"""PostgreSQL: documents as tsvector literals, queries as tsquery text, filters as WHERE clauses.

The entries' table has a ``document`` tsvector column with a GIN index (DDL frozen in the search
migrations), written as a literal: no text search configuration touches the analyzed terms. Title terms
are weighted A, summary B, body C; positions come from the light stream, and the extra terms share
their field's first position.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...analysis import Streams, WordTerms
from ...query import ParsedQuery
from ..base import AUTHORS_TABLE, Filters

PG_MAX_POSITION = 16383


def lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(streams: Sequence[Streams]) -> str:
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
    return " ".join(f"{lexeme(t)}:{','.join(p[:256])}" for t, p in positions.items())


def word(w: WordTerms) -> str:
    return "(" + " | ".join(lexeme(t) for t in w.all) + ")"


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
