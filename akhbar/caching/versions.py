"""Version tokens that every process shares: a key in the "state" cache whose value changes whenever
what it covers changes (feeds and sitemaps, rendered page fragments). Copies are stored under keys that
carry the version, so replacing it makes every copy stale at once, in every worker.

A lost version is replaced by a fresh random integer (the database state store holds integers only),
never by an old counter value, so a copy made before a change can never be served after it. When the
store cannot be reached, ``read`` answers None and callers render afresh.
"""

from __future__ import annotations

import logging
import secrets

from django.core.cache import caches

log = logging.getLogger(__name__)


def _token() -> int:
    return secrets.randbits(62) + 1


def read(key: str) -> int | None:
    """The current version under ``key`` (made on first use); None when the state store is down."""
    state = caches["state"]
    try:
        version = state.get(key)
        if version is None:
            state.add(key, _token(), None)
            version = state.get(key)
    except Exception:  # noqa: BLE001 - a store that is down degrades to "no copies", never to an error
        log.debug("shared version %s unavailable", key, exc_info=True)  # the store logs its outages
        return None
    return int(version) if version else None


def replace(key: str) -> None:
    """Give ``key`` a new version: every copy stored under the old one is stale from now on."""
    try:
        caches["state"].set(key, _token(), None)
    except Exception:  # noqa: BLE001
        log.warning("shared version %s not replaced", key, exc_info=True)
