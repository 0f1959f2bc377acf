"""Writing one batch of items: new pages, updated pages and their index entries, in one transaction.

New pages are inserted with a few bulk statements: the tree positions are allotted by
akhbar.importers.places (from akhbar.importers.tree), then the page rows, the article rows
(akhbar.importers.rows, columns from the model), the author links, the import records, the sections'
child counts and the index entries (akhbar.search.bulk) go in together or not at all, so an import
killed at any point leaves a whole tree and running it again completes it. An id seen before (for the
same site) updates its page instead of adding one.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from akhbar.news.models import ArticlePage
from akhbar.search.bulk import add_documents
from akhbar.search.indexing import IndexDocument

from .analysis import Ahead, body_json, item_texts, work_ahead
from .lines import ImportReport, Item
from .models import ImportedItem
from .places import Places
from .rows import insert_rows
from .tree import raise_child_count

__all__ = ["Importer"]


class Importer:
    """Imports batches of items into one site (its places are kept across batches)."""

    def __init__(self, site: Site, *, section_from_category: bool = False) -> None:
        self.site = site
        self.places = Places(site, section_from_category=section_from_category)
        self.content_type = ContentType.objects.get_for_model(ArticlePage)

    def section_for(self, category: str):
        return self.places.section_for(category)

    def checksum(self, item: Item) -> str:
        """What decides an article's content and place, digested: a line that digests the same as when
        it was imported is left as it is (so a rerun after a kill only does what is left, and an
        editor's later corrections are not overwritten by an unchanged line)."""
        published = item.published.isoformat() if item.published else ""
        section_key = self.places.section_key(item.category)
        parts = (item.title, item.summary, *item.paragraphs, section_key, published, item.author)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def _known(self, items: list[Item]) -> dict[str, tuple[int, str]]:
        """external id -> (page id, checksum) of the items of a batch imported before."""
        rows = ImportedItem.objects.filter(site=self.site, external_id__in=[i.id for i in items])
        return {
            external_id: (page_id, s)
            for external_id, page_id, s in rows.values_list("external_id", "page_id", "checksum")
        }

    def pending_items(self, items: list[Item], sums: dict[int, str]) -> list[Item]:
        """The items of a batch that are not imported yet as they are (what the batch will write);
        ``sums``: their checksums, by line."""
        known = self._known(items)
        return [i for i in items if known.get(i.id, (0, ""))[1] != sums[i.line]]

    def import_batch(
        self,
        items: list[Item],
        report: ImportReport,
        ahead: dict[int, Ahead] | None = None,
        sums: dict[int, str] | None = None,
    ) -> None:
        """One transaction: pages, article rows, authors, child counts, import records and index entries
        of the batch go in together or not at all. ``ahead``: what the worker computed for some items,
        by line number (the others are worked here); ``sums``: the items' checksums by line."""
        for item in items:  # sections are created (and committed) before the batch's transaction
            self.places.section_for(item.category)
        sums = sums or {i.line: self.checksum(i) for i in items}
        known = self._known(items)
        new_items = [i for i in items if i.id not in known]
        old_items = [i for i in items if i.id in known and known[i.id][1] != sums[i.line]]
        report.unchanged += len(items) - len(new_items) - len(old_items)
        self.places.resolve_authors(item.author for item in items)
        existing = {external_id: page_id for external_id, (page_id, _sum) in known.items()}
        ahead = dict(ahead or {})
        missing = [i for i in (*new_items, *old_items) if i.line not in ahead]
        ahead.update(zip([i.line for i in missing], work_ahead(missing), strict=True))
        with transaction.atomic():
            created = self._create(new_items, sums, ahead)
            updated = self._update(old_items, existing, sums)
            self._index(created, ahead, new_pages=True)
            self._index(updated, ahead)
        report.created += len(created)
        report.updated += len(updated)
        report.page_ids.extend(page_id for page_id, _item in (*created, *updated))

    def document(self, page_id: int, item: Item) -> IndexDocument:
        """The search index document of an imported article."""
        return IndexDocument(
            page_id=page_id,
            site_id=self.site.pk,
            section_id=self.places.section_for(item.category).pk,
            published=item.published,
            **item_texts(item),
        )

    def _index(
        self, pages: list[tuple[int, Item]], ahead: dict[int, Ahead], *, new_pages: bool = False
    ) -> None:
        """The search index entries of imported pages (the importer's one call into akhbar.search), with
        the terms computed ahead where there are (the lines' texts are those the pages were given)."""
        if not pages:
            return
        documents = [self.document(page_id, item) for page_id, item in pages]
        add_documents(documents, [ahead[item.line].terms for _page_id, item in pages], replace=not new_pages)

    def _create(
        self, items: list[Item], sums: dict[int, str], ahead: dict[int, Ahead]
    ) -> list[tuple[int, Item]]:
        if not items:
            return []
        now = timezone.now()
        items = [item if item.published else replace(item, published=now) for item in items]
        places = self.places
        pages = []
        added: dict[int, int] = {}
        for item in items:
            section = places.section_for(item.category)
            slug = places.unique_slug(section, ahead[item.line].slug)
            published = item.published
            pages.append(
                {
                    "title": item.title,
                    "draft_title": item.title,
                    "slug": slug,
                    "content_type_id": self.content_type.pk,
                    "path": places.allot_path(section),
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
        pairs = list(zip(page_ids, items, strict=True))
        insert_rows(
            ArticlePage,
            (
                {
                    "page_ptr_id": page_id,
                    **self.article_values(item, item.published, body=False),
                    "body": ahead[item.line].body,
                }
                for page_id, item in pairs
            ),
        )
        insert_rows(
            ArticlePage.authors.through,
            (
                {"articlepage_id": page_id, "author_id": places.authors[item.author]}
                for page_id, item in pairs
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
                    "checksum": sums[item.line],
                }
                for page_id, item in pairs
            ),
        )
        for section_id, count in added.items():
            raise_child_count(section_id, count)
        return pairs

    @staticmethod
    def article_values(item: Item, published: datetime, *, body: bool = True) -> dict[str, object]:
        """The ArticlePage fields (attnames) an item sets, for new rows and updates alike; every other
        field keeps its default (new rows) or its value (updates). ``body=False``: all but the body
        (which new rows take prepared ahead)."""
        values: dict[str, object] = {
            "summary": item.summary,
            "first_published": published,
            "last_updated": published,
        }
        if body:
            values["body"] = body_json(item.paragraphs)
        return values

    def _update(
        self, items: list[Item], existing: dict[str, int], sums: dict[int, str]
    ) -> list[tuple[int, Item]]:
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
            section = self.places.section_for(item.category)
            if not article.path.startswith(section.path):
                moves.append((article, section))
        if changed:
            fields = ["title", "draft_title", "first_published_at", *self.article_values(items[0], now)]
            ArticlePage.objects.bulk_update(changed, fields)
            for item in items:  # the digest of the line as read (before its date was filled in)
                ImportedItem.objects.filter(site=self.site, external_id=item.id).update(
                    checksum=sums[item.line], imported_at=now
                )
        for article, section in moves:
            article.move(section, pos="last-child")  # treebeard keeps both child counts
            self.places.moved_into(section)
        return done

    def finish(self) -> None:
        from akhbar.network.directory import forget_last_change

        forget_last_change()
