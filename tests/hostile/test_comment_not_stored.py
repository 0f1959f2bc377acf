"""When the database will not take a comment (disk full, read-only file), the reader gets an Arabic
"try again" page (503) with their text kept in the form, and can send it again once it recovers."""

from __future__ import annotations

import html
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from akhbar.comments.models import AuditEntry, Comment
from tests.comments.factories import comment_data, make_commentable_article
from tests.factories import make_network

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
BODY = "هذا تعليق طويل كتبته بعناية عن الخبر، وأرجو ألا يضيع إن تعطل الخادم."
TITLE = "عنوان التعليق المحفوظ"


def assert_try_again_page_keeps_the_text(response, message: str = "تعذّر حفظ تعليقك الآن") -> None:
    assert response.status_code == 503
    page = html.unescape(response.content.decode())
    assert message in page and "بعد قليل" in page
    assert BODY in page and TITLE in page  # the textarea and the title field still hold them
    assert 'name="token"' in page  # a fresh security check to send it again
    assert not Comment.objects.exists() and not AuditEntry.objects.exists()


def test_disk_full_gives_a_try_again_page_with_the_text_kept():
    article = make_commentable_article()
    client = Client(HTTP_HOST=HOST)
    disk_full = OperationalError("database or disk is full")
    with mock.patch.object(Comment, "save", side_effect=disk_full):
        response = client.post(f"/comments/post/{article.pk}/", comment_data(body=BODY, title=TITLE))
    assert_try_again_page_keeps_the_text(response)
    # Once the disk has room again the same text goes through (not refused as a duplicate).
    again = client.post(
        f"/comments/post/{article.pk}/", comment_data(body=BODY, title=TITLE, email="r@example.org")
    )
    assert again.status_code == 303
    assert Comment.objects.get().body == BODY


def test_a_failing_check_query_also_gives_the_try_again_page():
    article = make_commentable_article()
    with mock.patch("akhbar.comments.services.is_banned", side_effect=OperationalError("disk I/O error")):
        response = Client(HTTP_HOST=HOST).post(
            f"/comments/post/{article.pk}/", comment_data(body=BODY, title=TITLE)
        )
    assert_try_again_page_keeps_the_text(response)


@contextmanager
def read_only_sqlite():
    """SQLite's own read-only mode on this connection: every write fails with "attempt to write a
    readonly database", as with a database file the server may not write."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's read-only mode")
@pytest.mark.parametrize("state_in", ["database", "redis"])
def test_read_only_database_gives_a_try_again_page_with_the_text_kept(settings, state_in):
    if state_in == "redis":  # the shared state lives elsewhere (Redis in production): only the save fails
        settings.CACHES = {
            **settings.CACHES,
            "state": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    article = make_commentable_article()
    make_network()  # a running network has its settings row; the page reads it
    client = Client(HTTP_HOST=HOST)
    data = comment_data(body=BODY, title=TITLE)
    client.get(f"/comments/{article.pk}/")  # rows a first visit creates exist on a running site too
    with read_only_sqlite():
        response = client.post(f"/comments/post/{article.pk}/", data)
    # With the state in the database its write is refused first ("could not send"), otherwise the
    # comment's own ("could not save"); either way the reader is asked to send it again, text in hand.
    message = "تعذّر حفظ تعليقك الآن" if state_in == "redis" else "تعذّر إرسال تعليقك الآن"
    assert_try_again_page_keeps_the_text(response, message=message)
