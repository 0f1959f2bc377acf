"""An uncached article page costs a fixed, small number of SQL queries, whatever the archive's size."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from akhbar.news.models import ArticleRelatedPick, ArticleSource
from akhbar.search.models import RelatedStories
from tests.comments.factories import make_comment
from tests.factories import make_article, make_author, make_network, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
MAX_QUERIES = 15


@pytest.fixture
def article(settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_network()
    site = make_site(HOST, default=True)
    make_article(make_section(make_site("beirut.localhost")), image=True)
    sport, economy = make_section(site, "رياضة"), make_section(site, "اقتصاد")
    others = [make_article(economy, f"خبر اقتصادي {n}", image=True) for n in range(4)]
    article = make_article(sport, "الخبر الذي نقيس كلفته", image=True)
    article.authors.add(make_author("سلمى بنعلي"), make_author("كريم الحداد"))
    article.tags.add("الصحة", "المستشفيات")
    article.save_revision().publish()
    ArticleSource.objects.create(page=article, name="وكالة الأنباء", sort_order=0)
    ArticleRelatedPick.objects.create(page_ref=article, page=others[0], sort_order=0)
    RelatedStories.objects.update_or_create(page=article, defaults={"page_ids": [others[1].pk, others[2].pk]})
    make_comment(article, body="تعليق منشور تحت الخبر")
    return article


def warm_queries(article, tag: str) -> tuple[int, str]:
    """Queries of an uncached GET once the small data caches (menu, clock, strip…) are filled."""
    client = Client(HTTP_HOST=HOST)
    assert client.get(article.url, {"warm": tag}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url, {"measure": tag})
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_an_uncached_article_page_makes_at_most_15_queries(article):
    count, html = warm_queries(article, "1")
    for shown in ("الخبر الذي نقيس كلفته", "كريم الحداد", "المستشفيات", "وكالة الأنباء", "خبر اقتصادي 0"):
        assert shown in html
    assert "تعليق منشور تحت الخبر" in html
    # At least the article's row, and the state store's versions when the store is the database.
    assert (2 if database_state_store() else 1) <= count <= MAX_QUERIES, count


def database_state_store() -> bool:
    """Whether the "state" cache is the database (no REDIS_URL), not Redis."""
    from django.core.cache import caches

    from akhbar.caching.backends import DatabaseStateCache

    return isinstance(caches["state"], DatabaseStateCache)


def test_the_page_reads_its_versions_from_the_state_store_in_one_query(article, monkeypatch):
    """The fragments version and the comment thread's version in one round trip of the state store: one
    SELECT of the database store, one MGET of Redis."""
    from django.core.cache import caches

    store = caches["state"]
    calls = []
    for name in ("get", "get_many"):
        original = getattr(store, name)
        monkeypatch.setattr(
            store,
            name,
            lambda *a, _name=name, _original=original, **k: calls.append((_name, a)) or _original(*a, **k),
        )
    client = Client(HTTP_HOST=HOST)
    assert client.get(article.url, {"warm": "versions"}).status_code == 200
    calls.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url, {"measure": "versions"}).status_code == 200
    versions = [(name, a) for name, a in calls if "version" in repr(a)]
    assert len(versions) == 1 and versions[0][0] == "get_many", versions
    assert "fragments-version" in repr(versions[0]) and "thread-version" in repr(versions[0])
    if database_state_store():
        state = [q["sql"] for q in queries.captured_queries if "caching_sharedstate" in q["sql"]]
        assert len(state) == 1 and "fragments-version" in state[0] and "thread-version" in state[0], state


def test_the_database_state_store_reads_several_keys_at_once(article):
    from django.core.cache import caches

    state = caches["state"]
    state.set("perf-a", 1, None)
    state.set("perf-b", 2, 60)
    state.set("perf-gone", 3, -1)  # already expired
    assert state.get_many(["perf-a", "perf-b", "perf-gone", "perf-never"]) == {"perf-a": 1, "perf-b": 2}
    assert state.get_many([]) == {}


def test_the_article_page_query_count_does_not_grow_with_the_archive(article):
    before, _ = warm_queries(article, "before")
    economy = article.get_parent().get_next_sibling()
    for n in range(30):
        when = datetime(2031, 1, 1, tzinfo=UTC) + timedelta(minutes=n)
        make_article(economy, f"خبر إضافي {n}", image=n % 2 == 0, published=when)
    after, html = warm_queries(article, "after")
    assert "خبر إضافي 29" in html  # the larger archive is on the page ("more news")
    assert after == before


def test_a_restricted_section_still_guards_its_articles(article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = Client(HTTP_HOST=HOST).get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]
    PageViewRestriction.objects.all().delete()
    assert Client(HTTP_HOST=HOST).get(article.url).status_code == 200
