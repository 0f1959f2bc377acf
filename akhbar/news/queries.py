"""Listing queries: a fixed number of SQL queries whatever the size of the archive."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page

LISTING_PAGE_SIZE = 20
CARD_RENDITIONS = ("fill-480x270|format-webp", "fill-960x540|format-webp")
NETWORK_STRIP_TTL = 120
# What a headline (a title, its link and its time) needs, and nothing else: no body, no image.
HEADLINE_FIELDS = ("title", "url_path", "path", "depth", "first_published")


def _article_model():
    from akhbar.news.models import ArticlePage

    return ArticlePage


def with_cards(queryset):
    """Load what a story card shows (lead image and its renditions) in a fixed number of queries."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.select_related(None).prefetch_related(Prefetch("lead_image", queryset=images))


def latest_articles(root: Page):
    """Live stories under `root` (a site home or a section), newest first."""
    return with_cards(
        _article_model()
        .objects.live()
        .descendant_of(root)
        .order_by("-first_published", "-pk")
        .defer_streamfields()
    )


def headlines(root: Page):
    """Live stories under `root`, newest first, loading only what a headline shows."""
    return (
        _article_model()
        .objects.live()
        .descendant_of(root)
        .order_by("-first_published", "-pk")
        .only(*HEADLINE_FIELDS)
    )


def attach_sections(articles: Iterable, known: Iterable[Page] = ()) -> list:
    """Give each story its section (parent page): from `known` sections (the site's cached menu) where
    they are there, else with one query for the rest of the list."""
    articles = list(articles)
    sections = {p.path: p for p in known}
    missing = {a.path[: -Page.steplen] for a in articles} - sections.keys()
    if missing:
        sections |= {
            p.path: p for p in Page.objects.filter(path__in=missing).only("title", "path", "url_path")
        }
    for article in articles:
        article.section_page = sections.get(article.path[: -Page.steplen])
    return articles


def more_news(home: Page, exclude_section: Page | None = None, limit: int = 8, request=None) -> list:
    """The cross-section "more news" list of one site (headlines with their section's name)."""
    from akhbar.network.context_processors import site_sections

    queryset = headlines(home)
    if exclude_section is not None:
        queryset = queryset.exclude(path__startswith=exclude_section.path)
    return attach_sections(queryset[:limit], known=site_sections(home, request))


def more_from_network(request, home: Page, per_site: int = 2) -> list:
    """Latest stories of the other sites of the network, cached briefly per site."""
    key = f"akhbar:network-strip:{home.pk}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    from akhbar.network.directory import network_sites

    items = []
    for site in network_sites():
        if site.root_page_id == home.pk:
            continue
        root = Page(path=site.root_path, depth=len(site.root_path) // Page.steplen)
        for article in headlines(root)[:per_site]:
            items.append(
                {
                    "url": article.get_url(request),
                    "title": article.title,
                    "site": site.name,
                    "accent": site.accent,
                    "published": article.first_published,
                }
            )
    cache.set(key, items, NETWORK_STRIP_TTL)
    return items
