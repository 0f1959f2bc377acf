"""A reader posts a comment: it is decided once, stored once, and shown (or not) as it should be."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from akhbar.comments.models import AuditEntry, Comment
from akhbar.news import purge as purge_module
from tests.comments.factories import comment_data, make_comment, make_commentable_article
from tests.factories import make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


def post(client, article, **data):
    return client.post(f"/comments/post/{article.pk}/", comment_data(**data))


def test_clean_comment_is_published_and_shown_with_a_clear_message():
    article = make_commentable_article()
    client = Client(HTTP_HOST=HOST)
    response = post(
        client, article, title="سؤال عن الخبر", body="هل من تفاصيل عن موعد افتتاح المستشفى الجديد؟"
    )
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.APPROVED and comment.reasons
    assert response["Location"] == f"/comments/{article.pk}/#comments-status"
    html = client.get(response["Location"]).content.decode()
    assert "تم نشر تعليقك" in html
    assert "هل من تفاصيل عن موعد افتتاح المستشفى الجديد؟" in html
    assert "تعليق واحد" in html
    article_html = client.get(article.url).content.decode()
    assert "هل من تفاصيل عن موعد افتتاح المستشفى الجديد؟" in article_html
    assert "تم نشر تعليقك" not in article_html


def test_posted_from_the_article_the_reader_returns_there_and_the_script_gets_the_outcome():
    article = make_commentable_article()
    client = Client(HTTP_HOST=HOST)
    response = post(client, article, body="تعليق أرسله السكربت من صفحة الخبر مباشرة", **{"return": "article"})
    assert response["Location"].endswith(f"{article.get_url_parts()[2]}#comments-status")
    comment = Comment.objects.get()
    outcome = client.get(f"/comments/form/{article.pk}/").json()["outcome"]
    assert outcome["message"] == "تم نشر تعليقك. شكرًا لمشاركتك." and outcome["comment_id"] == comment.pk
    assert client.get(f"/comments/form/{article.pk}/").json()["outcome"] is None  # told once


def test_held_comment_is_not_shown_and_the_reader_is_told_it_awaits_review():
    article = make_commentable_article(comment_approve_below=0.0)
    client = Client(HTTP_HOST=HOST)
    response = post(client, article, body="تعليق ينتظر المراجعة هنا", **{"return": "article"})
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.HELD
    outcome = client.get(f"/comments/form/{article.pk}/").json()["outcome"]
    assert "بانتظار مراجعة المشرفين" in outcome["message"]
    assert outcome["pending"]["body"] == "تعليق ينتظر المراجعة هنا"  # the reader sees their own text
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert "تعليق ينتظر المراجعة هنا" not in html
    assert "لا تعليقات بعد" in html


def test_another_reader_never_sees_someone_elses_outcome():
    article = make_commentable_article(comment_approve_below=0.0)
    post(Client(HTTP_HOST=HOST), article, body="نص قارئ آخر بانتظار المراجعة")
    assert Client(HTTP_HOST=HOST).get(f"/comments/form/{article.pk}/").json()["outcome"] is None
    page = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/").content.decode()
    assert "نص قارئ آخر" not in page and "بانتظار مراجعة المشرفين" not in page


def test_abusive_comment_is_rejected_with_reasons_and_never_shown():
    article = make_commentable_article(comment_reject_above=0.9)
    client = Client(HTTP_HOST=HOST)
    response = post(client, article, body="يا ابن الكلب يا حمار")
    assert "لم يُنشر تعليقك لأنه يخالف شروط النشر" in client.get(response["Location"]).content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.REJECTED
    assert "insult_person" in comment.categories and any("إهانة" in r for r in comment.reasons)
    assert "يا حمار" not in client.get(article.url).content.decode()
    assert AuditEntry.objects.get(comment=comment).action == AuditEntry.POSTED


def test_email_is_never_shown_to_readers():
    article = make_commentable_article()
    make_comment(article, email="secret.reader@example.org")
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert "secret.reader" not in html


def test_output_is_escaped():
    article = make_commentable_article()
    make_comment(article, name="<b>x</b>", title='"><script>alert(1)</script>', body="<img src=x onerror=1>")
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("count", "phrase"),
    [(0, "لا تعليقات بعد"), (1, "تعليق واحد"), (2, "تعليقان"), (3, "3 تعليقات"), (11, "11 تعليقًا")],
)
def test_comment_count_uses_the_arabic_plural(count, phrase):
    article = make_commentable_article()
    for _ in range(count):
        make_comment(article)
    make_comment(article, status=Comment.HELD)
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert f"({phrase})" in html


def test_count_uses_the_sites_digits():
    article = make_commentable_article(digits="arabic")
    for _ in range(3):
        make_comment(article)
    assert "(٣ تعليقات)" in Client(HTTP_HOST=HOST).get(article.url).content.decode()


def test_thread_is_oldest_first_with_one_level_of_replies():
    article = make_commentable_article()
    first = make_comment(article, title="التعليق الأقدم")
    second = make_comment(article, title="التعليق الأحدث")
    reply = make_comment(article, title="ردٌّ على الأقدم", parent=first)
    make_comment(article, title="رد محجوب", parent=first, status=Comment.HELD)
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert html.index("التعليق الأقدم") < html.index("ردٌّ على الأقدم") < html.index("التعليق الأحدث")
    assert "رد محجوب" not in html
    assert f'id="comment-{reply.pk}"' in html and f'id="comment-{second.pk}"' in html


def test_a_reply_to_a_reply_attaches_to_the_top_comment():
    article = make_commentable_article()
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    response = post(Client(HTTP_HOST=HOST), article, parent=str(reply.pk))
    assert response.status_code == 303
    assert Comment.objects.latest("pk").parent_id == top.pk


def test_reply_to_an_unpublished_comment_is_refused():
    article = make_commentable_article()
    held = make_comment(article, status=Comment.HELD)
    response = post(Client(HTTP_HOST=HOST), article, parent=str(held.pk))
    assert response.status_code == 400
    assert "لم يعد منشورًا" in response.content.decode()
    assert Comment.objects.count() == 1


def test_reply_link_prefills_the_parent_in_the_form():
    article = make_commentable_article()
    top = make_comment(article, name="منير")
    link = f"/comments/{article.pk}/?reply_to={top.pk}#comment-form"
    assert link.replace("&", "&amp;") in Client(HTTP_HOST=HOST).get(article.url).content.decode()
    html = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/?reply_to={top.pk}").content.decode()
    assert f'name="parent" value="{top.pk}"' in html and "الرد على تعليق منير" in html


def test_form_shows_every_part_of_the_reference_page():
    article = make_commentable_article(comment_max_length=500)
    html = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/").content.decode()
    for part in (
        'name="name"',
        'name="email"',
        'name="title"',
        'name="body"',
        'name="agree"',
        'name="answer"',
        "حقل مطلوب",
        "شروط النشر",
        'href="/comments/terms/"',
        "الحد الأقصى 500 حرف",
        "كم يساوي",
    ):
        assert part in html, part
    assert 'data-max-length="500"' in html


def test_terms_page_is_in_arabic():
    make_commentable_article()
    response = Client(HTTP_HOST=HOST).get("/comments/terms/")
    assert response.status_code == 200 and "شروط النشر" in response.content.decode()


def test_challenge_endpoint_gives_a_fresh_uncached_check():
    make_commentable_article()
    client = Client(HTTP_HOST=HOST)
    first, second = client.get("/comments/challenge/"), client.get("/comments/challenge/")
    assert first.json()["token"] != second.json()["token"]
    assert "no-store" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert first.json()["algorithm"] == "SHA-256"


def test_site_thresholds_decide_between_publish_and_hold():
    strict = make_commentable_article(comment_approve_below=0.0)
    client = Client(HTTP_HOST=HOST)
    post(client, strict, body="رأيي أن القرار صائب")
    assert Comment.objects.get().status == Comment.HELD


def test_approved_comment_purges_the_article_from_the_front_end_cache():
    article = make_commentable_article()
    with mock.patch("akhbar.news.purge.purge", wraps=purge_module.purge) as purge:
        post(Client(HTTP_HOST=HOST), article)
    purge.assert_called_once_with([article.full_url])


def test_comment_on_another_sites_article_is_not_found():
    article = make_commentable_article()
    make_site("tunis.localhost")
    response = post(Client(HTTP_HOST="tunis.localhost"), article)
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_queries_for_the_article_page_do_not_grow_with_the_comments():
    article = make_commentable_article()
    client = Client(HTTP_HOST=HOST)

    def queries_with(total: int) -> int:
        while Comment.objects.count() < total:
            top = make_comment(article)
            make_comment(article, parent=top)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url).status_code == 200
        return len(captured)

    client.get(article.url)  # first-request caches (content types, site root paths) out of the count
    assert queries_with(4) == queries_with(40)
