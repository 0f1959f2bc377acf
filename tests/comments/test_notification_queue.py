"""Notification emails go through the database task queue: nothing is sent in the request, the worker
sends it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from akhbar.comments import services
from akhbar.comments.models import AuditEntry, Comment
from tests.comments.factories import make_comment, make_commentable_article

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# As tests/worker: the worker closes and reopens connections, which a wrapping transaction would not survive.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_approval_queues_the_email_and_the_worker_sends_it():
    article = make_commentable_article()
    held = make_comment(article, status=Comment.HELD, notify=True, email="queued@example.org")
    with override_settings(TASKS=DATABASE_QUEUE):
        services.moderate([held], AuditEntry.APPROVE, None)
        assert mail.outbox == []  # the moderator's request sent nothing itself
        task = DBTaskResult.objects.get()
        assert task.status == "READY" and task.args_kwargs["args"] == [held.pk, "published"]

        call_command("worker", "--once", verbosity=0)

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [["queued@example.org"]]
