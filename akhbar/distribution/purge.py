"""Which feed and sitemap URLs show a page: what a shared cache must drop when it is (un)published.

Listed in the setting AKHBAR_PURGE_URL_PROVIDERS; a provider takes a page and returns absolute URLs.
"""

from __future__ import annotations

import logging

from django.urls import reverse
from wagtail.models import Page, Site

from akhbar.distribution.scope import root_url
from akhbar.distribution.sitemaps import SiteArticles

log = logging.getLogger(__name__)


def feed_and_sitemap_urls(page: Page) -> list[str]:
    """Absolute URLs of the feeds and sitemaps that list `page` (an article), on its own site's host;
    the network feed on every site's host. Other pages (homes, sections) only change the pages sitemap."""
    from akhbar.news.models import ArticlePage

    page = page.specific_deferred if type(page) is Page else page
    site = page.get_site()
    if site is None:
        return []
    base = root_url(site)
    urls = [base + reverse("distribution:sitemap"), base + reverse("distribution:sitemap-pages")]
    if not isinstance(page, ArticlePage):
        return urls
    section = page.get_parent()
    urls += [
        base + reverse("distribution:feed"),
        base + reverse("distribution:rss"),
        base + reverse("distribution:sitemap-news"),
        base + reverse("distribution:feed-section", args=[section.slug]),
    ]
    urls += [base + reverse("distribution:feed-author", args=[a.slug]) for a in page.authors.all()]
    urls += [base + reverse("distribution:feed-tag", args=[t.slug]) for t in page.tags.all()]
    urls += [root_url(s) + reverse("distribution:feed-network") for s in Site.objects.all()]
    # Sitemap pages are ranges in tree order: publishing or removing an article shifts the pages from
    # its own to the last one (counted as if one more article followed, in case it opened a new page).
    try:
        articles = SiteArticles(site)
        first = articles.chunk_of(page.path)
        last = articles.chunk_of(articles.high)
    except Exception:  # never block a publish on this; shared caches expire on their own
        log.warning("sitemap pages to purge unknown for page %s", page.pk, exc_info=True)
        first, last = 1, 1
    pages = base + reverse("distribution:sitemap-articles")
    urls += [f"{pages}?p={number}" for number in range(first, last + 1)]
    return list(dict.fromkeys(urls))
