"""Many readers posting at once against a live server on loopback: every accepted comment is stored
exactly once, a submission sent twice at the same moment is accepted once, and nothing answers 5xx.
Runs on SQLite here and on PostgreSQL when DATABASE_URL points there (.ci/run)."""

import http.client
import re
import threading
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest

from akhbar.comments.models import Comment
from tests.comments.factories import comment_data, make_commentable_article

# Serialized like the browser tests: a plain transactional test's flush would recreate content types
# under new ids and break the serialized restore of the tests that follow it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POSTERS = 12
POSTS_EACH = 4
REPLAYED = 6


def request(port: int, method: str, path: str, body: str = "", headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(
            method,
            path,
            body=body or None,
            headers={"Host": f"casablanca.localhost:{port}", **(headers or {})},
        )
        response = connection.getresponse()
        return (
            response.status,
            response.getheader("Set-Cookie") or "",
            response.read().decode("utf-8", "replace"),
        )
    finally:
        connection.close()


def csrf_session(port: int, path: str) -> tuple[str, str]:
    status, cookie, html = request(port, "GET", path)
    assert status == 200
    token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    return token, f"csrftoken={token}"


def test_concurrent_posters_each_stored_exactly_once(live_server, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (10_000, 600), "email": (10_000, 600)}
    port = urlsplit(live_server.url).port
    article = make_commentable_article(comment_approve_below=1.0, comment_reject_above=1.0)
    path = article.get_url_parts()[2]
    post_path = f"/comments/post/{article.pk}/"

    jobs = []
    for poster in range(POSTERS):
        for n in range(POSTS_EACH):
            jobs.append(
                comment_data(email=f"poster{poster}@example.org", body=f"تعليق القارئ {poster} رقم {n}")
            )
    replayed = [comment_data(body=f"إرسال مزدوج {n}") for n in range(REPLAYED)]
    jobs += replayed + [dict(data) for data in replayed]

    token, cookie = csrf_session(port, f"/comments/form/{article.pk}/")
    results: list[tuple[str, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(POSTERS)

    def worker(batch):
        start.wait()
        for data in batch:
            body = urlencode({**data, "csrfmiddlewaretoken": token})
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
            status, _, _ = request(port, "POST", post_path, body, headers)
            page_status, _, _ = request(port, "GET", path)
            with lock:
                results.append((data["body"], status))
                results.append(("GET", page_status))

    threads = [threading.Thread(target=worker, args=(jobs[i::POSTERS],)) for i in range(POSTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = Counter(status for _, status in results)
    assert not [s for s in statuses if s >= 500], statuses
    accepted = Counter(body for body, status in results if status == 303)
    stored = Counter(Comment.objects.values_list("body", flat=True))
    assert stored == accepted
    assert all(count == 1 for count in stored.values())
    assert len(stored) == POSTERS * POSTS_EACH + REPLAYED
    refused = [status for body, status in results if body.startswith("إرسال مزدوج") and status != 303]
    assert len(refused) == REPLAYED and set(refused) <= {400, 409}
    assert Comment.objects.filter(status=Comment.APPROVED).count() == len(stored)
