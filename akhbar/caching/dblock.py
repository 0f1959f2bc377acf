"""One writer at a time per process on SQLite (comment tables and the shared state table)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.db import connection

_sqlite_lock = threading.RLock()


@contextlib.contextmanager
def db_guard() -> Iterator[None]:
    """On SQLite, one thread of this process at a time touches the comment and state tables. SQLite
    has a single writer anyway, and a shared-cache database (the test suite's in-memory one) answers a
    read that meets a write with an error instead of waiting. Other databases take their own row locks."""
    if connection.vendor == "sqlite":
        with _sqlite_lock:
            yield
    else:
        yield
