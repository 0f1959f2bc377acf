"""Rendered fragments of reader pages kept in the "default" cache, so that an article the page cache
does not hold is not rendered from scratch: the masthead and footer of its site, its section's "more
news" panel and feed links, its head (SEO tags and structured data), its comment thread, the markup of
its lead image (keyed by the image and its alternative text: rendition URLs are facts of the image) and
its "you may also like" panel (keyed by the site and the related stories' ids). The article's own
text (headline, body, dates, authors, tags) is rendered on every request.

Every fragment's key carries the fragments version (kept in the shared "state" store, so a change made
in one worker reaches every worker at once), a token that changes whenever something a
fragment may show changes: a page published, unpublished, moved or deleted (akhbar.news.signals), a
site, its profile, the group's settings or an image saved or deleted (akhbar.news.apps). A fragment
also names what it shows (the article and its publishing time, the section, the thread's version),
and expires after FRAGMENT_SECONDS in any case. Previews and signed-in editors always get a fresh
render; a cache outage renders the fragment as if it were not cached.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import caches
from django.utils import translation

from akhbar.caching import versions
from akhbar.news.http_cache import is_signed_in

log = logging.getLogger(__name__)

VERSION_KEY = "akhbar:fragments-version"
FRAGMENT_KEY = "akhbar:fragment:{}"
FRAGMENT_SECONDS = 300
_UNKNOWN = object()


def _cache():
    return caches["default"]


def fragments_version(request=None) -> str | None:
    """The current fragments version, shared by every process through the "state" store (read once per
    request); None when the store is unreachable, and then every fragment is rendered afresh."""
    memo = getattr(request, "_akhbar_fragments_version", _UNKNOWN) if request is not None else _UNKNOWN
    if memo is not _UNKNOWN:
        return memo
    number = versions.read(VERSION_KEY, request)
    version = str(number) if number else None
    if request is not None:
        request._akhbar_fragments_version = version
    return version


def forget_fragments(**_kwargs) -> None:
    """Make every stored fragment stale, in every process (a signal receiver as well as a plain call)."""
    versions.replace(VERSION_KEY)


def _uses_fragments(request) -> bool:
    return not (request is None or getattr(request, "is_preview", False) or is_signed_in(request))


def prefetch_versions(request, *keys: str) -> None:
    """Read the fragments version together with the other state keys this page's fragments are keyed
    by (a comment thread's version), in one round trip, when the request uses fragments at all."""
    if _uses_fragments(request) and not hasattr(request, "_akhbar_fragments_version"):
        versions.prefetch(request, [VERSION_KEY, *keys])


def fragment_key(request, name: str, parts) -> str | None:
    """The cache key of fragment `name` for these parts, or None when it must be rendered afresh."""
    if not _uses_fragments(request):
        return None
    if any(part is None for part in parts):
        return None
    version = fragments_version(request)
    if version is None:
        return None
    text = "\x1f".join([version, translation.get_language() or "", name, *map(str, parts)])
    return FRAGMENT_KEY.format(hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest())


def get_fragment(key: str) -> str | None:
    try:
        return _cache().get(key)
    except Exception:  # noqa: BLE001
        log.debug("fragment cache unreachable", exc_info=True)
        return None


def set_fragment(key: str, html: str) -> None:
    try:
        _cache().set(key, html, FRAGMENT_SECONDS)
    except Exception:  # noqa: BLE001
        log.debug("fragment cache unreachable", exc_info=True)
