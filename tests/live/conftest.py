import uuid

import pytest

from akhbar.live import counters


@pytest.fixture(autouse=True)
def database_counter(monkeypatch):
    """Every test starts with an empty counter of its own (the database one unless a test asks for Redis)."""
    counter = counters.DatabaseCounter()
    monkeypatch.setattr(counters, "_counter", counter)
    return counter


@pytest.fixture
def redis_counter(monkeypatch):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run starts one)")
    counter = counters.RedisCounter(url, f"akhbar-test-{uuid.uuid4().hex[:8]}")
    monkeypatch.setattr(counters, "_counter", counter)
    yield counter
    keys = list(counter.client.scan_iter(f"{counter.prefix}:*"))
    if keys:
        counter.client.delete(*keys)
