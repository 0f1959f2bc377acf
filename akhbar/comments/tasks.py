"""The comment system's background tasks (django-tasks; `akhbar worker` runs them, tests run them inline)."""

from __future__ import annotations

from django_tasks import task

from . import notifications


@task()
def send_comment_notice(comment_id: int, kind: str) -> bool:
    """Email a commenter that their comment was published, or that it was answered (notifications.py)."""
    return notifications.deliver(comment_id, kind)
