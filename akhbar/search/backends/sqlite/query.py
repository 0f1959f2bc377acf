"""SQLite: a parsed query and filters as FTS5 MATCH expressions and WHERE clauses (the query compiler).

The table ``search_fts`` has the light and extra streams of title, summary and body (six columns), a
``facets`` column of site and section terms (``s12 c34``: those filters are index lookups inside MATCH)
and the date (UNINDEXED). Its DDL is frozen in the search migrations.
"""

from __future__ import annotations

from ...analysis import WordTerms
from ...query import ParsedQuery
from ..base import AUTHORS_TABLE, ENTRY_TABLE, Filters, julian_day

FTS_TABLE = "search_fts"


def quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def facets(site_id: int | None, section_id: int | None) -> str:
    """The facets column's terms of one entry."""
    return " ".join(f"{p}{v}" for p, v in (("s", site_id), ("c", section_id)) if v is not None)


def word(w: WordTerms, headline: bool = False) -> str:
    """A query word: its light term in the light columns or its other terms in the extra columns."""
    light_columns, extra_columns = (
        ("title", "title_x") if headline else ("title summary body", "title_x summary_x body_x")
    )
    light = f"{{{light_columns}}} : {quote(w.light)}"
    if not w.extra:
        return light
    extras = " OR ".join(quote(t) for t in w.extra)
    return f"({light} OR {{{extra_columns}}} : ({extras}))"


def phrase(terms: list[str]) -> str:
    return "{title summary body} : " + quote(" ".join(terms))


def excluding(expression: str, query: ParsedQuery) -> str:
    excluded = [word(w) for w in query.excluded_words]
    excluded += [phrase(p) for p in query.excluded_phrases]
    return f"({expression}) NOT ({' OR '.join(excluded)})" if excluded else expression


def match_expression(query: ParsedQuery) -> str:
    """The whole query: phrases are required, words only add to the score (each OR group also contains
    the first phrase, so it never fails on its own); exclusions remove."""
    words = [word(w) for w in query.words]
    phrases = [phrase(p) for p in query.phrases]
    if phrases:
        expression = " AND ".join(phrases)
        if words:
            expression += " AND (" + " OR ".join([*words, phrases[0]]) + ")"
    else:
        expression = " OR ".join(words)
    return excluding(expression, query)


def facet_match(filters: Filters) -> str:
    """The part of the MATCH expression that applies the site and section filters."""
    terms = []
    if filters.site_id is not None:
        terms.append(f"s{int(filters.site_id)}")
    if filters.section_id is not None:
        terms.append(f"c{int(filters.section_id)}")
    return " AND ".join(f'{{facets}} : "{t}"' for t in terms)


def where(filters: Filters, params: list) -> str:
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


def match_params(match: str, filters: Filters) -> tuple[str, list]:
    """(WHERE tail, params) for ``MATCH %s`` with ``match`` and every filter applied."""
    facet = facet_match(filters)
    params: list = [f"({match}) AND {facet}" if facet else match]
    return where(filters, params), params
