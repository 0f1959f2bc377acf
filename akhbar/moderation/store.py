"""The lexicon in force: the shipped lists merged with the moderators' terms, cached per process.

A save or delete of a ``ModerationTerm`` clears this process's copy and bumps a version in Django's
cache, so every other process (sharing Redis at scale) reloads within ``RECHECK_SECONDS``.
Without a configured Django, or without the table, the shipped lists are used as they are.
"""

from __future__ import annotations

import logging
import threading
import time

from .lexicon import Lexicon, default_lexicon, parse_term

log = logging.getLogger(__name__)

VERSION_KEY = "akhbar:moderation:lexicon-version"
RECHECK_SECONDS = 5.0

_lock = threading.Lock()
_state: dict[str, object] = {"lexicon": None, "version": None, "checked": 0.0}


def _django_ready() -> bool:
    try:
        from django.apps import apps
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a dependency
        return False
    return settings.configured and apps.ready and apps.is_installed("akhbar.moderation")


def _shared_version() -> object:
    from django.core.cache import caches

    cache = caches["state"]  # what every process must see: the shared state alias

    try:
        return cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001 - a cache outage must not stop moderation
        log.warning("moderation: cache unavailable, using the local lexicon copy", exc_info=True)
        return _state["version"]


def load_lexicon() -> Lexicon:
    """Build the merged lexicon from the shipped lists and the active database terms."""
    base = default_lexicon()
    if not _django_ready():
        return base
    from django.db import DatabaseError, transaction

    from .models import ModerationTerm

    try:
        # A savepoint, so that a failed read (no table yet) cannot poison the caller's transaction.
        with transaction.atomic():
            rows = list(ModerationTerm.objects.filter(active=True).values_list("term", "category", "action"))
    except (DatabaseError, RuntimeError):
        # No table yet (before migrate) or no database access (pure tests, batch runs).
        log.info("moderation: no database terms available, using the shipped lists")
        return base
    allowed = [term for term, _category, action in rows if action == "allowed"]
    added = [parse_term(term, category, action) for term, category, action in rows if action != "allowed"]
    return base.merged(add=added, remove=[term.rstrip("=") for term in allowed])


def active_lexicon() -> Lexicon:
    """The merged lexicon, reloaded when a moderator changed a term."""
    now = time.monotonic()
    with _lock:
        lexicon = _state["lexicon"]
        if lexicon is not None and now - float(_state["checked"]) < RECHECK_SECONDS:
            return lexicon  # type: ignore[return-value]
        version = _shared_version() if _django_ready() else None
        if lexicon is None or version != _state["version"]:
            lexicon = load_lexicon()
            _state["lexicon"] = lexicon
            _state["version"] = version
        _state["checked"] = now
        return lexicon  # type: ignore[return-value]


def forget_lexicon(**_kwargs: object) -> None:
    """Signal receiver: drop the cached lexicon here and tell the other processes."""
    with _lock:
        _state["lexicon"] = None
        _state["checked"] = 0.0
    if _django_ready():
        from django.core.cache import caches

        cache = caches["state"]

        try:
            cache.set(VERSION_KEY, time.time_ns(), None)
        except Exception:  # noqa: BLE001 - a cache outage must not stop saving a term
            log.warning("moderation: could not publish the lexicon version", exc_info=True)
