"""Shared state without Redis: one count for every process, never evicted by a flood of pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client

from akhbar.comments import security, services
from akhbar.comments.models import AuditEntry, Comment
from tests.comments.factories import comment_data, make_comment, make_commentable_article
from tests.factories import make_network

HOST = "casablanca.localhost"
ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = """
import json
import django

django.setup()
from akhbar.comments import security

print(json.dumps([security.hit_rate_limit("ip", "one-reader", 6, 600) for _ in range(4)]))
"""


@pytest.mark.django_db
def test_a_flood_of_page_cache_entries_does_not_reset_rate_limits(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "flood-test",
            "OPTIONS": {"MAX_ENTRIES": 30},
        },
        "state": settings.CACHES["state"],
    }
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600)}
    make_network()
    article = make_commentable_article(HOST)
    client = Client(HTTP_HOST=HOST)
    post = f"/comments/post/{article.pk}/"
    assert [client.post(post, comment_data()).status_code for _ in range(3)] == [303, 303, 429]

    cache.set("sentinel", 1)
    for n in range(90):
        assert client.get(f"/?utm={n}").status_code == 200
    assert cache.get("sentinel") is None  # the flood did evict entries from the page cache

    assert client.post(post, comment_data()).status_code == 429
    assert Comment.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rate_limit_counts_are_exact_across_database_connections():
    results: list[bool] = []
    lock = threading.Lock()

    def attempts():
        try:
            mine = [security.hit_rate_limit("ip", "shared-reader", 6, 600) for _ in range(5)]
            with lock:
                results.extend(mine)
        finally:
            connection.close()

    workers = [threading.Thread(target=attempts) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 30
    assert results.count(False) == 6  # exactly the limit got through, whatever the interleaving


@pytest.mark.slow
def test_rate_limits_hold_across_processes_without_redis(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "akhbar.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path}/state.sqlite3",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    env.pop("REDIS_STATE_URL", None)
    migrate = [sys.executable, "-m", "django", "migrate", "caching", "--verbosity", "0"]
    subprocess.run(migrate, env=env, cwd=ROOT, check=True, timeout=120)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", ATTEMPTS], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    results = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        results += json.loads(out.strip().splitlines()[-1])
    assert len(results) == 12
    assert results.count(False) == 6  # per-process counts would have let all 12 through


@pytest.mark.django_db
def test_a_moderated_comment_disappears_for_every_process():
    article = make_commentable_article(HOST)
    comment = make_comment(article, body="تعليق سيرفضه المشرف")
    assert [c.pk for c in services.thread(article.pk)[0]] == [comment.pk]

    # The cached thread is really used: a change that bypasses moderation is not seen yet.
    Comment.objects.filter(pk=comment.pk).update(title="عنوان تغيّر في قاعدة البيانات")
    assert services.thread(article.pk)[0][0].title != "عنوان تغيّر في قاعدة البيانات"

    # A moderator (in any process) rejects it: only the shared version moves, yet this process's
    # next read no longer shows it, although its own cached copy is still there.
    moderator = get_user_model().objects.create_user("moderator", password="x")
    services.moderate([Comment.objects.get(pk=comment.pk)], AuditEntry.REJECT, moderator)
    assert cache.get(services.THREAD_KEY.format(article.pk, 0)) is not None
    assert services.thread(article.pk) == ([], 0)
    assert caches["state"].get(services.THREAD_VERSION_KEY.format(article.pk)) == 1
