"""The background worker: the database task queue and scheduled publishing, run for real."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from akhbar.news.models import ArticlePage
from akhbar.search.models import SearchEntry
from akhbar.search.tasks import unindex_pages
from akhbar.worker.loop import BackgroundWorker
from tests.factories import make_article, make_network, make_section, make_site

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# No test-wide transaction: the worker's loop closes and reopens connections between tasks, as in
# production, which would end a wrapping transaction on PostgreSQL. Serialized rollback restores the
# page tree's root that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def section():
    make_network()
    return make_section(make_site(default=True))


def test_worker_runs_a_task_enqueued_in_the_database(section):
    article = make_article(section, "خبر سيخرج من الفهرس")
    assert SearchEntry.objects.filter(page_id=article.pk).exists()
    with override_settings(TASKS=DATABASE_QUEUE):
        result = unindex_pages.enqueue([article.pk])
        assert DBTaskResult.objects.get(pk=result.id).status == "READY"
        assert SearchEntry.objects.filter(page_id=article.pk).exists()  # nothing ran inline

        call_command("worker", "--once", verbosity=0)

        result.refresh()
    assert result.status == "SUCCESSFUL"
    assert not SearchEntry.objects.filter(page_id=article.pk).exists()


def test_scheduled_article_goes_live_after_one_scheduler_tick(section):
    article = make_article(section, "خبر مجدول", live=False)
    article.go_live_at = timezone.now() + timedelta(seconds=3)  # margin for a loaded machine
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live  # scheduled, not yet live
    BackgroundWorker(scheduler_interval=60).tick()
    assert not ArticlePage.objects.get(pk=article.pk).live

    time.sleep(max(0.0, (article.go_live_at - timezone.now()).total_seconds()) + 0.05)
    BackgroundWorker(scheduler_interval=60).tick()

    assert ArticlePage.objects.get(pk=article.pk).live


def test_expired_article_goes_offline_after_one_scheduler_tick(section):
    article = make_article(section, "خبر تنتهي صلاحيته")
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    BackgroundWorker(scheduler_interval=60).tick()

    article.refresh_from_db()
    assert not article.live
    assert article.expired


def test_scheduler_waits_its_interval_between_runs(section):
    article = make_article(section, "خبر تنتهي صلاحيته لاحقًا")
    worker = BackgroundWorker(scheduler_interval=3600)
    worker.tick()
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    worker.tick()
    assert ArticlePage.objects.get(pk=article.pk).live  # not due yet
    worker.tick(force_publish=True)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_sigterm_stops_the_worker_loop_cleanly(section):
    worker = BackgroundWorker(scheduler_interval=3600, poll_interval=30)
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    started = timezone.now()

    worker.run()  # returns only once the signal has stopped it

    assert worker.stopping
    assert (timezone.now() - started).total_seconds() < 10
    assert signal.getsignal(signal.SIGTERM) is before


def test_worker_without_scheduler_leaves_expired_pages_alone(section):
    article = make_article(section, "خبر لعامل بلا جدولة")
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    call_command("worker", "--once", "--no-scheduler", verbosity=0)
    assert ArticlePage.objects.get(pk=article.pk).live
    call_command("worker", "--once", verbosity=0)
    assert not ArticlePage.objects.get(pk=article.pk).live
