"""A small page cache for reader pages that carry no per-reader state (site homes, sections, listings).

Anonymous GETs are answered by PageCacheMiddleware before Wagtail's routing runs; the page itself
stores its rendered copy (CachedPageMixin), together with its id and version. A page that asked for a
CSRF token (an article with its comment form) or set a cookie is never stored. Publishing bumps the
version of the page, its parents and its site home, so their copies are never served again; entries
also expire after PAGE_CACHE_SECONDS so the cross-site strip and the clock stay fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "akhbar:page-version:{}"


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _version(page_id: int) -> int:
    return cache.get_or_set(VERSION_KEY.format(page_id), 1, None)


def purge_pages(page_ids: Iterable[int]) -> None:
    """Make every cached copy of these pages stale at once (any host, any query string)."""
    for page_id in set(page_ids):
        key = VERSION_KEY.format(page_id)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, None)


def _entry_key(request) -> str:
    """Host and full path, hashed: addresses with Arabic slugs outgrow what every cache backend accepts."""
    digest = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
    return f"akhbar:page:{digest}"


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache while the stored page's version is still current."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and page_cache_seconds() > 0
        ):
            hit = cache.get(_entry_key(request))
            if hit is not None:
                page_id, version, content, content_type = hit
                if cache.get(VERSION_KEY.format(page_id)) == version:
                    response = HttpResponse(content, content_type=content_type)
                    response["X-Page-Cache"] = "hit"
                    return response
        return self.get_response(request)


class CachedPageMixin:
    """Store this page type's anonymous renders in the page cache; see the module docstring."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not _cacheable(request):
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.has_header("Set-Cookie")
        ):
            entry = (self.pk, _version(self.pk), response.content, response["Content-Type"])
            cache.set(_entry_key(request), entry, page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response
