"""HTTP caching headers for reader pages, so a shared cache (Varnish, a CDN) can keep them.

HttpCacheMiddleware sits near the top of MIDDLEWARE (outside sessions, CSRF and the page cache) and
decides on the way out:

- Requests with a session cookie (signed-in editors) and anything under /admin/ get fresh, private,
  uncached responses (a view's own Cache-Control is kept).
- Anonymous GET/HEAD responses lose every cookie and ``Vary: Cookie`` (and ``Vary: Accept-Language``
  while only one language is served), then get ``Cache-Control: public`` with the lifetime of their
  kind (pages, search, errors; see the HTTP_CACHE_* settings) unless the view chose its own
  Cache-Control (feeds, sitemaps, APIs: left as they are). 5xx and other 4xx are never cached.
- An ETag (Django's ConditionalGetMiddleware) answers a conditional GET with 304.

A view that marks itself private or uncached (``never_cache``: the comment form's per-reader data) is
left entirely alone, cookies included.
"""

from __future__ import annotations

from functools import cache as memoize

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_cache_control

PRIVATE_PREFIXES = ("/admin/", "/django-admin/")
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
CACHEABLE_ERRORS = (404, 410)
REDIRECTS = (301, 308)


def lifetimes() -> dict[str, int]:
    """Seconds a shared cache may keep each kind of response, read from settings at each call."""
    return {
        "page": int(getattr(settings, "HTTP_CACHE_SECONDS", 300)),
        "search": int(getattr(settings, "HTTP_CACHE_SEARCH_SECONDS", 30)),
        "error": int(getattr(settings, "HTTP_CACHE_ERROR_SECONDS", 10)),
        "stale_while_revalidate": int(getattr(settings, "HTTP_CACHE_STALE_WHILE_REVALIDATE", 30)),
        "stale_if_error": int(getattr(settings, "HTTP_CACHE_STALE_IF_ERROR", 86400)),
        "browser": int(getattr(settings, "HTTP_CACHE_BROWSER_SECONDS", 0)),
    }


def is_signed_in(request) -> bool:
    """A session cookie means a signed-in editor (anonymous readers never get a session)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_private_cache_control(value: str) -> bool:
    directives = {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(value)}
    return any(directive in directives for directive in PRIVATE_DIRECTIVES)


@memoize
def _search_prefixes() -> tuple[str, ...]:
    prefixes = []
    for name in ("search", "api-search", "api-search-suggest"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(prefixes)


def kind_of(request, response) -> str | None:
    """Which lifetime applies; None when a shared cache must not keep the response."""
    status = response.status_code
    if status in CACHEABLE_ERRORS:
        return "error"
    if status == 200 or status in REDIRECTS:
        return "search" if request.path.startswith(_search_prefixes()) else "page"
    return None


def remove_vary(response, names: set[str]) -> None:
    if not response.has_header("Vary"):
        return
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.strip().lower() not in names]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def make_private(response) -> None:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


def make_public(response, kind: str) -> None:
    seconds = lifetimes()
    patch_cache_control(
        response,
        public=True,
        max_age=min(seconds["browser"], seconds[kind]),
        s_maxage=seconds[kind],
        stale_while_revalidate=seconds["stale_while_revalidate"],
        stale_if_error=seconds["stale_if_error"],
    )


class HttpCacheMiddleware:
    """Cache-Control, cookies, Vary and conditional GETs for shared caches; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)
        self.single_language = len(settings.LANGUAGES) == 1

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if is_signed_in(request) or request.path.startswith(PRIVATE_PREFIXES):
            if not response.has_header("Cache-Control"):
                make_private(response)
            return response
        own = response.get("Cache-Control")
        if own and is_private_cache_control(own):
            return response
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not own:
            # The page embeds a CSRF token tied to this reader's cookie: it cannot be shared.
            make_private(response)
            return response
        response.cookies.clear()
        remove_vary(response, {"cookie", "accept-language"} if self.single_language else {"cookie"})
        if not own:
            kind = kind_of(request, response)
            if kind is None:
                make_private(response)
                return response
            make_public(response, kind)
        return self.conditional.process_response(request, response)
