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


def test_article_pages_are_stored_and_purged_when_edited(section):
    article = section.get_children().first().specific
    assert get(article.url)["X-Page-Cache"] == "miss"
    assert get(article.url)["X-Page-Cache"] == "hit"
    article.title = "عنوان معدّل بعد النشر"
    article.save_revision().publish()
    fresh = get(article.url)
    assert fresh["X-Page-Cache"] == "miss" and "عنوان معدّل بعد النشر" in fresh.content.decode()


def test_an_approved_comment_purges_the_stored_article(section):
    from tests.comments.factories import make_comment

    article = section.get_children().first().specific
    get(article.url)
    comment = make_comment(article, status="held", title="تعليق وافق عليه المشرف")
    from akhbar.comments import services

    services.moderate([comment], "approve", None)
    fresh = get(article.url)
    assert fresh["X-Page-Cache"] == "miss" and "تعليق وافق عليه المشرف" in fresh.content.decode()


def test_every_query_string_of_a_purged_path_is_stale(section):
    for i in range(21):
        make_article(section, f"خبر قديم {i}")
    get(section.url + "?page=2")
    assert get(section.url + "?page=2")["X-Page-Cache"] == "hit"
    make_article(section, "خبر يدفع الصفحة الثانية").save_revision().publish()
    assert get(section.url + "?page=2")["X-Page-Cache"] == "miss"


def test_unpublishing_purges_the_article_and_its_section(section):
    article = section.get_children().first().specific
    get(article.url), get(section.url)
    article.unpublish()
    assert get(article.url).status_code == 404
    assert "الخبر الأول" not in get(section.url).content.decode()


def test_a_hit_is_one_cache_round_trip(section, monkeypatch):
    from django.core.cache import caches

    get(section.url)
    backend = caches["default"]
    calls, depth = [], [0]

    def counted(name, original):
        def wrapper(*args, **kwargs):
            if not depth[0]:  # locmem's get_many calls get: count the outermost call only
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return wrapper

    for name in ("get", "get_many", "set", "add", "incr", "has_key"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    assert get(section.url)["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


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


@pytest.fixture
def local_copies(settings):
    from akhbar.news import cache as page_cache

    settings.PAGE_CACHE_LOCAL_SECONDS = 30
    page_cache._local.clear()
    yield page_cache
    page_cache._local.clear()


def test_a_repeated_hit_is_answered_from_the_process_without_a_round_trip(section, local_copies, monkeypatch):
    from django.core.cache import caches

    get(section.url)
    assert get(section.url)["X-Page-Cache"] == "hit"  # fetched once from the shared cache
    monkeypatch.setattr(caches["default"], "get_many", lambda *a, **k: pytest.fail("a round trip"))
    assert get(section.url)["X-Page-Cache"] == "hit"


def test_a_purge_in_this_process_drops_the_local_copies_at_once(section, local_copies):
    get(section.url), get(section.url)
    make_article(section, "خبر ينشر أثناء النسخ المحلية").save_revision().publish()
    fresh = get(section.url)
    assert fresh["X-Page-Cache"] == "miss" and "خبر ينشر أثناء النسخ المحلية" in fresh.content.decode()


def test_an_unreachable_page_cache_degrades_to_rendering_and_publishing_still_works(section, monkeypatch):
    """(The "default" alias degrading as a whole is the cache backend's business; here only the page
    cache's own calls fail.)"""
    from akhbar.news import cache as page_cache

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(page_cache, "page_cache", Down)
    assert get(section.url).status_code == 200
    make_article(section, "خبر ينشر والذاكرة معطلة").save_revision().publish()
    assert "خبر ينشر والذاكرة معطلة" in get(section.url).content.decode()
