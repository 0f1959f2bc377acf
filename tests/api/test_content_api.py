"""The content API as an app or a partner uses it: /api/v2/ scoped to one site, only live public
content, cacheable, rate limited, and a clear 4xx (never a 500) for malformed requests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import PageViewRestriction

from akhbar.api.errors import is_arabic
from akhbar.network.models import SiteProfile
from tests.factories import make_article, make_author, make_image, make_network, make_section, make_site

pytestmark = pytest.mark.django_db
CASABLANCA, BEIRUT = "casablanca.localhost", "beirut.localhost"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches["state"].clear()
    yield
    caches["state"].clear()


def api(path: str, host: str = CASABLANCA, **params):
    return Client(raise_request_exception=False).get(path, params, HTTP_HOST=host)


@pytest.fixture
def sites():
    make_network()
    casablanca = make_site(CASABLANCA, default=True, name_ar="أنباء الدار البيضاء")
    beirut = make_site(BEIRUT, name_ar="بيروت اليوم")
    return casablanca, beirut


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_article_detail_has_what_an_app_needs(sites):
    casablanca, _ = sites
    section = make_section(casablanca, "رياضة", slug="sport")
    article = make_article(section, "الوداد يفوز", image=True, summary="")
    article.authors.add(make_author("سلمى بنعلي", slug="salma"))
    article.tags.add("الوداد")
    article.save()

    response = api(f"/api/v2/pages/{article.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "الوداد يفوز" and data["meta"]["type"] == "news.ArticlePage"
    assert data["meta"]["html_url"] == f"http://{CASABLANCA}/sport/{article.slug}/"
    assert data["summary"] == "" and data["lede"] == "الفقرة الأولى من الخبر."
    assert (
        data["section"]["title"] == "رياضة" and data["section"]["html_url"] == f"http://{CASABLANCA}/sport/"
    )
    assert data["authors"] == [
        {"name": "سلمى بنعلي", "slug": "salma", "role": "", "url": f"http://{CASABLANCA}/author/salma/"}
    ]
    assert data["tags"] == ["الوداد"]
    assert data["first_published"].startswith("2017-12-26") and data["last_updated"]
    assert [block["type"] for block in data["body"]] == ["paragraph", "quote"]
    assert "<blockquote>" in data["body_html"] and "سنواصل العمل" in data["body_html"]
    renditions = data["lead_image"]["renditions"]
    assert {"thumbnail", "small", "medium", "large", "square", "full"} <= set(renditions)
    for size in renditions.values():
        assert size["url"].startswith(f"http://{CASABLANCA}/media/images/") and size["width"] > 0
    assert Client().get(renditions["large"]["url"].split(CASABLANCA)[1]).status_code == 200


def test_listing_articles_of_a_site_newest_first(sites):
    casablanca, _ = sites
    section = make_section(casablanca)
    older = make_article(section, "قديم", published=datetime(2020, 1, 1, tzinfo=UTC))
    newer = make_article(section, "جديد", published=datetime(2021, 1, 1, tzinfo=UTC))
    response = api("/api/v2/pages/", type="news.ArticlePage", order="-first_published")
    items = response.json()["items"]
    assert [item["id"] for item in items] == [newer.pk, older.pk]
    assert items[0]["lede"] and items[0]["first_published"]


def test_each_site_sees_only_its_own_pages(sites):
    casablanca, beirut = sites
    ours = make_article(make_section(casablanca))
    theirs = make_article(make_section(beirut))
    assert ours.pk in ids(api("/api/v2/pages/")) and theirs.pk not in ids(api("/api/v2/pages/"))
    assert theirs.pk in ids(api("/api/v2/pages/", host=BEIRUT))
    assert api(f"/api/v2/pages/{theirs.pk}/").status_code == 404
    assert api(f"/api/v2/pages/{theirs.pk}/", host=BEIRUT).status_code == 200


def test_site_parameter_selects_a_site_by_host_name_or_id(sites):
    casablanca, beirut = sites
    theirs = make_article(make_section(beirut))
    assert theirs.pk in ids(api("/api/v2/pages/", site=BEIRUT))
    assert theirs.pk in ids(api("/api/v2/pages/", site=str(beirut.pk)))
    assert api(f"/api/v2/pages/{theirs.pk}/", site=str(casablanca.pk)).status_code == 404
    response = api("/api/v2/pages/", site="nowhere.example")
    assert response.status_code == 400 and "nowhere.example" in response.json()["message"]


def test_drafts_and_unpublished_pages_are_not_reachable(sites):
    casablanca, _ = sites
    section = make_section(casablanca)
    live = make_article(section, "العنوان المنشور")
    draft = make_article(section, live=False)
    unpublished = make_article(section)
    unpublished.unpublish()
    live.title = "عنوان لم يُنشر بعد"
    live.save_revision()

    listed = ids(api("/api/v2/pages/"))
    assert live.pk in listed and draft.pk not in listed and unpublished.pk not in listed
    assert api(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert api(f"/api/v2/pages/{unpublished.pk}/").status_code == 404
    assert api(f"/api/v2/pages/{live.pk}/").json()["title"] == "العنوان المنشور"


def test_private_pages_and_their_children_are_not_reachable(sites):
    casablanca, _ = sites
    private_section = make_section(casablanca, "خاص")
    hidden = make_article(private_section)
    PageViewRestriction.objects.create(page=private_section, restriction_type="password", password="x")
    members_only = make_article(make_section(casablanca))
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")

    listed = ids(api("/api/v2/pages/"))
    assert not {private_section.pk, hidden.pk, members_only.pk} & listed
    for page in (private_section, hidden, members_only):
        assert api(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_images_are_those_live_pages_of_the_site_show(sites):
    casablanca, beirut = sites
    shown = make_article(make_section(casablanca), image=True).lead_image
    draft_image = make_article(make_section(casablanca), image=True, live=False).lead_image
    other_site = make_article(make_section(beirut), image=True).lead_image
    unused = make_image()
    logo = make_image()
    SiteProfile.objects.filter(site=casablanca).update(logo=logo)

    listed = ids(api("/api/v2/images/"))
    assert listed == {shown.pk, logo.pk}
    assert api(f"/api/v2/images/{shown.pk}/").json()["renditions"]["thumbnail"]["url"].startswith("http://")
    for image in (draft_image, other_site, unused):
        assert api(f"/api/v2/images/{image.pk}/").status_code == 404
    assert other_site.pk in ids(api("/api/v2/images/", host=BEIRUT))


def test_answers_are_cacheable_by_shared_caches(sites):
    make_article(make_section(sites[0]))
    response = api("/api/v2/pages/")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "s-maxage=60"} <= cache_control
    assert "Set-Cookie" not in response.headers
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "params",
    [
        {"fields": "nope"},
        {"unknown_param": "1"},
        {"limit": "abc"},
        {"limit": "-1"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"offset": "99999999999999999999999"},
        {"order": "bogus"},
        {"order": "-"},
        {"type": "nope.Nope"},
        {"type": "nope"},
        {"type": "news.Author"},
        {"id": "abc"},
        {"id": "99999999999999999999999"},
        {"child_of": "99999999999999999999999"},
        {"descendant_of": "-5"},
        {"ancestor_of": "abc"},
        {"fields": "title(("},
        {"search": "الوداد", "search_operator": "xor"},
        {"site": "bad\x00host"},
        {"title": "a\x00b"},
        {"site": "casablanca.localhost:notaport"},
        {"site": "99999999999999999999999"},
    ],
)
def test_malformed_requests_get_a_clear_400(sites, params):
    make_article(make_section(sites[0]))
    response = api("/api/v2/pages/", **params)
    assert response.status_code == 400, (params, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json" and is_arabic(response.json()["message"])


@pytest.mark.parametrize(
    "path",
    ["/api/v2/pages/99999999999999999999999/", "/api/v2/images/99999999999999999999999/", "/api/v2/pages/0/"],
)
def test_unknown_or_huge_ids_are_404(sites, path):
    response = api(path)
    assert response.status_code == 404 and is_arabic(response.json()["message"])


@pytest.mark.parametrize("endpoint", ["pages", "images"])
@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "1.5"])
def test_find_with_a_malformed_id_gets_a_400(sites, endpoint, value):
    response = api(f"/api/v2/{endpoint}/find/", id=value)
    assert response.status_code == 400 and response.json()["message"]


def test_find_by_html_path_redirects_to_the_page_of_this_site_only(sites):
    casablanca, beirut = sites
    ours = make_section(casablanca, slug="sport")
    make_section(beirut, slug="culture")
    response = api("/api/v2/pages/find/", html_path="/sport/")
    assert response.status_code == 302 and response["Location"].endswith(f"/api/v2/pages/{ours.pk}/?")
    assert api("/api/v2/pages/find/", html_path="/culture/").status_code == 404


def test_malformed_image_filters_get_a_400(sites):
    for params in ({"order": "bogus"}, {"limit": "x"}, {"nope": "1"}, {"id": "99999999999999999999999"}):
        response = api("/api/v2/images/", **params)
        assert response.status_code == 400 and is_arabic(response.json()["message"]), params


def test_writes_are_refused(sites):
    response = Client().post("/api/v2/pages/", {"title": "x"}, HTTP_HOST=CASABLANCA)
    assert response.status_code == 405


def test_clients_over_the_rate_limit_get_429_with_an_arabic_message(sites, settings):
    settings.CONTENT_API_RATE_LIMIT = 3
    settings.CONTENT_API_RATE_WINDOW = 60
    for _ in range(3):
        assert api("/api/v2/pages/").status_code == 200
    response = api("/api/v2/pages/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "أعد المحاولة" in response.json()["message"] and response["Cache-Control"] == "no-store"
    other_client = Client().get("/api/v2/pages/", HTTP_HOST=CASABLANCA, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200


def test_api_still_answers_when_the_state_cache_fails(sites, settings, monkeypatch):
    settings.CONTENT_API_RATE_LIMIT = 1

    def broken(*args, **kwargs):
        raise ConnectionError("state cache down")

    monkeypatch.setattr(caches["state"], "add", broken)
    assert api("/api/v2/pages/").status_code == 200
    assert api("/api/v2/pages/").status_code == 200


def test_ids_beyond_32_bits_are_not_errors(sites):
    assert api("/api/v2/pages/3000000000/").status_code == 404
    assert api("/api/v2/images/3000000000/").status_code == 404
    assert api("/api/v2/pages/", id="3000000000").json()["items"] == []
    assert api("/api/v2/pages/", child_of="3000000000").status_code == 400
