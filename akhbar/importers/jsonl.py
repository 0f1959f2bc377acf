"""Bulk import of articles from JSON Lines (the format of ../shared/data/news: id, title, abstract, text,
category, published, author, url; one object per line, optionally gzip-compressed).

Each article becomes a real, live ArticlePage under its SectionPage. New pages are inserted in batches:
the tree positions are allotted here (akhbar.importers.tree), then the page rows, the article rows
(akhbar.importers.rows, columns from the model), the authors, the sections' child counts and the search
index go in with a few bulk statements in one transaction per batch, so an import killed at any point
leaves a whole tree and running it again completes it. An id seen before (for the same site) updates its
page instead of adding one. A bad line (unreadable JSON, no id or title, a date that cannot be read
without guessing: akhbar.importers.dates) is reported with its number and skipped; a line without a
date is published at the time of the import.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from akhbar.arabic.slugs import slugify_arabic
from akhbar.news.models import ArticlePage, Author, SectionPage
from akhbar.search.analysis import Streams
from akhbar.search.bulk import add_documents
from akhbar.search.indexing import IndexDocument

from .analysis import AnalysisPool
from .lines import (
    DEFAULT_DATES,
    BadLine,
    DateOptions,
    ImportReport,
    Item,
    batches,
    open_lines,
    parse_date,
    parse_line,
)
from .models import ImportedItem
from .rows import insert_rows
from .tree import child_path, last_step, raise_child_count, recount_children

BATCH_SIZE = 500
ANALYSIS_WORKERS = 1  # processes analyzing the next batch's text while one is written (0: none)
SLUG_MAX = 60

# Section titles for the categories of the ANT corpora; any other category is used as it is.
CATEGORY_TITLES = {
    "culture": "ثقافة",
    "diverse": "منوعات",
    "economy": "اقتصاد",
    "internationalNews": "دولي",
    "localNews": "محلي",
    "middleEast": "الشرق الأوسط",
    "politic": "سياسة",
    "society": "مجتمع",
    "sport": "رياضة",
    "technology": "تكنولوجيا",
}
DEFAULT_SECTION_TITLE = "أخبار"


__all__ = ["BadLine", "DateOptions", "Importer", "import_jsonl", "open_lines", "parse_date", "parse_line"]


class Importer:
    """Imports items into one site; keeps per-section state (next tree position, slugs) across batches."""

    def __init__(self, site: Site, *, section_from_category: bool = False) -> None:
        self.site = site
        self.home = Page.objects.get(pk=site.root_page_id)
        self.section_from_category = section_from_category
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.sections: dict[str, SectionPage] = {}
        self.next_step: dict[int, int] = {}
        self.slugs: dict[int, set[str]] = {}
        self.authors: dict[str, int] = {}
        # Child counts that an interrupted import of an older version left wrong are made true first.
        recount_children([self.home, *self.home.get_children()])
        self.home.refresh_from_db()

    # --- sections and authors ---------------------------------------------------------------------
    def section_for(self, category: str) -> SectionPage:
        key = category if self.section_from_category and category else ""
        section = self.sections.get(key)
        if section is None:
            title = CATEGORY_TITLES.get(key, key) if key else DEFAULT_SECTION_TITLE
            children = SectionPage.objects.child_of(self.home)
            slug = slugify_arabic(title, max_length=SLUG_MAX) or f"section-{uuid.uuid4().hex[:8]}"
            section = children.filter(title=title).first() or children.filter(slug=slug).first()
            if section is None and not key:
                section = children.order_by("menu_order", "pk").first()
            if section is None:
                section = self.home.add_child(instance=SectionPage(title=title, slug=slug))
            self.sections[key] = section
        return section

    def resolve_authors(self, names: Iterable[str]) -> None:
        """Find or create the authors of a batch with a few queries."""
        missing = {n for n in names if n and n not in self.authors}
        if not missing:
            return
        self.authors.update(Author.objects.filter(name__in=missing).values_list("name", "pk"))
        missing -= self.authors.keys()
        if not missing:
            return
        wanted = {
            name: slugify_arabic(name, max_length=100) or f"author-{uuid.uuid4().hex[:8]}" for name in missing
        }
        taken = set(Author.objects.filter(slug__in=wanted.values()).values_list("slug", flat=True))
        new = []
        for name, slug in wanted.items():
            if slug in taken:
                slug = f"{slug[:90]}-{uuid.uuid4().hex[:8]}"
            taken.add(slug)
            new.append(Author(name=name, slug=slug))
        for author in Author.objects.bulk_create(new):
            self.authors[author.name] = author.pk

    # --- tree positions ---------------------------------------------------------------------------
    def _load_section(self, section: SectionPage) -> None:
        """Where the next child of ``section`` goes in the tree, and the slugs its children already use."""
        if section.pk in self.next_step:
            return
        self.next_step[section.pk] = last_step(section) + 1
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        self.slugs[section.pk] = set(children.values_list("slug", flat=True))

    def _allot_path(self, section: SectionPage) -> str:
        self._load_section(section)
        step = self.next_step[section.pk]
        self.next_step[section.pk] = step + 1
        return child_path(section.path, step)

    def _unique_slug(self, section: SectionPage, title: str, external_id: str) -> str:
        self._load_section(section)
        taken = self.slugs[section.pk]
        base = slugify_arabic(title, max_length=SLUG_MAX) or slugify_arabic(external_id, max_length=SLUG_MAX)
        base = base or "article"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    # --- one batch --------------------------------------------------------------------------------
    @staticmethod
    def body_json(paragraphs: tuple[str, ...]) -> list[dict]:
        return [
            {"type": "paragraph", "value": f"<p>{escape(p)}</p>", "id": str(uuid.uuid4())} for p in paragraphs
        ]

    def pending_items(self, items: list[Item]) -> list[Item]:
        """The items of a batch that are not imported yet as they are (what the batch will write)."""
        known = dict(
            ImportedItem.objects.filter(site=self.site, external_id__in=[i.id for i in items]).values_list(
                "external_id", "checksum"
            )
        )
        return [i for i in items if known.get(i.id) != self.checksum(i)]

    def import_batch(
        self, items: list[Item], report: ImportReport, streams: dict[int, tuple[Streams, ...]] | None = None
    ) -> None:
        """One transaction: pages, article rows, authors, child counts, import records and index entries
        of the batch go in together or not at all. ``streams``: index terms already computed for some
        items, by line number (the others are analyzed here)."""
        for item in items:  # sections are created (and committed) before the batch's transaction
            self.section_for(item.category)
        known = {
            external_id: (page_id, checksum)
            for external_id, page_id, checksum in ImportedItem.objects.filter(
                site=self.site, external_id__in=[i.id for i in items]
            ).values_list("external_id", "page_id", "checksum")
        }
        existing = {external_id: page_id for external_id, (page_id, _sum) in known.items()}
        new_items = [i for i in items if i.id not in known]
        old_items = [i for i in items if i.id in known and known[i.id][1] != self.checksum(i)]
        report.unchanged += len(items) - len(new_items) - len(old_items)
        self.resolve_authors(item.author for item in items)
        with transaction.atomic():
            created = self._create(new_items)
            updated = self._update(old_items, existing)
            self._index(created, streams or {}, new_pages=True)
            self._index(updated, streams or {})
        report.created += len(created)
        report.updated += len(updated)
        report.page_ids.extend(page_id for page_id, _item in (*created, *updated))

    def checksum(self, item: Item) -> str:
        """What decides an article's content and place, digested: a line that digests the same as when
        it was imported is left as it is (so a rerun after a kill only does what is left, and an
        editor's later corrections are not overwritten by an unchanged line)."""
        section_key = item.category if self.section_from_category else ""
        published = item.published.isoformat() if item.published else ""
        parts = (item.title, item.summary, *item.paragraphs, section_key, published, item.author)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def document(self, page_id: int, item: Item) -> IndexDocument:
        """The search index document of an imported article."""
        return IndexDocument(
            page_id=page_id,
            site_id=self.site.pk,
            section_id=self.section_for(item.category).pk,
            published=item.published,
            title=item.title,
            summary=item.summary,
            body="\n".join(item.paragraphs),
        )

    def _index(
        self,
        pages: list[tuple[int, Item]],
        streams: dict[int, tuple[Streams, ...]],
        *,
        new_pages: bool = False,
    ) -> None:
        """The search index entries of imported pages (the importer's one call into akhbar.search), with
        the terms computed ahead where there are (the lines' texts are those the pages were given)."""
        if not pages:
            return
        documents = [self.document(page_id, item) for page_id, item in pages]
        ahead = [streams.get(item.line) for _page_id, item in pages]
        add_documents(documents, ahead, replace=not new_pages)

    def _create(self, items: list[Item]) -> list[tuple[int, Item]]:
        if not items:
            return []
        now = timezone.now()
        items = [item if item.published else replace(item, published=now) for item in items]
        pages = []
        added: dict[int, int] = {}
        for item in items:
            section = self.section_for(item.category)
            slug = self._unique_slug(section, item.title, item.id)
            published = item.published
            pages.append(
                {
                    "title": item.title,
                    "draft_title": item.title,
                    "slug": slug,
                    "content_type_id": self.content_type.pk,
                    "path": self._allot_path(section),
                    "depth": section.depth + 1,
                    "numchild": 0,
                    "url_path": f"{section.url_path}{slug}/",
                    "live": True,
                    "has_unpublished_changes": False,
                    "first_published_at": published,
                    "last_published_at": published,
                    "latest_revision_created_at": published,
                    "locale_id": section.locale_id,
                    "translation_key": uuid.uuid4(),
                }
            )
            added[section.pk] = added.get(section.pk, 0) + 1
        # The page rows go in with one statement; their ids are read back by their (unique) paths.
        insert_rows(Page, pages)
        by_path = dict(
            Page.objects.filter(path__in=[page["path"] for page in pages]).values_list("path", "pk")
        )
        page_ids = [by_path[page["path"]] for page in pages]
        insert_rows(
            ArticlePage,
            (
                {"page_ptr_id": page_id, **self.article_values(item, item.published)}
                for page_id, item in zip(page_ids, items, strict=True)
            ),
        )
        through = ArticlePage.authors.through
        insert_rows(
            through,
            (
                {"articlepage_id": page_id, "author_id": self.authors[item.author]}
                for page_id, item in zip(page_ids, items, strict=True)
                if item.author
            ),
        )
        insert_rows(
            ImportedItem,
            (
                {
                    "site_id": self.site.pk,
                    "external_id": item.id,
                    "page_id": page_id,
                    "checksum": self.checksum(item),
                }
                for page_id, item in zip(page_ids, items, strict=True)
            ),
        )
        for section_id, count in added.items():
            raise_child_count(section_id, count)
        return list(zip(page_ids, items, strict=True))

    @classmethod
    def article_values(cls, item: Item, published: datetime) -> dict[str, object]:
        """The ArticlePage fields (attnames) an item sets, for new rows and updates alike; every other
        field keeps its default (new rows) or its value (updates)."""
        return {
            "summary": item.summary,
            "body": cls.body_json(item.paragraphs),
            "first_published": published,
            "last_updated": published,
        }

    def _update(self, items: list[Item], existing: dict[str, int]) -> list[tuple[int, Item]]:
        if not items:
            return []
        articles = ArticlePage.objects.in_bulk([existing[i.id] for i in items])
        changed = []
        moves = []
        done = []
        now = timezone.now()
        for item in items:
            article = articles.get(existing[item.id])
            if article is None:
                continue
            item = replace(item, published=item.published or article.first_published or now)
            done.append((article.pk, item))
            values = self.article_values(item, item.published)
            values["last_updated"] = now
            for name, value in values.items():
                setattr(article, name, value)
            article.title = article.draft_title = item.title
            article.first_published_at = values["first_published"]
            changed.append(article)
            section = self.section_for(item.category)
            if not article.path.startswith(section.path):
                moves.append((article, section))
        if changed:
            fields = ["title", "draft_title", "first_published_at", *self.article_values(items[0], now)]
            ArticlePage.objects.bulk_update(changed, fields)
            for item in items:  # the digest of the line as read (before its date was filled in)
                ImportedItem.objects.filter(site=self.site, external_id=item.id).update(
                    checksum=self.checksum(item), imported_at=now
                )
        for article, section in moves:
            article.move(section, pos="last-child")  # treebeard keeps both child counts
            self.next_step.pop(section.pk, None)  # the move took the next position in the tree
        return done

    def finish(self) -> None:
        from akhbar.network.directory import forget_last_change

        forget_last_change()


def import_jsonl(
    lines: Iterable[str] | str | Path,
    site: Site,
    *,
    section_from_category: bool = False,
    batch_size: int = BATCH_SIZE,
    dates: DateOptions = DEFAULT_DATES,
    progress: Callable[[int], None] | None = None,
    analysis_workers: int = ANALYSIS_WORKERS,
) -> ImportReport:
    """Import every good line into ``site``; returns counts and the (line number, reason) of bad lines."""
    if isinstance(lines, str | Path):
        with open_lines(lines) as handle:
            return import_jsonl(
                handle,
                site,
                section_from_category=section_from_category,
                batch_size=batch_size,
                dates=dates,
                progress=progress,
                analysis_workers=analysis_workers,
            )
    report = ImportReport()
    importer = Importer(site, section_from_category=section_from_category)
    pool = AnalysisPool(analysis_workers)
    ahead = None  # the batch read last, and its analysis running in the worker
    try:
        for batch in batches(lines, report, batch_size, dates):
            if ahead is None:  # the first batch is analyzed as it is written
                ahead = (batch, None)
                continue
            pending = importer.pending_items(batch)
            submitted = pool.submit([i.line for i in pending], [importer.document(0, i) for i in pending])
            done, ahead = ahead, (batch, submitted)
            importer.import_batch(done[0], report, pool.result(done[1]))
            if progress:
                progress(report.processed)
        if ahead is not None:
            importer.import_batch(ahead[0], report, pool.result(ahead[1]))
            if progress:
                progress(report.processed)
    finally:
        pool.close()
        importer.finish()
    return report
