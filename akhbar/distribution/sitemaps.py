"""A site's sitemaps: its articles in pages of at most SITEMAP_PAGE_SIZE URLs, streamed; a Google News
sitemap of the last 48 hours; its home and sections.

Articles are taken in the order of the page tree's `path` (unique, indexed): a page of the sitemap is a
keyset range of paths, read from the index in batches, never with OFFSET over the archive and never
held whole in memory. Where each sitemap page starts is found by stepping through the covering index
of migration 0001 (content type, path, live, last publish) without reading the page rows, and kept in
the cache under the distribution version (akhbar.distribution.cache).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.encoding import filepath_to_uri
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from akhbar.distribution.scope import SiteUrls, next_path, public_q
from akhbar.news.models import ArticlePage, SectionPage

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
BATCH = 2000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
_AFTER = "\x00keyset"  # stands for the keyset's last path while the SQL is built once per page


def page_size() -> int:
    """URLs per sitemap page: 50,000, the protocol's limit (a setting so tests can split small archives)."""
    return int(getattr(settings, "AKHBAR_SITEMAP_PAGE_SIZE", 50_000))


@dataclass(frozen=True)
class Chunk:
    """One page of a site's article sitemap: paths in (after, last], and its newest publish."""

    after: str
    last: str
    lastmod: datetime | None


class SiteArticles:
    """The live, public articles of one site as ranges of tree paths."""

    def __init__(self, site: Site):
        self.site = site
        root = Page.objects.only("path", "url_path").get(pk=site.root_page_id)
        self.low, self.high = root.path, next_path(root.path)
        self.urls = SiteUrls(site, root.url_path)
        self.public = public_q()

    def _index_rows(self, after: str | None = None, last: str | None = None, before: str | None = None):
        """Rows the covering index answers alone: article pages of the site, live and public, with paths
        in (after, last] or (after, before). One bound each way: SQLite would use only one per side."""
        content_type = ContentType.objects.get_for_model(ArticlePage)
        bounds = {"path__gt": after or self.low}
        if last:
            bounds["path__lte"] = last
        else:
            bounds["path__lt"] = before or self.high
        return Page.objects.filter(self.public, content_type=content_type, live=True, **bounds)

    def chunks(self) -> list[Chunk]:
        """Where each sitemap page starts and ends: one step of SITEMAP_PAGE_SIZE index entries per page."""
        size, out = page_size(), []
        after = self.low
        while True:
            rows = self._index_rows(after).order_by("path").values_list("path", flat=True)
            last = rows[size - 1 : size].first()
            if last is None:
                last = self._index_rows(after).order_by("-path").values_list("path", flat=True).first()
            if last is None:
                break
            lastmod = self._index_rows(after, last).aggregate(m=Max("last_published_at"))["m"]
            out.append(Chunk(after, last, lastmod))
            after = last
        return out

    def chunk_of(self, path: str) -> int:
        """The 1-based sitemap page that holds (or would hold) the article at `path`."""
        before = self._index_rows(before=path).count()
        return before // page_size() + 1

    def rows(self, chunk: Chunk) -> Iterator[tuple]:
        """(url_path, last publish as W3C text, image file name or None) of a chunk, by keyset batches.

        The SQL is the ORM's; it runs on a bare cursor so that 50,000 rows skip the model layer and the
        per-value datetime converters (a third of the time of a page)."""
        query = (
            ArticlePage.objects.filter(self.public, path__gt=_AFTER, path__lte=chunk.last, live=True)
            .order_by("path")
            .values_list("path", "url_path", "last_published_at", "lead_image__file")[:BATCH]
        )
        sql, params = query.query.sql_with_params()
        slot = params.index(_AFTER)
        params = list(params)
        params[slot] = chunk.after
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                batch = cursor.fetchall()
            yield from ((url_path, w3c(when), image) for _path, url_path, when, image in batch)
            if len(batch) < BATCH:
                return
            params[slot] = batch[-1][0]

    def urlset(self, chunk: Chunk | None) -> Iterator[str]:
        """The XML of one sitemap page, a few kilobytes at a time."""
        image_url = media_url(get_image_model()._meta.get_field("file").storage)
        yield (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:image="{IMAGE_NS}">\n'
        )
        if chunk is not None:
            parts = []
            for url_path, lastmod, image in self.rows(chunk):
                parts.append(f"<url><loc>{escape(self.urls.page(url_path))}</loc>")
                if lastmod:
                    parts.append(f"<lastmod>{lastmod}</lastmod>")
                if image:
                    loc = self.urls.absolute(image_url(image))
                    parts.append(f"<image:image><image:loc>{escape(loc)}</image:loc></image:image>")
                parts.append("</url>\n")
                if len(parts) >= 4 * BATCH:
                    yield "".join(parts)
                    parts = []
            yield "".join(parts)
        yield "</urlset>\n"

    def news(self, now: datetime | None = None) -> list[dict]:
        """Articles first published in the last 48 hours, newest first, at most 1,000 (Google News)."""
        since = (now or timezone.now()) - NEWS_WINDOW
        rows = (
            ArticlePage.objects.filter(
                self.public, path__gt=self.low, path__lt=self.high, live=True, first_published__gte=since
            )
            .order_by("-first_published", "-pk")
            .values_list("url_path", "title", "first_published")[:NEWS_LIMIT]
        )
        return [{"loc": self.urls.page(u), "title": t, "published": w3c(p)} for u, t, p in rows]

    def pages(self) -> list[dict]:
        """The site's home and its sections (listings, not articles)."""
        home = Page.objects.filter(pk=self.site.root_page_id).values_list("url_path", "last_published_at")
        sections = (
            SectionPage.objects.live()
            .filter(self.public, Q(path__gt=self.low, path__lt=self.high))
            .order_by("path")
            .values_list("url_path", "last_published_at")
        )
        return [{"loc": self.urls.page(u), "lastmod": w3c(m) if m else None} for u, m in [*home, *sections]]


def w3c(value: datetime | str | None) -> str:
    """A W3C datetime with its zone, as sitemaps want it (2026-12-01T10:00:00+00:00). Values read on a
    bare cursor come naive from SQLite (stored in UTC) and aware from PostgreSQL."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f"{value[:10]}T{value[11:19]}+00:00"
    if value.tzinfo is None:
        return value.isoformat(timespec="seconds") + "+00:00"
    return value.isoformat(timespec="seconds")


def media_url(storage) -> Callable[[str], str]:
    """``storage.url``, without its per-call URL joining for files on the local file system."""
    if isinstance(storage, FileSystemStorage):
        base = storage.base_url
        return lambda name: base + filepath_to_uri(name)
    return storage.url
