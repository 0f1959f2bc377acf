"""The content API explains every refusal in Arabic, keeping Wagtail's English sentence as the detail."""

from __future__ import annotations

import pytest
from django.test import Client

from akhbar.api.errors import arabic_message, is_arabic, localize_error_payload
from tests.factories import make_article, make_network, make_section, make_site

HOST = "casablanca.localhost"


@pytest.fixture
def site(db):
    make_network()
    site = make_site(HOST, default=True, name_ar="أنباء الدار البيضاء")
    make_article(make_section(site, slug="sport"))
    return site


@pytest.mark.parametrize(
    ("params", "arabic", "english"),
    [
        ({"colour": "red"}, "معامل غير معروف في الطلب: colour", "recognised field: colour"),
        ({"limit": "many"}, "المعامل limit يجب أن يكون عددًا صحيحًا موجبًا.", "limit must be"),
        ({"limit": "100000"}, "المعامل limit لا يتجاوز", "limit cannot be higher"),
        ({"offset": "-3"}, "المعامل offset", "offset must be"),
        ({"order": "nothing"}, "لا يمكن الترتيب حسب nothing", "cannot order by"),
        ({"fields": "nothing"}, "حقول غير معروفة: nothing", "unknown fields"),
        ({"type": "news.Nothing"}, "نوع الصفحة المطلوب غير موجود.", "type doesn't exist"),
        ({"child_of": "x"}, "المعامل child_of", "child_of must be"),
        ({"order": "random", "offset": "5"}, "الترتيب العشوائي", "random ordering"),
    ],
)
def test_wagtail_refusals_come_back_in_arabic(site, params, arabic, english):
    response = Client().get("/api/v2/pages/", params, HTTP_HOST=HOST)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    body = response.json()
    assert arabic in body["message"] and english in body["detail"]


def test_a_missing_page_and_a_refused_method_answer_in_arabic(site):
    missing = Client().get("/api/v2/pages/987654/", HTTP_HOST=HOST)
    assert missing.status_code == 404 and missing.json()["message"] == "غير موجود."
    refused = Client().delete("/api/v2/pages/", HTTP_HOST=HOST)
    assert refused.status_code == 405 and "للقراءة فقط" in refused.json()["message"]


def test_a_sentence_we_do_not_know_still_gets_arabic():
    assert is_arabic(arabic_message("some future wagtail error", status=400))
    assert arabic_message("some future wagtail error", status=404) == "غير موجود."


def test_arabic_messages_and_other_payloads_pass_unchanged():
    ours = {"message": "لا يوجد موقع بهذا الاسم"}
    assert localize_error_payload(ours, status=400) is ours
    listing = {"items": []}
    assert localize_error_payload(listing, status=400) is listing


def test_a_long_value_is_clipped_in_the_message():
    message = arabic_message("unknown fields: " + "x" * 500, status=400)
    assert len(message) < 120 and message.endswith("…")


@pytest.mark.parametrize(
    "params",
    [{"id": "²"}, {"site": "²"}, {"site": "casablanca.localhost:²"}, {"child_of": "²"}, {"limit": "①"}],
)
def test_digits_that_int_refuses_are_a_400_not_a_500(site, params):
    response = Client(raise_request_exception=False).get("/api/v2/pages/", params, HTTP_HOST=HOST)
    assert response.status_code == 400 and is_arabic(response.json()["message"])


def test_find_with_a_superscript_id_is_a_400(site):
    response = Client(raise_request_exception=False).get("/api/v2/pages/find/", {"id": "²"}, HTTP_HOST=HOST)
    assert response.status_code == 400
