"""Lists built from several queries: sections named for a list of stories, "more news", the network
strip. Each takes the articles it lists as a queryset (akhbar.news.listings), so nothing here imports
the page models."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from wagtail.models import Page

LISTING_PAGE_SIZE = 20
NETWORK_STRIP_TTL = 120


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


def more_news(
    articles, home: Page, exclude_section: Page | None = None, limit: int = 8, request=None
) -> list:
    """The cross-section "more news" list of one site (headlines with their section's name), from
    ``articles`` (ArticlePage.objects)."""
    from akhbar.network.context_processors import site_sections

    queryset = articles.under(home).headlines()
    if exclude_section is not None:
        queryset = queryset.exclude(path__startswith=exclude_section.path)
    return attach_sections(queryset[:limit], known=site_sections(home, request))


def more_from_network(articles, request, home: Page, per_site: int = 2) -> list:
    """Latest stories of the other sites of the network from ``articles`` (ArticlePage.objects),
    cached briefly per site."""
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
        for article in articles.under(root).headlines()[:per_site]:
            items.append(
                {
                    "url": article.get_url(request),
                    "title": article.title,
                    "site": site.name,
                    "site_id": site.site_id,
                    "published": article.first_published,
                }
            )
    cache.set(key, items, NETWORK_STRIP_TTL)
    return items
