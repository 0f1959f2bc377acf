"""The security check holds: proof of work whenever the page's script runs, the no-JavaScript question
always goes to the moderators, every try uses its token up, and the limits come before the check."""

import pytest
from django.core import signing
from django.test import Client

from akhbar.comments import security
from akhbar.comments.models import AuditEntry, Comment
from tests.comments.factories import (
    answer_to,
    answered_question,
    comment_data,
    make_commentable_article,
    solved_challenge,
)

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
CLEAN = "هل من تفاصيل عن موعد افتتاح المستشفى الجديد؟ شكرًا على المتابعة."


@pytest.fixture
def article():
    # Thresholds that publish any polite comment that passed the proof of work.
    return make_commentable_article(comment_approve_below=1.0, comment_reject_above=1.0)


def post(article, data, ip="198.51.100.20"):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=ip).post(f"/comments/post/{article.pk}/", data)


def token_id(token: str) -> str:
    return signing.loads(token, salt=security.TOKEN_SALT)["id"]


def test_with_the_proof_of_work_a_clean_comment_is_published(article):
    response = post(article, comment_data(body=CLEAN))
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.APPROVED


def test_a_scripted_post_without_proof_of_work_is_refused_and_the_form_kept(article):
    data = comment_data(body=CLEAN, check="pow", pow_number="", answer="")
    response = post(article, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "لم يكتمل التحقق الأمني في متصفحك" in html
    assert f"{CLEAN}</textarea>" in html and 'value="سلمى"' in html
    assert data["token"] not in html and 'name="token" value="' in html  # a new challenge replaces it
    assert not Comment.objects.exists()
    assert not security.claim(token_id(data["token"]))  # and the old one is used up


def test_a_scripted_post_that_answers_the_question_instead_is_refused(article):
    check = answered_question()
    response = post(article, comment_data(**{**check, "check": "pow"}))
    assert response.status_code == 400 and "لم يكتمل التحقق الأمني" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_wrong_proof_of_work_uses_the_token_up(article):
    check = solved_challenge()
    wrong = {**check, "pow_number": str(int(check["pow_number"]) + 1)}
    assert "لم ينجح التحقق الأمني التلقائي" in post(article, comment_data(**wrong)).content.decode()
    response = post(article, comment_data(**check))  # the right number, too late
    assert response.status_code == 400 and "سبق استخدام هذا التحقق" in response.content.decode()
    assert not Comment.objects.exists()


def test_without_javascript_a_clean_comment_is_held_for_the_moderators(article, django_user_model):
    client = Client(HTTP_HOST=HOST)
    response = client.post(f"/comments/post/{article.pk}/", comment_data(body=CLEAN, **answered_question()))
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.HELD  # the classifier would have published it
    assert "دون التحقق التلقائي" in comment.reasons[0]
    assert "دون التحقق التلقائي" in AuditEntry.objects.get(comment=comment).reason
    html = client.get(response["Location"]).content.decode()
    assert "بانتظار مراجعة المشرفين" in html
    assert CLEAN not in Client(HTTP_HOST=HOST).get(article.url).content.decode()

    moderator = django_user_model.objects.create_superuser("hala", "hala@example.org", "pw")
    admin = Client(HTTP_HOST=HOST)
    admin.force_login(moderator)
    queue = admin.get("/admin/comments/").content.decode()
    assert CLEAN in queue and "دون التحقق التلقائي" in queue


def test_without_javascript_an_abusive_comment_is_still_rejected():
    article = make_commentable_article(comment_reject_above=0.9)
    response = post(article, comment_data(body="يا ابن الكلب يا حمار", **answered_question()))
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.REJECTED


def test_fifteen_guesses_on_one_token_the_second_is_already_refused(article, settings):
    # Limits high enough that only the token can stop the guesses.
    settings.COMMENTS_RATE_LIMITS = {"ip": (100, 600), "question_ip": (100, 600)}
    challenge = security.new_challenge()
    right = answer_to(challenge.question)
    guesses = [g for g in range(21) if g != right][:14] + [right]  # the 15th is the right answer
    errors = []
    for guess in guesses:
        data = comment_data(token=challenge.token, check="question", pow_number="", answer=str(guess))
        response = post(article, data)
        assert response.status_code == 400
        errors.append(response.content.decode())
    assert "الإجابة عن سؤال التحقق غير صحيحة" in errors[0]
    assert all("سبق استخدام هذا التحقق" in html for html in errors[1:])
    assert not Comment.objects.exists()


def test_wrong_answers_count_against_the_no_javascript_limit(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (100, 600), "question_ip": (3, 600)}
    statuses = [post(article, comment_data(**answered_question(wrong=True))).status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    check = answered_question()  # a right answer now: refused by the limit before it is looked at
    response = post(article, comment_data(**check))
    assert response.status_code == 429 and "أرسلت تعليقات كثيرة" in response.content.decode()
    assert check["answer"] and CLEAN not in response.content.decode()
    assert security.claim(token_id(check["token"]))  # the limit came first: the token was not used
    assert post(article, comment_data(), ip="198.51.100.21").status_code == 303  # another reader


def test_the_no_javascript_limit_is_tighter_and_separate(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (5, 600), "question_ip": (2, 600), "email": (100, 600)}
    questions = [post(article, comment_data(**answered_question())).status_code for _ in range(3)]
    assert questions == [303, 303, 429]
    # The proof-of-work path from the same address keeps the rest of its own limit.
    assert [post(article, comment_data()).status_code for _ in range(3)] == [303, 303, 429]


def test_wrong_proofs_of_work_count_against_the_address_limit(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (3, 600)}
    for _ in range(3):
        check = solved_challenge()
        wrong = {**check, "pow_number": str(int(check["pow_number"]) + 1)}
        assert post(article, comment_data(**wrong)).status_code == 400
    assert post(article, comment_data()).status_code == 429


def test_the_site_limit_keeps_the_queue_from_filling(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"question_site": (2, 3600)}
    statuses = [
        post(article, comment_data(**answered_question()), ip=f"203.0.113.{n}").status_code for n in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert Comment.objects.filter(status=Comment.HELD).count() == 2
    response = post(article, comment_data(**answered_question()), ip="203.0.113.9")
    assert "تنتظر تعليقات كثيرة مراجعة المشرفين" in response.content.decode()
    assert post(article, comment_data(), ip="203.0.113.10").status_code == 303  # the script's path is open


def test_the_comment_page_asks_the_question_and_marks_the_post_as_no_javascript(article):
    html = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/").content.decode()
    assert 'name="check" value="question"' in html
    assert "ينتظر مراجعة المشرفين قبل نشره" in html  # the reader is told before posting


@pytest.mark.parametrize(("value", "parsed"), [("6/600", (6, 600)), (" 0/60 ", (0, 60)), ("", None)])
def test_rate_limits_read_from_the_environment(monkeypatch, value, parsed):
    from akhbar.settings.env import env_rate

    monkeypatch.setenv("COMMENTS_RATE_TEST", value)
    assert env_rate("COMMENTS_RATE_TEST") == parsed


@pytest.mark.parametrize("value", ["six", "6", "6/0", "-1/60", "6/x"])
def test_a_malformed_rate_limit_names_the_setting(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from akhbar.settings.env import env_rate

    monkeypatch.setenv("COMMENTS_RATE_TEST", value)
    with pytest.raises(ImproperlyConfigured, match="COMMENTS_RATE_TEST"):
        env_rate("COMMENTS_RATE_TEST")
