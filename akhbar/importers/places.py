"""Where imported articles go: their site's sections (one per category when asked), their authors, and
their positions and slugs in the page tree, kept across the batches of one import."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from wagtail.models import Page, Site

from akhbar.arabic.slugs import slugify_arabic
from akhbar.news.models import Author, SectionPage

from .tree import child_path, last_step, recount_children

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

__all__ = ["CATEGORY_TITLES", "DEFAULT_SECTION_TITLE", "SLUG_MAX", "Places", "slug_base"]


def slug_base(title: str, external_id: str) -> str:
    """The slug an article's title gives (its id's, or "article", when the title gives none); a
    number is added to it where its section already has it."""
    return (
        slugify_arabic(title, max_length=SLUG_MAX)
        or slugify_arabic(external_id, max_length=SLUG_MAX)
        or "article"
    )


class Places:
    """One site's sections, authors, next tree positions and taken slugs, found or made as needed."""

    def __init__(self, site: Site, *, section_from_category: bool = False) -> None:
        self.site = site
        self.home = Page.objects.get(pk=site.root_page_id)
        self.section_from_category = section_from_category
        self.sections: dict[str, SectionPage] = {}
        self.next_step: dict[int, int] = {}
        self.slugs: dict[int, set[str]] = {}
        self.authors: dict[str, int] = {}
        # Child counts that an interrupted import of an older version left wrong are made true first.
        recount_children([self.home, *self.home.get_children()])
        self.home.refresh_from_db()

    def section_key(self, category: str) -> str:
        """What decides an item's section: its category when sections follow categories, else ""."""
        return category if self.section_from_category and category else ""

    def section_for(self, category: str) -> SectionPage:
        key = self.section_key(category)
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

    def _load_section(self, section: SectionPage) -> None:
        """Where the next child of ``section`` goes in the tree, and the slugs its children already use."""
        if section.pk in self.next_step:
            return
        self.next_step[section.pk] = last_step(section) + 1
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        self.slugs[section.pk] = set(children.values_list("slug", flat=True))

    def allot_path(self, section: SectionPage) -> str:
        self._load_section(section)
        step = self.next_step[section.pk]
        self.next_step[section.pk] = step + 1
        return child_path(section.path, step)

    def moved_into(self, section: SectionPage) -> None:
        """A page was moved into ``section`` by treebeard, which took its next position."""
        self.next_step.pop(section.pk, None)

    def unique_slug(self, section: SectionPage, base: str) -> str:
        """``base`` (a ``slug_base``), numbered if another child of ``section`` has it."""
        self._load_section(section)
        taken = self.slugs[section.pk]
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug
