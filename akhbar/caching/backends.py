"""Cache backends behind the two aliases of settings.CACHES.

``default`` holds what can be rebuilt from the database (rendered pages, listings, counts).
``DegradingRedisCache`` turns every Redis failure into a miss (reads) or a no-op (writes), so each
caller falls back to the database and readers still get their pages; a warning is logged at most once
a minute per process, and after a failure Redis is left alone for ``RETRY_SECONDS`` so an unreachable
host does not cost a timeout on every request.

``state`` holds what every process must share and nothing may evict: rate-limit windows, used
security challenges, duplicate-comment keys, version counters. With Redis, ``StateRedisCache`` raises
``StateUnavailable`` on failure so callers fail closed ("try again shortly"); without Redis,
``DatabaseStateCache`` keeps integers in a table (``SharedState``) that every process shares.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .dblock import db_guard

log = logging.getLogger("akhbar.caching")

RETRY_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
CULL_EVERY_WRITES = 500


class StateUnavailable(Exception):
    """The shared state store (rate limits, single-use tokens…) cannot be reached right now."""


class _Outage:
    """Per process and per cache: when the store last failed, and when that was last logged."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.warned_at = float("-inf")

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def record(self, name: str, error: BaseException, consequence: str) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_SECONDS
            warn = now - self.warned_at >= WARN_EVERY_SECONDS
            if warn:
                self.warned_at = now
        if warn:
            log.warning("cache %r unreachable (%s: %s); %s", name, type(error).__name__, error, consequence)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage(name: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(name, _Outage())


def reset_outages() -> None:
    """Forget recorded failures (tests that restart a Redis server)."""
    with _outages_lock:
        _outages.clear()


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.RedisError, OSError)


class _GuardedRedisCache(RedisCache):
    consequence = ""

    @property
    def _name(self) -> str:
        return self.key_prefix or "|".join(self._servers)

    def _unavailable(self, fallback, error: BaseException | None):
        raise NotImplementedError

    def _guard(self, fallback, method, *args, **kwargs):
        outage = _outage(self._name)
        if outage.is_down():
            return self._unavailable(fallback, None)
        try:
            return method(*args, **kwargs)
        except _redis_errors() as error:
            outage.record(self._name, error, self.consequence)
            return self._unavailable(fallback, error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return self._guard(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(None, super().delete_many, keys, version)

    def clear(self):
        return self._guard(False, super().clear)


class DegradingRedisCache(_GuardedRedisCache):
    """Redis for rebuildable data: when Redis fails, a miss or a no-op (see the module docstring)."""

    consequence = "serving from the database until it answers again"

    def _unavailable(self, fallback, error):
        return fallback() if callable(fallback) else fallback


class StateRedisCache(_GuardedRedisCache):
    """Redis for shared state: when Redis fails, StateUnavailable (callers fail closed)."""

    consequence = "comment posting answers 'try again shortly' until it answers again"

    def _unavailable(self, fallback, error):
        raise StateUnavailable(f"shared state store {self._name!r} unreachable") from error


class DatabaseStateCache(BaseCache):
    """Shared state in the database (SharedState): integers only, atomic add and incr, no eviction.

    ``add`` inserts under the primary key (a concurrent twin fails on the key), ``incr`` is one
    UPDATE ... SET value = value + delta, so counts hold across processes and database connections.
    Expired rows are ignored on read and deleted every CULL_EVERY_WRITES writes of a process."""

    uses_database = True

    def __init__(self, location, params):
        super().__init__(params)
        self._writes = 0

    @staticmethod
    def _model():
        from .models import SharedState

        return SharedState

    def _expires(self, timeout) -> datetime | None:
        moment = self.get_backend_timeout(timeout)
        return None if moment is None else datetime.fromtimestamp(moment, UTC)

    @staticmethod
    def _alive(key: str) -> Q:
        return Q(key=key) & (Q(expires__isnull=True) | Q(expires__gt=timezone.now()))

    @staticmethod
    def _integer(value) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("the state store holds integers only")
        return value

    def _run(self, operation):
        try:
            with db_guard():
                return operation()
        except StateUnavailable:
            raise
        except DatabaseError as error:
            raise StateUnavailable("shared state table unavailable") from error

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes % CULL_EVERY_WRITES == 0:
            self._model().objects.filter(expires__lte=timezone.now()).delete()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self._integer(value)
        expires = self._expires(timeout)
        model = self._model()

        def operation():
            with transaction.atomic():
                model.objects.filter(key=key, expires__lte=timezone.now()).delete()
                try:
                    with transaction.atomic():
                        model.objects.create(key=key, value=value, expires=expires)
                except IntegrityError:
                    return False
            self._wrote()
            return True

        return self._run(operation)

    def _alive_values(self, keys: list[str]) -> dict[str, int]:
        """The values of these (made) keys that have not expired, in one SELECT written out: reader pages
        read versions on every uncached render, and the ORM spent more time building this statement
        than the database spent answering it."""
        model = self._model()

        def operation():
            q = connection.ops.quote_name
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {q('key')}, {q('value')} FROM {q(model._meta.db_table)} "
                    f"WHERE {q('key')} IN ({', '.join(['%s'] * len(keys))}) "
                    f"AND ({q('expires')} IS NULL OR {q('expires')} > %s)",
                    [*keys, now],
                )
                return dict(cursor.fetchall())

        return self._run(operation)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._alive_values([key]).get(key, default)

    def get_many(self, keys, version=None):
        """One SELECT for several keys (an article page reads two versions per render)."""
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not names:
            return {}
        return {names[name]: value for name, value in self._alive_values(list(names)).items()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self._integer(value)
        expires = self._expires(timeout)
        model = self._model()

        def operation():
            with transaction.atomic():
                model.objects.update_or_create(key=key, defaults={"value": value, "expires": expires})
            self._wrote()

        self._run(operation)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        expires = self._expires(timeout)
        model = self._model()
        return self._run(lambda: bool(model.objects.filter(self._alive(key)).update(expires=expires)))

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        model = self._model()
        return self._run(lambda: bool(model.objects.filter(key=key).delete()[0]))

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        model = self._model()
        return self._run(lambda: model.objects.filter(self._alive(key)).exists())

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        delta = self._integer(delta)
        model = self._model()

        def operation():
            with transaction.atomic():
                # The UPDATE locks the row until commit, so the value read back is this increment's.
                if not model.objects.filter(self._alive(key)).update(value=F("value") + delta):
                    raise ValueError(f"Key '{key}' not found.")
                return model.objects.filter(key=key).values_list("value", flat=True).get()

        return self._run(operation)

    def clear(self):
        model = self._model()
        self._run(lambda: model.objects.all().delete())
