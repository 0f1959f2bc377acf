"""The search function behind the search page, the JSON API and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page

from .analysis import prefix_terms
from .backends import DEFAULT_RANKING, Filters, Ranking, get_backend
from .models import SearchEntry
from .query import ParsedQuery, parse_query
from .rerank import DEFAULT_RERANK, Features, Rerank, combine, features, idf, lookup_for, nisba_forms
from .snippets import highlight, snippet

PER_PAGE = 10
MAX_PAGE = 100


@dataclass
class Hit:
    page_id: int
    score: float
    title: str = ""
    title_html: SafeString | str = ""
    snippet: SafeString | str = ""
    published: datetime | None = None
    section: str = ""
    site: str = ""
    site_id: int | None = None
    url: str = ""


@dataclass
class Results:
    query: ParsedQuery
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGE, -(-self.total // self.per_page))

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search(
    text: str,
    filters: Filters | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
    ranking: Ranking = DEFAULT_RANKING,
    now: datetime | None = None,
    with_snippets: bool = True,
    rerank: Rerank | None = DEFAULT_RERANK,
) -> Results:
    """Ranked, filtered, paginated hits for ``text``; snippets cut from the original text."""
    query = parse_query(text)
    results = Results(query=query, page=page, per_page=per_page)
    if query.is_empty:
        return results
    backend = get_backend()
    filters = filters or Filters()
    now = now or timezone.now()
    offset = (page - 1) * per_page
    depth = rerank.depth if rerank is not None and query.words else 0
    if offset < depth:
        # The second stage re-orders the first ``depth`` candidates; a page reaching past them (a large
        # per_page, as the admin's search asks for) continues in first-stage order.
        total, ranked = backend.search(query, filters, ranking, now, max(depth, offset + per_page), 0)
        ranked = (rerank_hits(query, ranked[:depth], rerank) + ranked[depth:])[offset : offset + per_page]
    else:
        total, ranked = backend.search(query, filters, ranking, now, per_page, offset)
    results.total = total
    results.hits = [Hit(page_id=pk, score=score) for pk, score in ranked]
    if with_snippets:
        describe(results.hits, query.highlight_terms())
    return results


def _candidate_texts(ranked: list[tuple[int, float]], max_chars: int) -> dict[int, tuple[str, str, str]]:
    """Title, summary and the first ``max_chars`` of the body of each candidate (cut in the database)."""
    return {
        pk: (title, summary, body)
        for pk, title, summary, body in SearchEntry.objects.filter(page_id__in=[pk for pk, _ in ranked])
        .annotate(head=Substr("body", 1, max_chars))
        .values_list("page_id", "title", "summary", "head")
    }


def _query_weights(query: ParsedQuery) -> list[float]:
    """The idf of each query word's light term in the index."""
    backend = get_backend()
    df = backend.document_frequencies([w.light for w in query.words])
    n = max(backend.corpus_size(), 1)
    return [idf(df.get(w.light, 0), n) for w in query.words]


def candidate_features(
    query: ParsedQuery, ranked: list[tuple[int, float]], rerank: Rerank = DEFAULT_RERANK
) -> list[Features]:
    """The second stage's evidence for each first-stage candidate, in order (bench/search_tune.py)."""
    weights = _query_weights(query)
    lookup = lookup_for(query.words, rerank.variants)
    texts = _candidate_texts(ranked, rerank.max_chars)
    seen: dict[str, int] = {}
    nisba = nisba_forms(query.words, rerank)
    return [features(list(texts.get(pk, ())), weights, lookup, rerank, seen, nisba) for pk, _ in ranked]


def rerank_hits(
    query: ParsedQuery, ranked: list[tuple[int, float]], rerank: Rerank
) -> list[tuple[int, float]]:
    """Re-order the first candidates by the second stage's evidence (akhbar.search.rerank)."""
    if len(ranked) < 2 or not query.words:
        return ranked
    found = candidate_features(query, ranked, rerank)
    rescored = [(pk, combine(score, f, rerank)) for (pk, score), f in zip(ranked, found, strict=True)]
    rescored.sort(key=lambda item: (-item[1], -item[0]))
    return rescored


def describe(hits: list[Hit], terms: set[str]) -> None:
    """Fill in what a result shows: title and snippet with marks, date, section and site."""
    from akhbar.network.directory import network_sites

    entries = {e.page_id: e for e in SearchEntry.objects.filter(page_id__in=[h.page_id for h in hits])}
    sections = dict(
        Page.objects.filter(pk__in={e.section_id for e in entries.values()}).values_list("pk", "title")
    )
    site_names = {s.site_id: s.name for s in network_sites()}
    for hit in hits:
        entry = entries.get(hit.page_id)
        if entry is None:
            continue
        hit.title = entry.title
        hit.title_html = highlight(entry.title, terms)
        source = entry.body
        cut = snippet(entry.body, terms)
        if "<mark>" not in cut and entry.summary:
            source = entry.summary
            cut = snippet(source, terms)
        hit.snippet = cut
        hit.published = entry.published
        hit.section = sections.get(entry.section_id, "")
        hit.site = site_names.get(entry.site_id, "")
        hit.site_id = entry.site_id


def attach_urls(hits: list[Hit], request=None) -> None:
    """Give each hit the URL of its page (relative on the current site, absolute across sites)."""
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[h.page_id for h in hits]).only("url_path", "path")}
    for hit in hits:
        page = pages.get(hit.page_id)
        hit.url = (page.get_url(request) or "") if page else ""


def suggest(partial: str, filters: Filters | None = None, limit: int = 8) -> list[SearchEntry]:
    """Headlines for the search box: the finished words ranked as a search, the last one as a prefix."""
    words = partial.split()
    if not words:
        return []
    terms = [t for t in prefix_terms(words[-1]) if len(t) >= 2]
    if not terms:
        return []
    backend = get_backend()
    wanted = limit * 4 if len(words) > 1 else limit
    page_ids = list(
        dict.fromkeys(pk for term in terms for pk in backend.suggest(term, filters or Filters(), wanted))
    )
    entries = {
        e.page_id: e for e in SearchEntry.objects.filter(page_id__in=page_ids).only("page_id", "title")
    }
    ordered = [entries[pk] for pk in page_ids if pk in entries]
    if len(words) > 1:
        finished = parse_query(" ".join(words[:-1])).highlight_terms()
        ordered.sort(key=lambda e: -len(finished & set(parse_query(e.title).highlight_terms())))
    return ordered[:limit]
