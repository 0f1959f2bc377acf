"""Server-side copies of feeds and sitemaps, keyed by a version that every publish replaces.

The version lives in the "state" cache (what all processes share), the copies in "default". Either may
lose a key at any time: a lost version is replaced by a fresh random token, never by an old counter
value, so a copy made before a publish can never be served after it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import caches

VERSION_KEY = "akhbar:distribution-version"
log = logging.getLogger(__name__)


def _token() -> int:
    """A fresh random version (an integer: the shared state store holds integers only)."""
    return secrets.randbits(62) + 1


def current_version() -> str:
    state = caches["state"]
    try:
        version = state.get(VERSION_KEY)
        if version is None:
            state.add(VERSION_KEY, _token(), None)
            version = state.get(VERSION_KEY)
    except Exception:  # a cache that is down degrades to "no copies", never to an error
        log.warning("distribution cache version unavailable", exc_info=True)
        return ""
    return str(version) if version else ""


def bump_version() -> None:
    """Called on publish, unpublish, move and delete: every stored feed and sitemap is stale from now on."""
    try:
        caches["state"].set(VERSION_KEY, _token(), None)
    except Exception:
        log.warning("distribution cache version not bumped", exc_info=True)


def entry_key(kind: str, host: str, path: str) -> str | None:
    version = current_version()
    if not version:
        return None
    digest = hashlib.sha256(f"{host}\n{path}".encode()).hexdigest()[:32]
    return f"akhbar:distribution:{kind}:{version}:{digest}"


def cached(key: str | None, make: Callable[[], Any], timeout: int) -> Any:
    """``make()`` unless a copy is stored under ``key``; the copy is stored for ``timeout`` seconds."""
    if key is None:
        return make()
    store = caches["default"]
    try:
        hit = store.get(key)
    except Exception:
        log.warning("distribution cache read failed", exc_info=True)
        return make()
    if hit is not None:
        return hit
    value = make()
    try:
        store.set(key, value, timeout)
    except Exception:
        log.warning("distribution cache write failed", exc_info=True)
    return value
