"""Where view counts live: Redis hourly sorted sets when REDIS_URL is set, else database rows written in
batches. Both keep per-client limits as short-lived keyed hashes, never addresses or user agents.

Redis: views are buffered in the process for up to a second and sent in one Lua call, which for each
view claims the (client, page) slot for ``DEDUPE_SECONDS``, spends one unit of the client's
``CLIENT_BUDGET`` per ``BUDGET_SECONDS`` and, when both allow, adds one to the page in the hour's sorted
set (kept ``KEEP_HOURS``). Database: the same limits in this process's memory (so a flood spread over N
workers counts at most N times), counts buffered and added with one upsert per batch. Counting is
best effort: when the store fails, the batch is dropped with a warning (at most one a minute).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction

log = logging.getLogger(__name__)

DEDUPE_SECONDS = 30 * 60
BUDGET_SECONDS = 10 * 60
CLIENT_BUDGET = 30
KEEP_HOURS = 8 * 24
FLUSH_SECONDS = 5.0
FLUSH_VIEWS = 500
FLUSH_REDIS_SECONDS = 1.0
FLUSH_REDIS_VIEWS = 200
MEMORY_SLOTS = 200_000

_RECORD = """
local counted = 0
for i = 5, #ARGV, 4 do
  if redis.call('SET', ARGV[i], '1', 'NX', 'EX', ARGV[1]) then
    local spent = redis.call('INCR', ARGV[i + 1])
    if spent == 1 then redis.call('EXPIRE', ARGV[i + 1], ARGV[2]) end
    if spent <= tonumber(ARGV[3]) then
      redis.call('ZINCRBY', ARGV[i + 2], 1, ARGV[i + 3])
      redis.call('EXPIRE', ARGV[i + 2], ARGV[4])
      counted = counted + 1
    end
  end
end
return counted
"""


_last_warning = 0.0


def warn_once_a_minute(message: str, *args) -> None:
    global _last_warning
    if time.monotonic() - _last_warning > 60:
        _last_warning = time.monotonic()
        log.warning(message, *args, exc_info=True)


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


class RedisCounter:
    """Views buffered in the process for at most ``FLUSH_REDIS_SECONDS`` (or ``FLUSH_REDIS_VIEWS``) and
    sent in one Lua call that applies the limits and counts each of them in Redis."""

    def __init__(self, url: str, prefix: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix = prefix
        self.script = self.client.register_script(_RECORD)
        self.lock = threading.Lock()
        self.pending: list[str | int] = []
        self.last_flush = time.monotonic()

    def _hour_key(self, site_id: int, hour: datetime) -> str:
        return f"{self.prefix}:views:{site_id}:{hour:%Y%m%d%H}"

    def record(self, site_id: int, page_id: int, client: str, now: datetime) -> None:
        budget_bucket = int(now.timestamp()) // BUDGET_SECONDS
        with self.lock:
            self.pending += [
                f"{self.prefix}:seen:{client}:{page_id}",
                f"{self.prefix}:budget:{client}:{budget_bucket}",
                self._hour_key(site_id, hour_of(now)),
                page_id,
            ]
            due = (
                len(self.pending) >= 4 * FLUSH_REDIS_VIEWS
                or time.monotonic() - self.last_flush >= FLUSH_REDIS_SECONDS
            )
        if due:
            self.flush()

    def flush(self) -> None:
        with self.lock:
            pending, self.pending = self.pending, []
            self.last_flush = time.monotonic()
        if not pending:
            return
        try:
            self.script(args=[DEDUPE_SECONDS, BUDGET_SECONDS, CLIENT_BUDGET, KEEP_HOURS * 3600, *pending])
        except Exception:
            warn_once_a_minute("most read: %s views could not be sent to Redis", len(pending) // 4)

    def top(self, site_id: int, hours: int, limit: int, now: datetime) -> list[tuple[int, int]]:
        self.flush()
        end = hour_of(now)
        keys = [self._hour_key(site_id, end - timedelta(hours=h)) for h in range(hours)]
        target = f"{self.prefix}:top:{site_id}:{hours}:{end:%Y%m%d%H}"
        pipe = self.client.pipeline()
        pipe.zunionstore(target, keys)
        pipe.expire(target, 120)
        pipe.zrevrange(target, 0, limit - 1, withscores=True)
        ranked = pipe.execute()[-1]
        return [(int(member), int(score)) for member, score in ranked]


class DatabaseCounter:
    def __init__(self):
        self.lock = threading.Lock()
        self.slots: OrderedDict[str, float] = OrderedDict()
        self.budgets: dict[tuple[str, int], int] = {}
        self.pending: dict[tuple[int, int, datetime], int] = {}
        self.pending_views = 0
        self.last_flush = time.monotonic()
        self.last_prune = 0.0

    def _claim(self, client: str, page_id: int, now: float) -> bool:
        slot = f"{client}:{page_id}"
        seen = self.slots.get(slot)
        if seen is not None and now - seen < DEDUPE_SECONDS:
            return False
        self.slots[slot] = now
        self.slots.move_to_end(slot)
        while len(self.slots) > MEMORY_SLOTS:
            self.slots.popitem(last=False)
        bucket = int(now) // BUDGET_SECONDS
        spent = self.budgets.get((client, bucket), 0) + 1
        if len(self.budgets) > MEMORY_SLOTS:
            self.budgets = {k: v for k, v in self.budgets.items() if k[1] == bucket}
        self.budgets[(client, bucket)] = spent
        return spent <= CLIENT_BUDGET

    def record(self, site_id: int, page_id: int, client: str, now: datetime) -> None:
        with self.lock:
            if not self._claim(client, page_id, now.timestamp()):
                return
            key = (site_id, page_id, hour_of(now))
            self.pending[key] = self.pending.get(key, 0) + 1
            self.pending_views += 1
            due = self.pending_views >= FLUSH_VIEWS or time.monotonic() - self.last_flush >= FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self) -> None:
        """Add the buffered counts with one upsert (one row per page and hour, whatever the views)."""
        with self.lock:
            pending, self.pending, self.pending_views = self.pending, {}, 0
            self.last_flush = time.monotonic()
        if not pending:
            return
        from akhbar.live.models import PageViewCount

        if time.monotonic() - self.last_prune > 3600:
            self.last_prune = time.monotonic()
            self.forget_old(datetime.now(UTC))

        table = connection.ops.quote_name(PageViewCount._meta.db_table)
        sql = (
            f"INSERT INTO {table} (site_id, page_id, hour, count) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (page_id, hour) DO UPDATE SET count = {table}.count + excluded.count"
        )
        rows = [
            (site, page, connection.ops.adapt_datetimefield_value(hour), n)
            for (site, page, hour), n in pending.items()
        ]
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.executemany(sql, rows)
        except Exception:
            log.warning(
                "most read: %s buffered views could not be written", sum(pending.values()), exc_info=True
            )

    def top(self, site_id: int, hours: int, limit: int, now: datetime) -> list[tuple[int, int]]:
        from django.db.models import Sum

        from akhbar.live.models import PageViewCount

        self.flush()
        since = hour_of(now) - timedelta(hours=hours - 1)
        rows = (
            PageViewCount.objects.filter(site_id=site_id, hour__gte=since)
            .values("page_id")
            .annotate(total=Sum("count"))
            .order_by("-total", "-page_id")[:limit]
        )
        return [(row["page_id"], row["total"]) for row in rows]

    def forget_old(self, now: datetime) -> int:
        from akhbar.live.models import PageViewCount

        return PageViewCount.objects.filter(hour__lt=hour_of(now) - timedelta(hours=KEEP_HOURS)).delete()[0]


_counter = None
_counter_lock = threading.Lock()


def get_counter():
    global _counter
    if _counter is None:
        with _counter_lock:
            if _counter is None:
                url = getattr(settings, "REDIS_URL", "")
                prefix = f"{getattr(settings, 'CACHE_KEY_PREFIX', 'akhbar')}:mostread"
                _counter = RedisCounter(url, prefix) if url else DatabaseCounter()
                atexit.register(_counter.flush)
    return _counter


def reset_counter() -> None:
    """Forget the process's counter (tests switch settings)."""
    global _counter
    _counter = None
