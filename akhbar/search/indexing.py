"""Keeping the index in step with the pages: what text an article contributes, and writing it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils.html import strip_tags
from wagtail.fields import StreamValue
from wagtail.models import Page, Site
from wagtail.search import index

from .analysis import FIELDS, document_fields_streams
from .backends import forget_corpus_size, get_backend
from .models import SearchEntry

_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
_SKIP_KEYS = frozenset({"image", "page", "url", "embed", "id", "type"})


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """What the index keeps of one page: where it is, when it was published, and its original text."""

    page_id: int
    site_id: int | None
    section_id: int | None
    published: datetime | None
    title: str
    summary: str
    body: str


def plain_text(value: str) -> str:
    """Rich text or plain text as the reader sees it: tags stripped, entities decoded."""
    text = html.unescape(strip_tags(value.replace("</p>", "</p>\n")))
    return _SPACES_RE.sub(" ", text).strip()


def _stream_strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                yield from _stream_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _stream_strings(
                item.get("value") if isinstance(item, dict) and "type" in item else item
            )


def body_text(article, name: str = "body") -> str:
    """The words of a StreamField: paragraphs, quotes with their speakers, image captions in the body."""
    value = getattr(article, name)
    raw = value.raw_data if hasattr(value, "raw_data") else value
    parts = [plain_text(s) for s in _stream_strings(list(raw or []))]
    return "\n".join(p for p in parts if p)


def site_for_path(path: str, sites: Sequence[Site] | None = None) -> Site | None:
    """The site whose root contains the page at ``path`` (the deepest root wins)."""
    sites = sites if sites is not None else Site.objects.select_related("root_page")
    best = None
    for site in sites:
        root_path = site.root_page.path
        if path.startswith(root_path) and (best is None or len(root_path) > len(best.root_page.path)):
            best = site
    return best


def indexed_fields(model) -> dict[str, tuple[str, ...]]:
    """Index column (title, summary, body) -> the model's fields that fill it, in order: read from the
    model's ``search_fields`` (the one definition of what search reads, shared with Wagtail's own
    index). A ``SearchField`` names its column with ``akhbar_field``; Wagtail's ``title`` is the
    headline; other fields stay out of akhbar's index."""
    columns: dict[str, list[str]] = {column: [] for column in FIELDS}
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        default = "title" if search_field.field_name == "title" else None
        column = search_field.kwargs.get("akhbar_field", default)
        if column is not None and search_field.field_name not in columns[column]:
            columns[column].append(search_field.field_name)
    return {column: tuple(names) for column, names in columns.items()}


def field_text(article, name: str) -> str:
    """The text of one field as a reader sees it (a StreamField's blocks, rich text without tags)."""
    value = getattr(article, name, None)
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        return body_text(article, name)
    return plain_text(str(value))


def document_for(article, sites: Sequence[Site] | None = None) -> IndexDocument:
    """The index document of a live ArticlePage: its fields as ``indexed_fields`` maps them."""
    site = site_for_path(article.path, sites)
    parent_path = article.path[: -Page.steplen]
    section_id = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    columns = indexed_fields(type(article))
    text = {
        column: [t for t in (field_text(article, name) for name in names) if t]
        for column, names in columns.items()
    }
    return IndexDocument(
        page_id=article.pk,
        site_id=site.pk if site else None,
        section_id=section_id,
        published=article.first_published or article.first_published_at or article.last_published_at,
        title=" ".join(text["title"]) or article.title,
        summary=" ".join(text["summary"]),
        body="\n".join(text["body"]),
    )


def write_documents(documents: Sequence[IndexDocument], *, new_pages: bool = False) -> None:
    """Replace the index entries of these pages with the documents given (one transaction);
    ``new_pages`` says they have none yet (the importer's new pages), which saves a lookup."""
    if not documents:
        return
    backend = get_backend()
    with transaction.atomic():
        if not new_pages:
            SearchEntry.objects.filter(page_id__in=[d.page_id for d in documents]).delete()
        entries = SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    page_id=d.page_id,
                    site_id=d.site_id,
                    section_id=d.section_id,
                    published=d.published,
                    title=d.title,
                    summary=d.summary,
                    body=d.body,
                )
                for d in documents
            ]
        )
        rows = [
            (entry.pk, document_fields_streams([getattr(d, name) for name in FIELDS]), d)
            for entry, d in zip(entries, documents, strict=True)
        ]
        with connection.cursor() as cursor:
            backend.write(cursor, rows)
    forget_corpus_size()


def index_pages(page_ids: Iterable[int]) -> int:
    """(Re)index these pages: live articles go in, anything else comes out. Returns how many went in."""
    from akhbar.news.models import ArticlePage

    page_ids = list(page_ids)
    articles = list(ArticlePage.objects.live().filter(pk__in=page_ids))
    sites = list(Site.objects.select_related("root_page"))
    live_ids = {a.pk for a in articles}
    remove_pages([pk for pk in page_ids if pk not in live_ids])
    write_documents([document_for(article, sites) for article in articles])
    return len(articles)


def remove_pages(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    if page_ids and SearchEntry.objects.filter(page_id__in=page_ids).delete()[0]:
        forget_corpus_size()


def reindex_all(batch_size: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the live articles."""
    from akhbar.news.models import ArticlePage

    backend = get_backend()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        with connection.cursor() as cursor:
            backend.clear(cursor)
    forget_corpus_size()
    ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    sites = list(Site.objects.select_related("root_page"))
    done = 0
    for start in range(0, len(ids), batch_size):
        batch = ArticlePage.objects.filter(pk__in=ids[start : start + batch_size]).order_by("pk")
        write_documents([document_for(article, sites) for article in batch])
        done += min(batch_size, len(ids) - start)
        if progress:
            progress(done, len(ids))
    return done
