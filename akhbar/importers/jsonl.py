"""Bulk import of articles from JSON Lines (the format of ../shared/data/news: id, title, abstract, text,
category, published, author, url; one object per line, optionally gzip-compressed).

Each article becomes a real, live ArticlePage under its SectionPage. New pages are inserted in batches:
the tree paths are allotted here (as treebeard would), then the page rows, the article rows, the
authors and the search index go in with a few bulk statements per batch. An id seen before (for the same
site) updates its page instead of adding one. A bad line is reported with its number and skipped.
"""

from __future__ import annotations

import gzip
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TextIO

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from akhbar.arabic.slugs import slugify_arabic
from akhbar.news.models import ArticlePage, Author, SectionPage
from akhbar.search.indexing import IndexDocument, write_documents

from .models import ImportedItem

BATCH_SIZE = 500
SUMMARY_MAX = 600
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


class BadLine(ValueError):
    """A line that cannot become an article; the message says why (Arabic, shown to the operator)."""


@dataclass(frozen=True, slots=True)
class Item:
    line: int
    id: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    category: str
    published: datetime | None
    author: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    page_ids: list[int] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


def parse_date(value) -> datetime | None:
    """ISO 8601 or RFC 2822 ("Sun, 18 Feb 2018 21:35:43 +0400"); naive times are taken as UTC."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadLine(_("تاريخ النشر ليس نصًا"))
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise BadLine(_("تاريخ النشر غير مفهوم: %(value)s") % {"value": value[:40]}) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadLine(_("الحقل %(key)s ليس نصًا") % {"key": key})
    return value.replace("\x00", "").strip()


def parse_line(number: int, line: str) -> Item | None:
    """One line as an Item (None for a blank line); BadLine when it cannot be imported."""
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(_("ليس JSON صالحًا (%(error)s)") % {"error": error.msg}) from None
    if not isinstance(row, dict):
        raise BadLine(_("السطر ليس كائن JSON"))
    raw_id = row.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        raise BadLine(_("المعرف id مفقود"))
    title = " ".join(_text(row, "title").split())
    if not title:
        raise BadLine(_("العنوان title مفقود"))
    text = _text(row, "text")
    paragraphs = tuple(p.strip() for p in text.splitlines() if p.strip())
    summary = " ".join(_text(row, "abstract").split())
    if not summary and paragraphs:
        summary = paragraphs[0]
    if len(summary) > SUMMARY_MAX:
        cut = summary.rfind(" ", 0, SUMMARY_MAX - 1)
        summary = summary[: cut if cut > 0 else SUMMARY_MAX - 1] + "…"
    return Item(
        line=number,
        id=str(raw_id).strip()[:200],
        title=title[:255],
        summary=summary,
        paragraphs=paragraphs,
        category=_text(row, "category"),
        published=parse_date(row.get("published")),
        author=" ".join(_text(row, "author").split())[:120],
    )


def open_lines(path: str | Path) -> TextIO:
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def _batches(lines: Iterable[str], report: ImportReport, size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        try:
            item = parse_line(number, line)
        except BadLine as error:
            report.errors.append((number, str(error)))
            continue
        if item is None:
            continue
        if item.id in seen:  # the same id twice in one batch: the later line wins
            batch[seen[item.id]] = item
            continue
        seen[item.id] = len(batch)
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch, seen = [], {}
    if batch:
        yield batch


class Importer:
    """Imports items into one site; keeps per-section state (next tree position, slugs) across batches."""

    def __init__(self, site: Site, *, section_from_category: bool = False) -> None:
        self.site = site
        self.home = site.root_page
        self.section_from_category = section_from_category
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.sections: dict[str, SectionPage] = {}
        self.next_step: dict[int, int] = {}
        self.slugs: dict[int, set[str]] = {}
        self.authors: dict[str, int] = {}
        self.added: dict[int, int] = {}

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
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        last_path = children.order_by("-path").values_list("path", flat=True).first()
        self.next_step[section.pk] = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
        self.slugs[section.pk] = set(children.values_list("slug", flat=True))

    def _allot_path(self, section: SectionPage) -> str:
        self._load_section(section)
        step = self.next_step[section.pk]
        self.next_step[section.pk] = step + 1
        self.added[section.pk] = self.added.get(section.pk, 0) + 1
        return Page._get_path(section.path, section.depth + 1, step)

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

    def import_batch(self, items: list[Item], report: ImportReport) -> None:
        existing = dict(
            ImportedItem.objects.filter(site=self.site, external_id__in=[i.id for i in items]).values_list(
                "external_id", "page_id"
            )
        )
        new_items = [i for i in items if i.id not in existing]
        old_items = [i for i in items if i.id in existing]
        with transaction.atomic():
            created = self._create(new_items)
            updated = self._update(old_items, existing)
            write_documents([self._document(page_id, item) for page_id, item in created], new_pages=True)
            write_documents([self._document(page_id, item) for page_id, item in updated])
        report.created += len(created)
        report.updated += len(updated)
        report.page_ids.extend(page_id for page_id, _item in (*created, *updated))

    def _document(self, page_id: int, item: Item) -> IndexDocument:
        return IndexDocument(
            page_id=page_id,
            site_id=self.site.pk,
            section_id=self.section_for(item.category).pk,
            published=item.published,
            title=item.title,
            summary=item.summary,
            body="\n".join(item.paragraphs),
        )

    def _create(self, items: list[Item]) -> list[tuple[int, Item]]:
        if not items:
            return []
        now = timezone.now()
        pages = []
        for item in items:
            section = self.section_for(item.category)
            slug = self._unique_slug(section, item.title, item.id)
            published = item.published or now
            pages.append(
                Page(
                    title=item.title,
                    draft_title=item.title,
                    slug=slug,
                    content_type=self.content_type,
                    path=self._allot_path(section),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                    locale_id=section.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        pages = Page.objects.bulk_create(pages)
        self._insert_articles(pages, items, now)
        self.resolve_authors(item.author for item in items)
        through = ArticlePage.authors.through
        through.objects.bulk_create(
            [
                through(articlepage_id=page.pk, author_id=self.authors[item.author])
                for page, item in zip(pages, items, strict=True)
                if item.author
            ]
        )
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(site=self.site, external_id=item.id, page_id=page.pk)
                for page, item in zip(pages, items, strict=True)
            ]
        )
        return [(page.pk, item) for page, item in zip(pages, items, strict=True)]

    @staticmethod
    def _insert_articles(pages: list[Page], items: list[Item], now: datetime) -> None:
        """The article rows of new pages, in one statement (building ArticlePage instances costs more
        than the insert itself)."""
        table = ArticlePage._meta.db_table
        columns = [
            "page_ptr_id",
            "kicker",
            "summary",
            "dateline_city",
            "lead_caption",
            "lead_credit",
            "body",
            "first_published",
            "last_updated",
        ]
        rows = []
        for page, item in zip(pages, items, strict=True):
            published = connection.ops.adapt_datetimefield_value(item.published or now)
            body = json.dumps(Importer.body_json(item.paragraphs), ensure_ascii=False)
            rows.append((page.pk, "", item.summary, "", "", "", body, published, published))
        placeholders = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)

    def _update(self, items: list[Item], existing: dict[str, int]) -> list[tuple[int, Item]]:
        if not items:
            return []
        articles = ArticlePage.objects.in_bulk([existing[i.id] for i in items])
        changed = []
        moves = []
        for item in items:
            article = articles.get(existing[item.id])
            if article is None:
                continue
            published = item.published or article.first_published
            article.title = article.draft_title = item.title
            article.summary = item.summary
            article.body = self.body_json(item.paragraphs)
            article.first_published = article.first_published_at = published
            article.last_updated = timezone.now()
            changed.append(article)
            section = self.section_for(item.category)
            if not article.path.startswith(section.path):
                moves.append((article, section))
        ArticlePage.objects.bulk_update(
            changed,
            [
                "title",
                "draft_title",
                "summary",
                "body",
                "first_published",
                "first_published_at",
                "last_updated",
            ],
        )
        for article, section in moves:
            article.move(section, pos="last-child")
            self.next_step.pop(section.pk, None)  # the move took the next position in the tree
        return [(existing[i.id], i) for i in items if existing[i.id] in articles]

    def finish(self) -> None:
        """Bring the sections' child counts up to date after the bulk inserts."""
        for section_id in self.added:
            section = Page.objects.get(pk=section_id)
            Page.objects.filter(pk=section_id).update(numchild=Page.objects.child_of(section).count())
        self.added.clear()
        from akhbar.network.directory import forget_last_change

        forget_last_change()


def import_jsonl(
    lines: Iterable[str] | str | Path,
    site: Site,
    *,
    section_from_category: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every good line into ``site``; returns counts and the (line number, reason) of bad lines."""
    if isinstance(lines, str | Path):
        with open_lines(lines) as handle:
            return import_jsonl(
                handle,
                site,
                section_from_category=section_from_category,
                batch_size=batch_size,
                progress=progress,
            )
    report = ImportReport()
    importer = Importer(site, section_from_category=section_from_category)
    try:
        for batch in _batches(lines, report, batch_size):
            importer.import_batch(batch, report)
            if progress:
                progress(report.imported)
    finally:
        importer.finish()
    return report
