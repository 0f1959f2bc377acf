"""Emails to commenters who asked for them: published, answered, and the one-click unsubscribe."""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail, signing
from django.test import Client

from akhbar.comments import notifications
from akhbar.comments.models import Comment, NotificationOptOut
from tests.comments.factories import comment_data, make_comment, make_commentable_article
from tests.comments.test_moderation_queue import make_moderator

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


class FailingBackend:
    """An email backend whose mail server is down."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def post(article, client=None, **data):
    client = client or Client(HTTP_HOST=HOST)
    return client.post(f"/comments/post/{article.pk}/", comment_data(**data))


@pytest.fixture
def moderator_client(django_user_model):
    client = Client(HTTP_HOST=HOST)
    client.force_login(make_moderator(django_user_model))
    return client


def approve(client, *comments):
    response = client.post("/admin/comments/", {"action": "approve", "comment": [c.pk for c in comments]})
    assert response.status_code == 302


def unsubscribe_link(message) -> str:
    return re.search(r"<(http://[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def path_of(url: str) -> str:
    return url.split(HOST, 1)[1]


def test_the_box_is_offered_unticked_and_the_choice_is_stored():
    article = make_commentable_article()
    page = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/").content.decode()
    box = re.search(r'<input type="checkbox" id="id_notify"[^>]*>', page).group(0)
    assert "checked" not in box and "required" not in box
    assert "أبلغني بالبريد الإلكتروني عند نشر تعليقي أو الرد عليه" in page
    article_page = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert 'name="notify"' in article_page  # the scripted form under the article has it too
    post(article, email="asked@example.org", notify="on")
    post(article, email="silent@example.org")
    assert Comment.objects.get(email="asked@example.org").notify is True
    assert Comment.objects.get(email="silent@example.org").notify is False


def test_a_form_with_errors_keeps_the_box_ticked():
    article = make_commentable_article()
    response = post(article, notify="on", title="")
    assert response.status_code == 400
    assert re.search(r'id="id_notify"[^>]* checked', response.content.decode())


def test_published_on_posting_sends_an_arabic_email_with_a_link_and_one_click_unsubscribe(settings):
    settings.DEFAULT_FROM_EMAIL = "غرفة الأخبار <news@example.org>"
    article = make_commentable_article()
    post(article, email="Asked@Example.org", name="سلمى", title="سؤال واضح", notify="on")
    comment = Comment.objects.get()
    assert comment.status == Comment.APPROVED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asked@example.org"]
    assert message.from_email == "غرفة الأخبار <news@example.org>"
    assert message.subject.startswith("نُشر تعليقك على «") and article.title in message.subject
    assert "مرحبًا سلمى" in message.body and "سؤال واضح" in message.body
    assert f"{article.full_url}#comment-{comment.pk}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ar" dir="rtl">' in html and f"#comment-{comment.pk}" in html
    link = unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body and link in html
    assert "asked" not in link  # the address never travels in the link
    comment.refresh_from_db()
    assert comment.notified_published is True


def test_no_email_for_a_commenter_who_did_not_ask():
    article = make_commentable_article()
    post(article)
    assert Comment.objects.get().status == Comment.APPROVED
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("profile", "status"),
    [({"comment_approve_below": 0.0}, Comment.HELD), ({"comment_reject_above": 0.9}, Comment.REJECTED)],
)
def test_no_email_while_held_or_when_rejected(profile, status):
    article = make_commentable_article(**profile)
    body = "تعليق ينتظر المراجعة" if status == Comment.HELD else "يا ابن الكلب يا حمار"
    post(article, body=body, notify="on")
    assert Comment.objects.get().status == status
    assert mail.outbox == []


def test_a_moderators_approval_sends_the_email_once(moderator_client):
    article = make_commentable_article()
    held = make_comment(article, status=Comment.HELD, notify=True, email="held@example.org")
    approve(moderator_client, held)
    assert [m.to for m in mail.outbox] == [["held@example.org"]]
    assert f"#comment-{held.pk}" in mail.outbox[0].body
    moderator_client.post("/admin/comments/", {"action": "hold", "comment": [held.pk]})
    approve(moderator_client, held)
    assert len(mail.outbox) == 1  # held again and re-approved: not told twice


def test_rejecting_or_holding_sends_nothing(moderator_client):
    article = make_commentable_article()
    held = make_comment(article, status=Comment.HELD, notify=True)
    for action in ("reject", "spam", "hold"):
        moderator_client.post("/admin/comments/", {"action": action, "comment": [held.pk]})
    assert mail.outbox == []


def test_a_published_reply_tells_the_author_of_the_comment_it_answers():
    article = make_commentable_article()
    top = make_comment(article, notify=True, email="top@example.org", name="مريم", title="رأيي")
    post(article, parent=str(top.pk), name="يوسف", title="ردّي", body="أتفق معك تمامًا في هذه النقطة.")
    reply = Comment.objects.get(parent=top)
    assert reply.status == Comment.APPROVED
    assert [m.to for m in mail.outbox] == [["top@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("ردّ جديد على تعليقك")
    assert "ردّ يوسف على تعليقك «رأيي»" in message.body
    assert "أتفق معك تمامًا" in message.body and f"#comment-{reply.pk}" in message.body


def test_a_reply_to_a_reply_tells_the_top_comments_author_and_the_replier_if_asked(moderator_client):
    article = make_commentable_article()
    top = make_comment(article, notify=True, email="top@example.org")
    first = make_comment(article, parent=top, notify=True, email="first@example.org")
    post(article, parent=str(first.pk), email="second@example.org", notify="on")
    assert sorted(m.to[0] for m in mail.outbox) == ["second@example.org", "top@example.org"]


def test_nobody_is_told_of_their_own_reply_nor_of_replies_they_did_not_ask_about(moderator_client):
    article = make_commentable_article()
    top = make_comment(article, notify=True, email="top@example.org")
    quiet = make_comment(article, email="quiet@example.org")
    own = make_comment(article, parent=top, status=Comment.HELD, email="top@example.org")
    other = make_comment(article, parent=quiet, status=Comment.HELD)
    approve(moderator_client, own, other)
    assert mail.outbox == []


def test_a_reply_approved_by_a_moderator_tells_the_author_once(moderator_client):
    article = make_commentable_article()
    top = make_comment(article, notify=True, email="top@example.org")
    reply = make_comment(article, parent=top, status=Comment.HELD)
    approve(moderator_client, reply)
    moderator_client.post("/admin/comments/", {"action": "hold", "comment": [reply.pk]})
    approve(moderator_client, reply)
    assert [m.to for m in mail.outbox] == [["top@example.org"]]


def test_unsubscribe_asks_first_then_stops_the_emails_of_that_address():
    article = make_commentable_article()
    post(article, email="asked@example.org", notify="on")
    link = path_of(unsubscribe_link(mail.outbox[0]))
    client = Client(HTTP_HOST=HOST)
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl"' in html and "أوقف الرسائل" in html
    assert 'method="post"' in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert "no-store" in page["Cache-Control"] and "public" not in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert not page.cookies
    assert not NotificationOptOut.objects.exists()  # a GET (a link scanner) changes nothing
    done = client.post(link)
    assert done.status_code == 200 and "تم إيقاف الرسائل" in done.content.decode()
    assert not done.cookies and "no-store" in done["Cache-Control"]
    top = Comment.objects.get()
    post(article, parent=str(top.pk))  # a reply: the unsubscribed author is not told
    assert len(mail.outbox) == 1


def test_one_click_post_from_a_mail_client_unsubscribes_without_a_csrf_token(moderator_client):
    article = make_commentable_article()
    first = make_comment(article, status=Comment.HELD, notify=True, email="asked@example.org")
    second = make_comment(article, status=Comment.HELD, notify=True, email="asked@example.org")
    approve(moderator_client, first)
    link = path_of(unsubscribe_link(mail.outbox[0]))
    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    response = client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    approve(moderator_client, second)  # another comment of the same address: no email either
    assert len(mail.outbox) == 1


def test_a_later_comment_with_the_box_ticked_is_a_new_request():
    article = make_commentable_article()
    notifications.unsubscribe(notifications.email_key("back@example.org"))
    post(article, email="back@example.org", notify="on")
    assert [m.to for m in mail.outbox] == [["back@example.org"]]


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "0" * 64 + ":1abc:forged",
        "x" * 300,
        signing.TimestampSigner(salt="another.salt").sign("a" * 64),
        signing.TimestampSigner(salt=notifications.TOKEN_SALT).sign("not-a-key"),
    ],
)
def test_forged_or_broken_links_get_an_arabic_400(token):
    make_commentable_article()
    for method in ("get", "post"):
        response = getattr(Client(HTTP_HOST=HOST), method)(f"/comments/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "رابط إلغاء الاشتراك غير صحيح" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert not NotificationOptOut.objects.exists()


def test_an_expired_link_says_so(settings):
    make_commentable_article()
    token = notifications.unsubscribe_token("old@example.org")
    settings.COMMENTS_UNSUBSCRIBE_MAX_AGE_DAYS = -1
    response = Client(HTTP_HOST=HOST).post(f"/comments/unsubscribe/{token}/")
    assert response.status_code == 400 and "انتهت صلاحية رابط" in response.content.decode()
    assert not NotificationOptOut.objects.exists()


def test_a_mail_server_that_fails_never_fails_a_post_or_a_moderators_action(
    settings, moderator_client, caplog
):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    article = make_commentable_article()
    with caplog.at_level(logging.ERROR, logger="akhbar.comments.notifications"):
        response = post(article, notify="on")
        held = make_comment(article, status=Comment.HELD, notify=True)
        approve(moderator_client, held)
    assert response.status_code == 303
    held.refresh_from_db()
    assert held.status == Comment.APPROVED
    assert held.notified_published is False  # not sent: a later approval may try again
    assert "SMTP server unreachable" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    moderator_client.post("/admin/comments/", {"action": "hold", "comment": [held.pk]})
    approve(moderator_client, held)
    assert len(mail.outbox) == 1


def test_the_email_address_is_never_shown_to_readers():
    article = make_commentable_article()
    make_comment(article, email="private.reader@example.org", notify=True)
    for url in (article.url, f"/comments/{article.pk}/"):
        assert "private.reader" not in Client(HTTP_HOST=HOST).get(url).content.decode()
