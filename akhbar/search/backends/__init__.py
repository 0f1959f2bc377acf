"""akhbar's index backends, laid out as Wagtail's own search backends are (wagtail/search/backends):
``base`` holds the interface and what the backends share; ``sqlite`` (FTS5) and ``postgres`` (tsvector)
each split into the backend, its query compiler (``query``) and its planner (``planner``).

``get_backend()`` gives the backend of the default database, built with the options of
``settings.AKHBAR_SEARCH["OPTIONS"]`` (akhbar.search.backends.base.Options). The tables the backends use
are created by the search migrations (frozen DDL), and filled by akhbar.search.indexing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import (
    DEFAULT_RANKING,
    BaseBackend,
    Filters,
    Options,
    Ranking,
    Total,
    forget_corpus_size,
    recency_factor,
)

__all__ = [
    "DEFAULT_RANKING",
    "BaseBackend",
    "Filters",
    "Options",
    "Ranking",
    "Total",
    "forget_corpus_size",
    "get_backend",
    "options_from_settings",
    "recency_factor",
]


def options_from_settings() -> Options:
    """The backends' options: ``AKHBAR_SEARCH = {"OPTIONS": {...}}`` (every option has a default)."""
    config = getattr(settings, "AKHBAR_SEARCH", None) or {}
    return Options.from_params(config.get("OPTIONS"))


def get_backend(vendor: str | None = None, options: Options | None = None) -> BaseBackend:
    """The backend for the default database (or ``vendor``), with the settings' options unless given."""
    vendor = vendor or connection.vendor
    options = options or options_from_settings()
    if vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(options)
    if vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(options)
    raise ImproperlyConfigured(f"akhbar search supports SQLite and PostgreSQL, not {vendor}")
