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


NOT_READ = object()


def prefetch(request, keys: list[str]) -> None:
    """Read these keys of the state store in one round trip and keep the answers on the request, for
    ``read`` and ``prefetched`` later in the same request (an article page is keyed by two versions:
    its fragments' and its comment thread's). A store that is down leaves nothing: each reader then
    asks, and degrades, on its own."""
    try:
        found = caches["state"].get_many(keys)
    except Exception:  # noqa: BLE001
        log.debug("shared versions %s unavailable", keys, exc_info=True)
        return
    known = request.__dict__.setdefault("_akhbar_state", {})
    known.update({key: found.get(key) for key in keys})


def prefetched(request, key: str, default=None):
    """The value ``prefetch`` read for ``key`` during this request (``default`` where the store had
    none), or NOT_READ."""
    known = getattr(request, "_akhbar_state", None) if request is not None else None
    if known is None or key not in known:
        return NOT_READ
    value = known[key]
    return default if value is None else value


def read(key: str, request=None) -> int | None:
    """The current version under ``key`` (made on first use); None when the state store is down."""
    value = prefetched(request, key)
    if value is not NOT_READ and value is not None:
        return int(value)
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
