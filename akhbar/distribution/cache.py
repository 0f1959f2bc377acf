"""Server-side copies of feeds and sitemaps, keyed by a version that every publish replaces.

The version lives in the "state" cache (what all processes share), the copies in "default". Either may
lose a key at any time: a lost version is replaced by a fresh random token, never by an old counter
value, so a copy made before a publish can never be served after it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import caches

from akhbar.caching import versions

VERSION_KEY = "akhbar:distribution-version"
log = logging.getLogger(__name__)


def current_version() -> str:
    version = versions.read(VERSION_KEY)
    return str(version) if version else ""


def bump_version() -> None:
    """Called on publish, unpublish, move and delete: every stored feed and sitemap is stale from now on."""
    versions.replace(VERSION_KEY)


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
