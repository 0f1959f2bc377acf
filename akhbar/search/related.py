"""Automatic related stories ("قد يهمك أيضا"), computed from the search index when a story is published.

Method ("more like this"): the story's 16 most distinctive words (tf · idf over its headline, summary
and body, headline and summary words counting triple) become one ranked OR query, restricted to the
same site and excluding the story itself. The best candidates are then re-ranked: relevance (scaled to
the best candidate), a bonus for the same section and one for being close in time. A candidate whose
headline and summary share most of their terms with the story is the same story (often from another
source): at most ``MAX_SAME_STORY`` are kept; near-copies of the story, or of a story already chosen,
are dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from .analysis import WordTerms, field_streams, query_word
from .backends import Filters, Ranking, get_backend
from .models import RelatedStories, SearchEntry
from .query import ParsedQuery
from .rerank import idf

RELATED_COUNT = 6
CANDIDATES = 40
QUERY_WORDS = 16
BODY_TERMS = 12
HEADLINE_WEIGHT = 3
MAX_SAME_STORY = 2
SAME_STORY = 0.35
NEAR_COPY = 0.85


@dataclass(frozen=True)
class RelatedWeights:
    """How candidates are re-ranked: relevance counts 1; these are added bonuses."""

    same_section: float = 0.15
    close_in_time: float = 0.15
    time_scale_days: float = 7.0


DEFAULT_WEIGHTS = RelatedWeights()
RELATED_RANKING = Ranking(title=3.0, summary=2.0, body=1.0, recency_boost=0.0)


def _words(text: str) -> list[str]:
    return field_streams(text).light


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def more_like_this_query(entry: SearchEntry) -> ParsedQuery:
    """The query a story's related stories are found with: its most distinctive words (tf · idf, a
    headline or summary word counting as three body occurrences)."""
    from akhbar.arabic.tokenize import WORD_RE

    words: dict[str, WordTerms] = {}
    weight: Counter[str] = Counter()
    for word in WORD_RE.findall(f"{entry.title} {entry.summary}"):
        terms = query_word(word)
        if terms is not None:
            words.setdefault(terms.light, terms)
            weight[terms.light] += HEADLINE_WEIGHT
    for term, count in Counter(_words(entry.body)).most_common(BODY_TERMS * 3):
        words.setdefault(term, WordTerms(term))
        weight[term] += count
    backend = get_backend()
    df = backend.document_frequencies(list(words))
    n = max(backend.corpus_size(), 1) if df else 1
    ranked = sorted(words, key=lambda t: -weight[t] * idf(df.get(t, 0), n))
    return ParsedQuery(text=entry.title, words=[words[t] for t in ranked[:QUERY_WORDS]])


def compute_related(
    page_id: int,
    *,
    count: int = RELATED_COUNT,
    weights: RelatedWeights = DEFAULT_WEIGHTS,
    same_site: bool = True,
) -> list[int]:
    """Page ids of the automatic related stories of one indexed page, best first."""
    entry = SearchEntry.objects.filter(page_id=page_id).first()
    if entry is None:
        return []
    query = more_like_this_query(entry)
    if query.is_empty:
        return []
    filters = Filters(site_id=entry.site_id if same_site else None, exclude_page_ids=(page_id,))
    _total, ranked = get_backend().search(
        query, filters, RELATED_RANKING, timezone.now(), CANDIDATES, 0, with_total=False
    )
    if not ranked:
        return []
    candidates = {e.page_id: e for e in SearchEntry.objects.filter(page_id__in=[pk for pk, _ in ranked])}
    top = ranked[0][1] or 1.0
    story_terms = set(_words(f"{entry.title} {entry.summary}"))
    body_terms = set(_words(entry.body))
    scored = []
    bodies: dict[int, set[str]] = {}
    for pk, score in ranked:
        other = candidates.get(pk)
        if other is None:
            continue
        bodies[pk] = set(_words(other.body))
        if body_terms and _jaccard(body_terms, bodies[pk]) >= NEAR_COPY:
            continue
        value = score / top
        if other.section_id == entry.section_id and entry.section_id is not None:
            value += weights.same_section
        if entry.published and other.published:
            days = abs((entry.published - other.published).total_seconds()) / 86400
            value += weights.close_in_time * weights.time_scale_days / (weights.time_scale_days + days)
        same_story = _jaccard(story_terms, set(_words(f"{other.title} {other.summary}"))) >= SAME_STORY
        scored.append((value, pk, same_story))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    chosen: list[int] = []
    same = 0
    for _value, pk, same_story in scored:
        if any(_jaccard(bodies[pk], bodies[c]) >= NEAR_COPY for c in chosen):
            continue  # a copy of one already chosen (the same wire story filed twice)
        if same_story:
            if same >= MAX_SAME_STORY:
                continue
            same += 1
        chosen.append(pk)
        if len(chosen) >= count:
            break
    return chosen


def update_related(page_id: int) -> list[int]:
    """Compute and store one story's related stories; a story chosen whose own list is not full yet
    gets this one appended (older stories of a new site would otherwise keep short lists)."""
    ids = compute_related(page_id)
    RelatedStories.objects.update_or_create(page_id=page_id, defaults={"page_ids": ids})
    for row in RelatedStories.objects.filter(page_id__in=ids):
        if len(row.page_ids) < RELATED_COUNT and page_id not in row.page_ids:
            row.page_ids = [*row.page_ids, page_id]
            row.save(update_fields=["page_ids", "computed_at"])
    return ids


def cached_related(page_id: int) -> list[int]:
    """The stored related stories of a page (an empty list until it has been computed)."""
    row = RelatedStories.objects.filter(page_id=page_id).values_list("page_ids", flat=True).first()
    return list(row or [])
