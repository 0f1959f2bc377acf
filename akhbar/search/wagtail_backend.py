"""Wagtail's search backend for akhbar: page searches in the admin go through akhbar's Arabic index.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]``. For a search over a Page queryset (the admin's page
search, the explorer's search box and the page chooser; all of them call ``autocomplete``), the pages
come from akhbar's own index and analyzer (akhbar.search.service: the same Arabic matching readers get,
so hamza and alef variants, prefixes such as "و" and "ال", and harakat all match) in the readers'
relevance order, then the pages Wagtail's database backend finds for the same query (pages akhbar's index
does not hold: homes, sections, drafts never published, pages found by an older title). Everything is
intersected with the queryset given, so permissions, filters and live/draft state are respected.

Everything else (images, documents, snippets, users; searches restricted to ``fields``; queries that are
not text, such as MATCH_ALL) goes to Wagtail's database backend unchanged, and so does all indexing:
``wagtail update_index`` rebuilds the database backend's index as before; akhbar's index is rebuilt by
``akhbar reindex``.

Limits: akhbar's index contributes its best ``MAX_CANDIDATES`` matches and the database backend its best
``MAX_FALLBACK``; a result list is never longer than their sum.
"""

from __future__ import annotations

from collections import OrderedDict

from django.db import DatabaseError, transaction
from django.db.models import Count, QuerySet
from modelsearch.backends.base import (
    BaseSearchBackend,
    BaseSearchResults,
    EmptySearchResults,
    FilterFieldError,
)
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import And, Boost, Or, Phrase, PlainText
from wagtail.models import Page

from . import service

MAX_CANDIDATES = 2000
MAX_FALLBACK = 500
PREFIX_SUGGESTIONS = 50


def query_text(query) -> str | None:
    """The text akhbar's query parser reads for a Wagtail query, or None when it is not plain text
    (MATCH_ALL, Not, Fuzzy): those are left to the database backend."""
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText):
        return query.query_string
    if isinstance(query, Phrase):
        return '"' + query.query_string.replace('"', " ") + '"'
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, And | Or):
        parts = [query_text(q) for q in query.subqueries]
        return None if any(p is None for p in parts) else " ".join(parts)
    return None


def index_matches(text: str, *, prefix: bool) -> list[tuple[int, float]]:
    """(page id, score) of the pages akhbar's index finds for ``text``, best first; ``prefix`` adds the
    headlines whose words start like the last word typed (as the search box's suggestions do)."""
    results = service.search(text, page=1, per_page=MAX_CANDIDATES, with_snippets=False)
    ranked = [(hit.page_id, hit.score) for hit in results.hits]
    if prefix:
        seen = {pk for pk, _ in ranked}
        ranked += [
            (e.page_id, 0.0) for e in service.suggest(text, limit=PREFIX_SUGGESTIONS) if e.page_id not in seen
        ]
    return ranked


class PageMatch:
    """A page search waiting to run: the queryset to stay within, akhbar's query text, and the database
    backend's results for the same query. Shared by every slice of the results, so it runs once."""

    def __init__(self, queryset: QuerySet, text: str, fallback, *, prefix: bool, order_by_relevance: bool):
        self.queryset = queryset
        self.text = text
        self.fallback = fallback
        self.prefix = prefix
        self.order_by_relevance = order_by_relevance
        self._ranked: list[tuple[int, float]] | None = None

    def _fallback_ids(self) -> list[int]:
        results = self.fallback[:MAX_FALLBACK]
        try:
            # The database backend's FTS syntax can reject odd input ("(", "NEAR", a lone quote); that
            # must not cost the editor the results akhbar's own parser found.
            with transaction.atomic():
                if hasattr(results, "get_queryset"):
                    return list(results.get_queryset().values_list("pk", flat=True))
                return [obj.pk for obj in results]
        except DatabaseError:
            return []

    def ranked(self) -> list[tuple[int, float]]:
        """(page id, score) of every match inside the queryset: akhbar's, best first, then the database
        backend's (score 0)."""
        if self._ranked is None:
            candidates = dict(index_matches(self.text, prefix=self.prefix))
            for pk in self._fallback_ids():
                candidates.setdefault(pk, 0.0)
            allowed = set()
            if candidates:
                allowed = set(
                    self.queryset.order_by().filter(pk__in=list(candidates)).values_list("pk", flat=True)
                )
            self._ranked = [(pk, score) for pk, score in candidates.items() if pk in allowed]
        return self._ranked

    def page_ids(self) -> list[int]:
        return [pk for pk, _ in self.ranked()]


class AkhbarPageSearchResults(BaseSearchResults):
    """Page search results: sliceable, countable and faceted like Wagtail's own results."""

    supports_facet = True

    def _do_search(self):
        match: PageMatch = self.query_compiler
        ranked = match.ranked()
        if not match.order_by_relevance:
            queryset = match.queryset.filter(pk__in=[pk for pk, _ in ranked])
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            objects = list(queryset[self.start : self.stop])
        else:
            window = ranked[self.start : self.stop]
            found = {obj.pk: obj for obj in match.queryset.filter(pk__in=[pk for pk, _ in window])}
            objects = [found[pk] for pk, _ in window if pk in found]
        if self._score_field:
            scores = dict(ranked)
            for obj in objects:
                setattr(obj, self._score_field, scores.get(obj.pk, 0.0))
        return objects

    def _do_count(self):
        total = len(self.query_compiler.ranked())
        return max(0, min(total, self.stop if self.stop is not None else total) - self.start)

    def facet(self, field_name):
        match: PageMatch = self.query_compiler
        model = match.queryset.model
        if field_name not in {f.get_attname(model) for f in model.get_filterable_search_fields()}:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {model.__name__}.search_fields.',
                field_name=field_name,
            )
        rows = (
            match.queryset.order_by()
            .filter(pk__in=match.page_ids())
            .values(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[field_name], row["count"]) for row in rows)


class AkhbarSearchBackend(BaseSearchBackend):
    """Page searches through akhbar's index, everything else through Wagtail's database backend."""

    results_class = AkhbarPageSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.default = DatabaseSearchBackend(params)
        # Indexing and rebuilding (signals, `wagtail update_index`) are the database backend's.
        self.query_compiler_class = self.default.query_compiler_class
        self.autocomplete_query_compiler_class = self.default.autocomplete_query_compiler_class
        self.index_class = self.default.index_class
        self.rebuilder_class = self.default.rebuilder_class
        self.catch_indexing_errors = self.default.catch_indexing_errors

    def get_index_for_model(self, model):
        return self.default.get_index_for_model(model)

    def get_index_for_object(self, obj):
        return self.default.get_index_for_object(obj)

    def all_indexes(self):
        return self.default.all_indexes()

    def refresh_indexes(self):
        return self.default.refresh_indexes()

    def reset_indexes(self):
        return self.default.reset_indexes()

    def add(self, obj):
        return self.default.add(obj)

    def add_bulk(self, model, obj_list):
        return self.default.add_bulk(model, obj_list)

    def delete(self, obj):
        return self.default.delete(obj)

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._search_pages(
            "search", query, model_or_queryset, fields, operator, order_by_relevance, prefix=False
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return self._search_pages(
            "autocomplete", query, model_or_queryset, fields, operator, order_by_relevance, prefix=True
        )

    def _search_pages(
        self, method, query, model_or_queryset, fields, operator, order_by_relevance, *, prefix
    ):
        # The database backend checks the query, the fields and the queryset's filters and ordering first,
        # so an unsupported filter fails exactly as it always did.
        results = getattr(self.default, method)(
            query, model_or_queryset, fields=fields, operator=operator, order_by_relevance=order_by_relevance
        )
        queryset = (
            model_or_queryset
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset._default_manager.all()
        )
        text = query_text(query)
        if (
            isinstance(results, EmptySearchResults)
            or not issubclass(queryset.model, Page)
            or fields
            or text is None
            or not text.strip()
        ):
            return results
        # The database backend's best matches, by relevance, over the same set of pages (a lean queryset:
        # only the ids are read).
        lean = queryset.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        fallback = getattr(self.default, method)(query, lean, operator=operator, order_by_relevance=True)
        match = PageMatch(queryset, text, fallback, prefix=prefix, order_by_relevance=order_by_relevance)
        return self.results_class(self, match)


SearchBackend = AkhbarSearchBackend
