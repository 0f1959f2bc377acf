"""robots.txt, sitemaps and feeds of the site a request's host names.

Every response sets its own Cache-Control (shared caches keep them, publishing purges them: see
akhbar.distribution.purge); feeds and the small sitemaps are also kept server-side under the
distribution version, and the article sitemap pages are streamed.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from akhbar.distribution import feeds
from akhbar.distribution.cache import cached, entry_key
from akhbar.distribution.scope import root_url, site_for_request
from akhbar.distribution.sitemaps import SiteArticles, w3c
from akhbar.network.models import SiteProfile

XML = "application/xml; charset=utf-8"
FEED_SECONDS = 900
SITEMAP_SECONDS = 3600
NEWS_SECONDS = 900
ROBOTS_SECONDS = 86400

feed_cache = cache_control(public=True, max_age=300, s_maxage=FEED_SECONDS, stale_while_revalidate=300)
news_cache = cache_control(public=True, max_age=300, s_maxage=NEWS_SECONDS, stale_while_revalidate=300)
sitemap_cache = cache_control(public=True, max_age=900, s_maxage=SITEMAP_SECONDS, stale_while_revalidate=3600)
robots_cache = cache_control(public=True, max_age=3600, s_maxage=ROBOTS_SECONDS)

# What crawlers are kept out of: the admin, search results, comment endpoints and the search API.
DISALLOWED = ("wagtailadmin_home", "search", "comments:terms", "api-search")


def _key(kind: str, request, extra: str = "") -> str | None:
    return entry_key(kind, f"{request.scheme}://{request.get_host()}", request.path + extra)


def feed_view(feed: feeds.ArticleFeed):
    """A feed served from the server-side copy when there is one (see module docstring)."""

    @require_safe
    @feed_cache
    def view(request, **kwargs):
        def make():
            response = feed(request, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        content, content_type, last_modified = cached(_key("feed", request), make, FEED_SECONDS)
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    return view


site_feed = feed_view(feeds.SiteFeed())
section_feed = feed_view(feeds.SectionFeed())
author_feed = feed_view(feeds.AuthorFeed())
tag_feed = feed_view(feeds.TagFeed())
network_feed = feed_view(feeds.NetworkFeed())


def _disallowed() -> list[str]:
    paths = []
    for name in DISALLOWED:
        try:
            path = reverse(name)
        except NoReverseMatch:
            continue
        if name.startswith("comments:"):
            path = path.rstrip("/").rsplit("/", 1)[0] + "/"
        paths.append(path)
    return paths


@require_safe
@robots_cache
def robots_txt(request):
    site = site_for_request(request)
    base = root_url(site)
    context = {
        "disallowed": _disallowed(),
        "sitemaps": [base + reverse("distribution:sitemap"), base + reverse("distribution:sitemap-news")],
    }
    return HttpResponse(
        render_to_string("distribution/robots.txt", context), content_type="text/plain; charset=utf-8"
    )


def _chunks(articles: SiteArticles):
    """Where each article sitemap page starts, shared by the index and the pages of one site."""
    return cached(entry_key("chunks", str(articles.site.pk), ""), articles.chunks, SITEMAP_SECONDS)


@require_safe
@sitemap_cache
def sitemap_index(request):
    site = site_for_request(request)

    def make() -> str:
        articles = SiteArticles(site)
        base = root_url(site)
        pages = reverse("distribution:sitemap-articles")
        entries = [
            {"loc": base + reverse("distribution:sitemap-news"), "lastmod": None},
            {"loc": base + reverse("distribution:sitemap-pages"), "lastmod": None},
        ]
        for number, chunk in enumerate(_chunks(articles), start=1):
            entries.append(
                {"loc": f"{base}{pages}?p={number}", "lastmod": chunk.lastmod and w3c(chunk.lastmod)}
            )
        return render_to_string("distribution/sitemap_index.xml", {"entries": entries})

    return HttpResponse(cached(_key("sitemap-index", request), make, SITEMAP_SECONDS), content_type=XML)


def _page_number(request) -> int:
    raw = request.GET.get("p", "1")
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise Http404("bad sitemap page")
    return int(raw)


@require_safe
@sitemap_cache
def sitemap_articles(request):
    number = _page_number(request)
    site = site_for_request(request)
    articles = SiteArticles(site)
    chunks = _chunks(articles)
    if number > max(len(chunks), 1):
        raise Http404("no such sitemap page")
    chunk = chunks[number - 1] if chunks else None
    return StreamingHttpResponse(articles.urlset(chunk), content_type=XML)


@require_safe
@news_cache
def sitemap_news(request):
    site = site_for_request(request)

    def make() -> str:
        profile = SiteProfile.for_site(site)
        context = {
            "entries": SiteArticles(site).news(),
            "publication": (profile.name_ar if profile else "") or site.site_name or site.hostname,
        }
        return render_to_string("distribution/news_sitemap.xml", context)

    return HttpResponse(cached(_key("sitemap-news", request), make, NEWS_SECONDS), content_type=XML)


@require_safe
@sitemap_cache
def sitemap_pages(request):
    site = site_for_request(request)

    def make() -> str:
        return render_to_string("distribution/pages_sitemap.xml", {"entries": SiteArticles(site).pages()})

    return HttpResponse(cached(_key("sitemap-pages", request), make, SITEMAP_SECONDS), content_type=XML)
