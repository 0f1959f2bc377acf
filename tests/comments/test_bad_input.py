"""The bad-input corpus: each submission gets a 4xx with a clear Arabic message, and nothing is stored."""

import pytest
from django.test import Client

from akhbar.comments import security
from akhbar.comments.models import AuditEntry, Ban, Comment
from tests.comments.factories import (
    answered_question,
    comment_data,
    make_commentable_article,
    solved_challenge,
)

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
LIMIT = 300

CORPUS = {
    "oversized name": ({"name": "س" * 81}, "الاسم أطول من 80 حرفًا"),
    "oversized title": ({"title": "ع" * 121}, "العنوان أطول من 120 حرفًا"),
    "oversized body": ({"body": "ت" * (LIMIT + 1)}, "التعليق أطول من 300 حرف"),
    "oversized body of stacked marks": ({"body": "ت" + "\u064e" * (LIMIT * 5)}, "التعليق أطول من"),
    "oversized email": ({"email": "a" * 250 + "@example.org"}, "عنوان البريد الإلكتروني طويل جدًا"),
    "missing name": ({"name": ""}, "هذا الحقل مطلوب"),
    "missing email": ({"email": ""}, "هذا الحقل مطلوب"),
    "missing title": ({"title": ""}, "هذا الحقل مطلوب"),
    "missing body": ({"body": ""}, "هذا الحقل مطلوب"),
    "terms not agreed": ({"agree": ""}, "يجب الموافقة على الشروط"),
    "name empty after stripping": ({"name": "\u200b\u200c\u200d\ufeff  "}, "الاسم فارغ بعد حذف"),
    "title empty after stripping": ({"title": "\u200f\u200e \u061c"}, "العنوان فارغ بعد حذف"),
    "body empty after stripping": ({"body": " \u200b\n\u200f\n\ufeff "}, "التعليق فارغ بعد حذف"),
    "script in body": ({"body": "<script>alert('x')</script>"}, "لا تُقبل فيها وسوم HTML"),
    "html in name": ({"name": "<b>سلمى</b>"}, "لا تُقبل فيها وسوم HTML"),
    "event handler in title": ({"title": '<img src=x onerror="alert(1)">'}, "لا تُقبل فيها وسوم HTML"),
    "entity smuggling": ({"body": "&#60;script&#62;"}, "لا تُقبل فيها وسوم HTML"),
    "bidi override in name": ({"name": "سلمى\u202eأخبار"}, "تغيّر اتجاه الكتابة"),
    "bidi isolate in title": ({"title": "\u2067عنوان\u2069"}, "تغيّر اتجاه الكتابة"),
    "bidi override in body": ({"body": "انظر\u202dهذا"}, "تغيّر اتجاه الكتابة"),
    "NUL byte in body": ({"body": "تعليق\x00مخفي"}, "محارف تحكم"),
    "NUL byte in name": ({"name": "سل\x00مى"}, "محارف تحكم"),
    "escape sequence in title": ({"title": "عنوان\x1b[31m"}, "محارف تحكم"),
    "invalid email": ({"email": "not-an-email"}, "أدخل عنوان بريد إلكتروني صحيحًا"),
    "email with a space": ({"email": "a b@example.org"}, "أدخل عنوان بريد إلكتروني صحيحًا"),
    "email with a NUL": ({"email": "a\x00@example.org"}, "أدخل عنوان بريد إلكتروني صحيحًا"),
    "too many links": ({"body": "http://a.example http://b.example http://c.example"}, "روابط كثيرة"),
    "link in name": ({"name": "www.spam.example"}, "لا تُقبل الروابط في الاسم"),
    "missing security answer": ({"token": "", "pow_number": "", "answer": ""}, "انتهت صلاحية التحقق الأمني"),
    "no answer to the question": (
        {"check": "question", "pow_number": "", "answer": ""},
        "أجب عن سؤال التحقق الأمني",
    ),
    "wrong answer to the question": (
        {"check": "question", "pow_number": "", "answer": "999"},
        "الإجابة عن سؤال التحقق غير صحيحة",
    ),
    "scripted post without proof of work": (
        {"pow_number": "", "answer": ""},
        "لم يكتمل التحقق الأمني في متصفحك",
    ),
    "scripted post answering the question": (
        {"pow_number": "", "answer": "12"},
        "لم يكتمل التحقق الأمني في متصفحك",
    ),
    "wrong proof of work": ({"pow_number": "999999"}, "لم ينجح التحقق الأمني التلقائي"),
    "superscript digit as the number": ({"pow_number": "²"}, "لم ينجح التحقق الأمني التلقائي"),
    "superscript digit as the answer": (
        {"check": "question", "pow_number": "", "answer": "¹²"},
        "الإجابة عن سؤال التحقق غير صحيحة",
    ),
    "forged token": ({"token": "abc:def", "pow_number": "1"}, "انتهت صلاحية التحقق الأمني"),
    "honeypot filled": ({"website": "http://bot.example"}, "تعذّر قبول التعليق"),
}


@pytest.fixture
def article():
    return make_commentable_article(comment_max_length=LIMIT)


def assert_refused(response, status: int, message: str) -> None:
    assert response.status_code == status, (status, response.status_code)
    html = response.content.decode()
    assert message in html, message
    assert not Comment.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("case", list(CORPUS), ids=list(CORPUS))
def test_bad_input_is_refused_with_an_arabic_message_and_nothing_stored(article, case):
    overrides, message = CORPUS[case]
    response = Client(HTTP_HOST=HOST).post(f"/comments/post/{article.pk}/", comment_data(**overrides))
    assert_refused(response, 400, message)


def test_field_errors_sit_beside_their_fields_and_the_readers_text_is_kept(article):
    data = comment_data(email="not-an-email", body="نص طويل كتبه القارئ بعناية ولا يريد أن يضيع")
    html = Client(HTTP_HOST=HOST).post(f"/comments/post/{article.pk}/", data).content.decode()
    assert 'id="email-error"' in html and 'aria-invalid="true"' in html
    assert "نص طويل كتبه القارئ بعناية ولا يريد أن يضيع</textarea>" in html
    assert 'value="not-an-email"' in html
    assert data["token"] not in html  # a fresh security check replaces the used one


def test_missing_csrf_token_is_refused_in_arabic(article):
    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    response = client.post(f"/comments/post/{article.pk}/", comment_data())
    assert_refused(response, 403, "أعد تحميل الصفحة")


def test_with_the_csrf_token_from_the_form_endpoint_the_same_post_is_accepted(article):
    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    token = client.get(f"/comments/form/{article.pk}/").json()["csrf_token"]
    assert client.cookies["csrftoken"].value
    response = client.post(f"/comments/post/{article.pk}/", {**comment_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303 and Comment.objects.count() == 1


def test_a_refused_csrf_check_links_to_the_comment_page(article):
    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    html = client.post(f"/comments/post/{article.pk}/", comment_data()).content.decode()
    assert f'href="/comments/{article.pk}/#comment-form"' in html


def test_a_replayed_security_answer_is_refused(article):
    client = Client(HTTP_HOST=HOST)
    check = solved_challenge()
    assert client.post(f"/comments/post/{article.pk}/", comment_data(**check)).status_code == 303
    response = client.post(f"/comments/post/{article.pk}/", comment_data(**check, body="نص آخر مختلف تمامًا"))
    assert response.status_code == 400 and "سبق استخدام هذا التحقق" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_replayed_question_answer_is_refused(article):
    check = answered_question()
    client = Client(HTTP_HOST=HOST)
    assert client.post(f"/comments/post/{article.pk}/", comment_data(**check)).status_code == 303
    again = comment_data(**check, body="نص آخر مختلف تمامًا")
    response = client.post(f"/comments/post/{article.pk}/", again)
    assert response.status_code == 400 and "سبق استخدام هذا التحقق" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_duplicate_post_is_refused(article):
    client = Client(HTTP_HOST=HOST)
    data = comment_data(body="أتفق مع ما جاء في الخبر تمامًا")
    assert client.post(f"/comments/post/{article.pk}/", data).status_code == 303
    again = {**data, **solved_challenge(), "body": "اتفق مع ما جاء في الخبر  تماما"}
    response = client.post(f"/comments/post/{article.pk}/", again)
    assert response.status_code == 409 and "وصلنا هذا التعليق من قبل" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_flood_from_one_address_is_rate_limited(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (3, 600), "email": (100, 600)}
    client = Client(HTTP_HOST=HOST, REMOTE_ADDR="198.51.100.7")
    statuses = [client.post(f"/comments/post/{article.pk}/", comment_data()).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    response = client.post(f"/comments/post/{article.pk}/", comment_data())
    assert "أرسلت تعليقات كثيرة في وقت قصير" in response.content.decode()
    assert Comment.objects.count() == 3
    other = Client(HTTP_HOST=HOST, REMOTE_ADDR="198.51.100.8")
    assert other.post(f"/comments/post/{article.pk}/", comment_data()).status_code == 303


def test_a_flood_from_one_email_is_rate_limited_across_addresses(article, settings):
    settings.COMMENTS_RATE_LIMITS = {"ip": (100, 600), "email": (2, 600)}
    statuses = [
        Client(HTTP_HOST=HOST, REMOTE_ADDR=f"198.51.100.{n}")
        .post(f"/comments/post/{article.pk}/", comment_data(email="Flood@Example.org"))
        .status_code
        for n in range(4)
    ]
    assert statuses == [303, 303, 429, 429]
    assert Comment.objects.count() == 2


def test_banned_email_and_banned_address_are_refused(article):
    Ban.objects.create(kind=Ban.EMAIL, value="Banned@Example.org")
    response = Client(HTTP_HOST=HOST).post(
        f"/comments/post/{article.pk}/", comment_data(email="banned@example.org")
    )
    assert_refused(response, 403, "لا يمكن قبول تعليقات")
    Ban.objects.create(kind=Ban.IP, value=security.ip_hash("192.0.2.44"))
    response = Client(HTTP_HOST=HOST, REMOTE_ADDR="192.0.2.44").post(
        f"/comments/post/{article.pk}/", comment_data()
    )
    assert_refused(response, 403, "لا يمكن قبول تعليقات")


def test_get_on_the_post_url_is_not_allowed(article):
    assert Client(HTTP_HOST=HOST).get(f"/comments/post/{article.pk}/").status_code == 405


def test_posting_to_a_missing_article_is_not_found(article):
    response = Client(HTTP_HOST=HOST).post("/comments/post/999999/", comment_data())
    assert response.status_code == 404 and not Comment.objects.exists()
