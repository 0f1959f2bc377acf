"""Which reader URLs a change makes stale, and purging them from the page cache and the front-end cache.

A change to an article (publish, edit, unpublish, move, delete) shows on:
- the article itself, its section and its site's home;
- the author and tag listings it appears in (``/author/<slug>/``, ``/tag/<slug>/`` under the home);
- the "more from the network" strip, which is on the homes and section pages of every OTHER site:
  those homes and sections are purged too. Article pages also carry the strip; they are not purged
  for it (that would be every article of the network) and refresh within HTTP_CACHE_SECONDS;
- whatever the providers named in ``settings.AKHBAR_PURGE_URL_PROVIDERS`` return (dotted paths of
  callables ``(page) -> iterable of absolute URLs``: feeds, sitemaps…), read at purge time.

Paginated variants (``?page=2``) and any other query string are purged with their path: the page
cache versions paths (akhbar.news.cache) and the shipped Varnish configuration bans a purged path with
every query string.

The page cache is purged at once and again when the transaction commits; the front-end cache (Wagtail's
``frontend_cache``, configured by WAGTAILFRONTENDCACHE) once the transaction commits, so a cache never
fetches the old page back before the change is visible. A failing CDN is logged, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.utils.encoding import iri_to_uri
from django.utils.module_loading import import_string
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.models import Page

from akhbar.news.cache import purge_urls as purge_page_cache

log = logging.getLogger(__name__)


def _full_url(page: Page) -> str | None:
    try:
        return page.get_full_url()
    except Exception:  # noqa: BLE001 - a page outside every site has no URL to purge
        return None


def _sub_url(home: Page, home_url: str, name: str, slug: str) -> str:
    return home_url.rstrip("/") + "/" + home.specific_deferred.reverse_subpage(name, args=[slug]).lstrip("/")


def listing_urls(article, home: Page, home_url: str) -> list[str]:
    """The author and tag listings under the home that list this article."""
    urls = [
        _sub_url(home, home_url, "author", slug) for slug in article.authors.values_list("slug", flat=True)
    ]
    urls += [_sub_url(home, home_url, "tag", tag.slug) for tag in article.tags.all()]
    return urls


def network_strip_urls(home: Page) -> list[str]:
    """Homes and sections of the other sites: where this site's stories appear in the strip."""
    from akhbar.network.directory import network_sites
    from akhbar.news.models import SectionPage

    urls = []
    for site in network_sites():
        if site.root_page_id == home.pk:
            continue
        root = Page.objects.filter(pk=site.root_page_id).first()
        if root is None:
            continue
        urls.append(_full_url(root))
        urls += [_full_url(section) for section in SectionPage.objects.live().child_of(root)]
    return [url for url in urls if url]


def article_urls(article) -> list[str]:
    section = article.get_parent()
    home = section.get_parent() if section else None
    urls = [_full_url(article)]
    if section is not None:
        urls.append(_full_url(section))
    if home is not None:
        home_url = _full_url(home)
        if home_url:
            urls.append(home_url)
            urls += listing_urls(article, home, home_url)
        urls += network_strip_urls(home)
    return [url for url in urls if url]


def page_urls(page: Page) -> list[str]:
    """Every URL showing ``page``; for homes, sections and live coverage: the page, its home and its
    site's sections (the menu), plus the strip's pages on the other sites."""
    from akhbar.news.models import ArticlePage, HomePage, SectionPage

    page = page.specific_deferred
    if isinstance(page, ArticlePage):
        return article_urls(page)
    home = page if isinstance(page, HomePage) else page.get_ancestors().filter(depth=2).first()
    urls = [_full_url(page)]
    if isinstance(home, Page) and home.specific_class is HomePage:
        urls.append(_full_url(home))
        urls += [_full_url(section) for section in SectionPage.objects.live().child_of(home)]
        urls += network_strip_urls(home)
    return [url for url in urls if url]


def provider_urls(page: Page) -> list[str]:
    """URLs from the providers in AKHBAR_PURGE_URL_PROVIDERS (read now, so late additions count)."""
    urls: list[str] = []
    for dotted in getattr(settings, "AKHBAR_PURGE_URL_PROVIDERS", ()):
        try:
            urls += [str(url) for url in import_string(dotted)(page)]
        except Exception:  # noqa: BLE001 - one broken provider must not stop the purge
            log.warning("purge: URL provider %s failed for page %s", dotted, page.pk, exc_info=True)
    return urls


def urls_for(page: Page) -> list[str]:
    """All URLs a change to ``page`` makes stale, without duplicates, in a stable order."""
    return list(dict.fromkeys(page_urls(page) + provider_urls(page)))


def purge_frontend(urls: Iterable[str]) -> None:
    """Purge from every configured front-end cache; a failure is logged, never raised."""
    urls = list(urls)
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(urls)
    except Exception:  # noqa: BLE001 - a CDN outage must not fail an editor's publish
        log.warning("purge: front-end cache purge failed for %d URLs", len(urls), exc_info=True)


def _purge_page_cache(urls: list[str]) -> None:
    try:
        purge_page_cache(urls)
    except Exception:  # noqa: BLE001 - the shared cache being down must not fail a publish
        log.warning(
            "purge: page cache unreachable; stored pages expire after PAGE_CACHE_SECONDS", exc_info=True
        )


def purge(urls: Iterable[str]) -> None:
    """Purge these URLs from the page cache now and after commit, and from the front-end cache after
    commit (at once outside a transaction)."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return
    _purge_page_cache(urls)

    def after_commit() -> None:
        _purge_page_cache(urls)
        purge_frontend(urls)

    transaction.on_commit(after_commit)


def purge_page(page: Page) -> list[str]:
    """Purge everything that shows ``page``; returns the URLs purged."""
    try:
        urls = urls_for(page)
    except Exception:  # noqa: BLE001 - computing URLs must never fail the editor's action
        log.warning("purge: could not list the URLs of page %s", page.pk, exc_info=True)
        urls = [url for url in [_full_url(page)] if url]
    purge(urls)
    return urls


class TimeoutHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend (Varnish, Squid, nginx) with a timeout, so an unreachable cache
    delays an editor's publish by seconds at most. LOCATION as for HTTPBackend; TIMEOUT in seconds."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 3))
        super().__init__(params)

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, iri_to_uri(parts.path), iri_to_uri(parts.query), ""]
            ),
            headers={"Host": host, "User-Agent": "akhbar-purge"},
        )
        try:
            urlopen(request, timeout=self.timeout).close()
        except HTTPError as error:
            log.error("purge: %s answered %s %s for %s", self.cache_netloc, error.code, error.reason, url)
        except (URLError, OSError) as error:
            log.error("purge: cache at %s unreachable for %s: %s", self.cache_netloc, url, error)
