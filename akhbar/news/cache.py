"""A small page cache for reader pages that carry no per-reader state (site homes, sections, listings).

Anonymous GETs are served from the cache; a page that asked for a CSRF token (an article with its
comment form) or set a cookie is never stored. Publishing bumps a version number for the page, its
parents and its site home, so their cached copies are never served again; entries also expire after
PAGE_CACHE_SECONDS so the cross-site strip and the clock stay fresh.
"""

from __future__ import annotations

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


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class CachedPageMixin:
    """Serve anonymous GETs of this page type from the page cache; see the module docstring."""

    def serve(self, request, *args, **kwargs):
        if not _cacheable(request):
            return super().serve(request, *args, **kwargs)
        key = f"akhbar:page:{self.pk}:{_version(self.pk)}:{request.get_host()}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.has_header("Set-Cookie")
        ):
            cache.set(key, (response.content, response["Content-Type"]), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response
