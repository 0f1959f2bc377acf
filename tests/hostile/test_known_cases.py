"""Each hostile request found against the demo network (issue 13) gets a 4xx with a clear message."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from akhbar.network.params import MAX_ID, BadParameter, clean_text, parse_date, parse_id, parse_int
from tests.comments.factories import comment_data, make_commentable_article
from tests.factories import make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
HUGE = "9" * 30


@pytest.fixture
def site():
    site = make_site(HOST, default=True)
    make_section(site, "رياضة", slug="sport")
    return site


def get(path: str, params: dict | None = None, method: str = "GET"):
    client = Client()
    return (
        client.generic(method, path, HTTP_HOST=HOST)
        if params is None
        else client.get(path, params, HTTP_HOST=HOST)
    )


def error_of(response) -> str:
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)["error"]


def test_nul_in_the_suggest_query_is_not_a_server_error(site):
    response = get("/api/search/suggest", {"q": "الوداد\x00"})
    assert response.status_code == 200
    assert "results" in json.loads(response.content)


def test_nul_in_the_search_query_is_not_a_server_error(site):
    assert get("/api/search", {"q": "\x00"}).status_code in {200, 400}
    assert get("/search/", {"q": "رياضة\x00\x1b"}).status_code == 200


@pytest.mark.parametrize("path", ["/search/", "/api/search", "/api/search/suggest"])
@pytest.mark.parametrize("param", ["section", "author", "site"])
def test_a_30_digit_id_is_not_found_rather_than_a_server_error(site, path, param):
    response = get(path, {"q": "الدوري", param: HUGE})
    assert response.status_code == 400
    assert HUGE in (error_of(response) if path.startswith("/api/") else response.content.decode())


@pytest.mark.parametrize("path", ["/search/", "/api/search", "/api/search/suggest"])
@pytest.mark.parametrize("field", ["from", "to"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-13-01", "٢٠٢٦-٠١-٠١"])
def test_a_far_or_malformed_date_is_a_400_with_an_arabic_message(site, path, field, day):
    response = get(path, {"q": "الدوري", field: day})
    assert response.status_code == 400
    message = error_of(response) if path.startswith("/api/") else response.content.decode()
    assert "تاريخ" in message


@pytest.mark.parametrize("page", [HUGE, "-1", "0", "1.5", "١", "\x00"])
def test_a_bad_page_number_is_a_400_in_json_on_the_api(site, page):
    response = get("/api/search", {"q": "الدوري", "page": page})
    assert response.status_code == 400
    assert "رقم الصفحة" in error_of(response)


@pytest.mark.parametrize(
    "path", ["/api/search", "/api/search/suggest", "/live/masthead/", "/comments/challenge/"]
)
def test_a_refused_method_on_an_api_is_answered_in_json(site, path):
    response = get(path, method="POST")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert "لا يقبل" in error_of(response)


def test_an_unknown_api_address_is_a_json_404(site):
    response = get("/api/v2/nowhere/")
    assert response.status_code == 404
    assert error_of(response)
    assert get("/live/coverage/" + HUGE + "/").status_code == 404


@pytest.mark.parametrize("path", ["/search/", "/api/search?q=x", "/api/search/suggest?q=x"])
def test_head_works_where_get_does(site, path):
    response = get(path, method="HEAD")
    assert response.status_code == 200
    assert response.content == b""


def test_a_23_digit_article_id_on_the_comment_endpoints_is_a_404():
    article = make_commentable_article()
    client = Client()
    huge = "1" * 23
    assert client.post(f"/comments/post/{huge}/", comment_data(), HTTP_HOST=HOST).status_code == 404
    assert client.get(f"/comments/{huge}/", HTTP_HOST=HOST).status_code == 404
    assert client.get(f"/comments/form/{huge}/", HTTP_HOST=HOST).status_code == 404
    assert client.post(f"/comments/report/{huge}/", HTTP_HOST=HOST).status_code == 404
    assert client.post(f"/comments/post/{2**31}/", comment_data(), HTTP_HOST=HOST).status_code == 404
    assert client.get(f"/comments/{article.pk}/", HTTP_HOST=HOST).status_code == 200


def test_a_huge_reply_parent_id_is_refused_with_a_message():
    article = make_commentable_article()
    response = Client().post(f"/comments/post/{article.pk}/", comment_data(parent=HUGE), HTTP_HOST=HOST)
    assert 400 <= response.status_code < 500


def test_parse_id_accepts_only_ids_every_database_can_hold():
    assert parse_id("42") == 42
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in [str(MAX_ID + 1), HUGE, "0", "-3", "٣", "３", "", None, "1e3", " "]:
        assert parse_id(bad) is None, bad


def test_parse_int_and_parse_date_raise_the_given_message():
    assert parse_int(" 7 ", "m", maximum=10) == 7
    for bad in ["11", "0", HUGE, "x", "٧"]:
        with pytest.raises(BadParameter, match="^m$"):
            parse_int(bad, "m", maximum=10)
    assert parse_date("2026-12-01", "d").isoformat() == "2026-12-01"
    for bad in ["9999-12-31", "1-01-01", "2026-02-30", "\x00"]:
        with pytest.raises(BadParameter, match="^d$"):
            parse_date(bad, "d")


def test_clean_text_replaces_control_characters():
    assert clean_text(" رياضة\x00\x1bنت\t ") == "رياضة  نت"


def test_a_server_error_under_an_api_is_json_and_elsewhere_the_arabic_page(rf):
    from akhbar.network.views import server_error

    api = server_error(rf.get("/api/search"))
    assert api.status_code == 500 and "حاول مجددًا" in error_of(api)
    page = server_error(rf.get("/search/"))
    assert page.status_code == 500 and 'dir="rtl"' in page.content.decode()
