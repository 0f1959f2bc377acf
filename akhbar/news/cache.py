"""The built-in page cache: anonymous reader pages (homes, sections, listings, articles) answered from
the "default" cache alias before sessions, routing and templates run.

A hit costs one cache round trip and no unpickling of objects: one ``get_many`` fetches the stored
entry (keyed by host and full path) together with the version of its path (keyed by the path alone,
without host or query string). The entry is a tuple of plain values (version, body bytes, header
pairs) and is served only while its version is still the path's current one. Purging a path
(``purge_paths``, called with the same URLs as the front-end cache, see akhbar.news.purge) gives the
path a new version, so every stored copy of it, on any host name and with any query string (page 2
of a section, ?utm=…), is stale at once: the same "ban on the path" rule the shipped Varnish
configuration follows. Entries also expire after PAGE_CACHE_SECONDS.

Each process also keeps the entries it served for PAGE_CACHE_LOCAL_SECONDS (1 s by default; 0 turns
it off) in a small in-process table, so a burst on one page costs no round trip at all: a purge made in
this process clears that table at once, one made in another process is seen within that second.

Pages opt in with CachedPageMixin. A response is stored only when it is a 200 for an anonymous
reader that set no cookie, used no CSRF token and did not mark itself private.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import set_response_etag

from akhbar.news.http_cache import is_private_cache_control, is_signed_in

log = logging.getLogger(__name__)

ENTRY_KEY = "akhbar:page:{}"
VERSION_KEY = "akhbar:page-version:{}"
SKIPPED_HEADERS = frozenset({"set-cookie", "x-page-cache"})
# Paths that never hold a stored page (not Wagtail pages): no lookup, no cache round trip.
UNCACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/comments/",
    "/live/",
    "/search/",
    "/static/",
    "/media/",
    "/documents/",
)


def page_cache():
    """Pages are rebuildable from the database: they live in the "default" alias."""
    return caches["default"]


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _digest(text: str) -> str:
    """Addresses with Arabic slugs outgrow what every cache backend accepts as a key: hash them."""
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def version_key(path: str) -> str:
    return VERSION_KEY.format(_digest(path))


def entry_key(host: str, full_path: str) -> str:
    return ENTRY_KEY.format(_digest(f"{host}\n{full_path}"))


def purge_paths(paths: Iterable[str]) -> None:
    """Make every stored copy of these paths stale (any host, any query string)."""
    fresh = uuid.uuid4().hex[:16]
    versions = {version_key(path): fresh for path in {unquote(urlsplit(p).path) or "/" for p in paths}}
    if versions:
        _local.clear()
        page_cache().set_many(versions, None)


def purge_urls(urls: Iterable[str]) -> None:
    """The page cache's side of a purge: absolute URLs or paths, query strings ignored."""
    purge_paths(urls)


LOCAL_MAX_ENTRIES = 256
_local: dict[str, tuple[float, tuple]] = {}


def local_seconds() -> float:
    return float(getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 1.0))


def _remember(key: str, entry: tuple) -> None:
    seconds = local_seconds()
    if seconds <= 0:
        return
    if len(_local) >= LOCAL_MAX_ENTRIES:
        _local.clear()
    _local[key] = (time.monotonic() + seconds, entry)


def _respond(entry: tuple) -> HttpResponse:
    response = HttpResponse(entry[1], headers=dict(entry[2]))
    response["X-Page-Cache"] = "hit"
    return response


class _Slot:
    """What the lookup learnt, for storing the response on the way out."""

    __slots__ = ("entry_key", "version_key", "version")

    def __init__(self, entry_key: str, version_key: str, version) -> None:
        self.entry_key = entry_key
        self.version_key = version_key
        self.version = version


def _lookup_allowed(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not is_signed_in(request)
        and page_cache_seconds() > 0
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _storable(request, response) -> bool:
    if not getattr(request, "page_cache_store", False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    own = response.get("Cache-Control")
    return not (own and is_private_cache_control(own))


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache while the path's version is current."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _lookup_allowed(request):
            return self.get_response(request)
        key = entry_key(request.get_host(), request.get_full_path())
        local = _local.get(key)
        if local is not None and local[0] > time.monotonic():
            return _respond(local[1])
        cache = page_cache()
        slot = _Slot(key, version_key(request.path), None)
        try:
            found = cache.get_many((slot.entry_key, slot.version_key))
        except Exception:  # noqa: BLE001 - a cache outage degrades to rendering from the database
            log.debug("page cache unreachable", exc_info=True)
            return self.get_response(request)
        slot.version = found.get(slot.version_key)
        entry = found.get(slot.entry_key)
        if entry is not None and slot.version is not None and entry[0] == slot.version:
            _remember(key, entry)
            return _respond(entry)
        if slot.version is None:
            # The path has no version yet: give it one before rendering, so that a purge racing with
            # this render replaces it and what this render stores is never served.
            fresh = uuid.uuid4().hex[:16]
            try:
                slot.version = (
                    fresh if cache.add(slot.version_key, fresh, None) else cache.get(slot.version_key)
                )
            except Exception:  # noqa: BLE001 - see above: render without storing
                slot.version = None
        response = self.get_response(request)
        if _storable(request, response):
            try:
                self.store(cache, slot, response)
            except Exception:  # noqa: BLE001 - the reader still gets the page
                log.debug("page cache unreachable", exc_info=True)
        return response

    def store(self, cache, slot: _Slot, response) -> None:
        if slot.version is None:
            return
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS)
        entry = (slot.version, response.content, headers)
        cache.set(slot.entry_key, entry, page_cache_seconds())
        response["X-Page-Cache"] = "miss"


class CachedPageMixin:
    """Let the page cache store this page type's anonymous renders (see the module docstring)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False) and not is_signed_in(request):
            request.page_cache_store = True
        return response
