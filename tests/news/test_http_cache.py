"""Reader pages are cacheable by a shared cache; editors and per-reader views stay private and fresh."""

import pytest
from django.test import Client

from tests.comments.factories import make_comment
from tests.factories import make_article, make_network, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


@pytest.fixture
def article():
    make_network()
    site = make_site(HOST, default=True)
    story = make_article(make_section(site, "اقتصاد"), "خبر للتخزين المشترك")
    make_comment(story, title="تعليق منشور تحت الخبر")
    return story


def directives(response) -> dict[str, str]:
    parts = [p.strip() for p in response["Cache-Control"].split(",")]
    return dict((p.split("=", 1) + [""])[:2] for p in parts)


@pytest.mark.parametrize("which", ["home", "section", "article", "search", "terms", "search_api"])
def test_anonymous_pages_are_public_without_cookies_or_vary_cookie(article, which, settings):
    settings.HTTP_CACHE_SECONDS = 120
    settings.HTTP_CACHE_SEARCH_SECONDS = 15
    section = article.get_parent()
    path = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "search": "/search/?q=خبر",
        "terms": "/comments/terms/",
        "search_api": "/api/search?q=خبر",
    }[which]
    response = Client(HTTP_HOST=HOST).get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    cc = directives(response)
    assert "public" in cc and "stale-while-revalidate" in cc and "stale-if-error" in cc
    assert cc["s-maxage"] == ("15" if which.startswith("search") else "120")
    assert response.has_header("ETag")


def test_a_conditional_get_answers_304(article):
    client = Client(HTTP_HOST=HOST)
    first = client.get(article.url)
    again = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_the_article_is_the_same_for_every_anonymous_reader(article):
    first = Client(HTTP_HOST=HOST).get(article.url)
    second = Client(HTTP_HOST=HOST, REMOTE_ADDR="203.0.113.9").get(article.url)
    html = first.content.decode()
    assert first.content == second.content
    assert 'csrfmiddlewaretoken" value=""' in html and 'name="token" value=""' in html
    assert "تعليق منشور تحت الخبر" in html  # the comment list stays in the cached page
    assert f'href="/comments/{article.pk}/#comment-form"' in html  # the way in without JavaScript


def test_a_missing_page_is_cached_briefly_and_a_server_error_never(article, settings):
    settings.HTTP_CACHE_ERROR_SECONDS = 7
    missing = Client(HTTP_HOST=HOST).get("/no-such-page/")
    assert missing.status_code == 404 and directives(missing)["s-maxage"] == "7"


def test_bad_requests_are_not_shared(article):
    response = Client(HTTP_HOST=HOST).get("/api/search?q=خبر&page=abc")
    assert response.status_code == 400
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_signed_in_editors_get_private_fresh_pages(article, django_user_model):
    editor = django_user_model.objects.create_superuser("chief", "chief@example.invalid", "pw-12345678")
    client = Client(HTTP_HOST=HOST)
    client.force_login(editor)
    response = client.get(article.url)
    cc = directives(response)
    assert "private" in cc and "no-store" in cc and "public" not in cc
    assert response.get("X-Page-Cache") is None


def test_the_comment_form_endpoint_is_private_and_sets_the_csrf_cookie(article):
    response = Client(HTTP_HOST=HOST).get(f"/comments/form/{article.pk}/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.cookies["csrftoken"].value
    data = response.json()
    assert data["csrf_token"] and data["challenge"]["token"] and data["challenge"]["question"]


def test_the_comment_page_is_private_with_the_whole_form(article):
    response = Client(HTTP_HOST=HOST).get(f"/comments/{article.pk}/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken" value="' in html and "كم يساوي" in html


def test_a_view_with_its_own_cache_control_is_left_alone_but_loses_cookies(article, rf):
    from django.http import HttpResponse
    from django.views.decorators.cache import cache_control

    from akhbar.news.http_cache import HttpCacheMiddleware

    @cache_control(public=True, max_age=900)
    def feed(request):
        response = HttpResponse("<rss/>", content_type="application/rss+xml")
        response.set_cookie("tracking", "1")
        response["Vary"] = "Cookie, Accept-Encoding"
        return response

    response = HttpCacheMiddleware(feed)(rf.get("/feed/"))
    assert response["Cache-Control"] == "public, max-age=900"
    assert not response.cookies and response["Vary"] == "Accept-Encoding"
    assert response.has_header("ETag")
