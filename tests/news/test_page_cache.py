"""The page cache: stateless reader pages are served from it; publishing makes their copies stale."""

import pytest
from django.test import Client

from tests.factories import make_article, make_network, make_section, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    make_network()
    site = make_site("casablanca.localhost", default=True)
    section = make_section(site, "رياضة")
    make_article(section, "الخبر الأول")
    return section


def get(path: str, client: Client | None = None):
    return (client or Client()).get(path, HTTP_HOST="casablanca.localhost")


def test_section_page_is_served_from_cache_until_a_story_is_published(section):
    assert get(section.url)["X-Page-Cache"] == "miss"
    assert get(section.url)["X-Page-Cache"] == "hit"

    draft = make_article(section, "خبر عاجل جديد")
    draft.save_revision().publish()

    fresh = get(section.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "خبر عاجل جديد" in fresh.content.decode()
    home = get("/")
    assert "خبر عاجل جديد" in home.content.decode()


def test_query_strings_are_cached_apart(section):
    for i in range(21):
        make_article(section, f"خبر إضافي {i}")
    first, second = get(section.url), get(section.url + "?page=2")
    assert first.content != second.content
    assert get(section.url + "?page=2").content == second.content


def test_article_pages_with_a_comment_form_are_never_stored(section):
    article = section.get_children().first().specific
    get(article.url)
    assert get(article.url).get("X-Page-Cache") != "hit"


def test_signed_in_editors_never_get_cached_copies(section, django_user_model):
    get(section.url)
    editor = django_user_model.objects.create_superuser("chief", "chief@example.invalid", "pw-12345678")
    client = Client()
    client.force_login(editor)
    assert get(section.url, client).get("X-Page-Cache") is None


def test_cached_copies_keep_the_security_headers(section):
    get(section.url)
    hit = get(section.url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Content-Type"].startswith("text/html")


def test_readers_with_a_session_cookie_are_not_answered_from_the_cache(section):
    get(section.url)
    client = Client()
    client.cookies["sessionid"] = "someone"
    assert client.get(section.url, HTTP_HOST="casablanca.localhost").get("X-Page-Cache") != "hit"
