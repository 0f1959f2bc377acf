"""«الأكثر قراءة»: views counted from the beacon without cookies or stored addresses, bots and floods
left out, batched writes, and the block on homes and article pages."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from akhbar.live.counters import hour_of
from akhbar.live.models import PageViewCount
from akhbar.live.mostread import most_read
from tests.factories import make_article, make_section, make_site

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"


@pytest.fixture
def stories():
    site = make_site("casablanca.localhost", default=True)
    section = make_section(site)
    return site, [make_article(section, f"قصة رقم {n}") for n in range(6)]


def beacon(client, page_id, address="198.51.100.7", agent=BROWSER, **headers):
    return client.post(
        "/live/seen/",
        str(page_id),
        content_type="text/plain",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )


def views(counter, site):
    return dict(counter.top(site.pk, 24, 100, timezone.now()))


def test_a_view_is_counted_once_per_reader(client, stories, database_counter):
    site, articles = stories
    response = beacon(client, articles[0].pk)
    assert response.status_code == 204 and not response.cookies
    beacon(client, articles[0].pk)
    beacon(client, articles[0].pk, address="203.0.113.9")
    assert views(database_counter, site) == {articles[0].pk: 2}


@pytest.mark.parametrize(
    "agent, headers",
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", {}),
        ("facebookexternalhit/1.1", {}),
        ("", {}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),
        (BROWSER, {"HTTP_PURPOSE": "prefetch"}),
    ],
)
def test_bots_previews_and_prefetches_are_not_counted(client, stories, database_counter, agent, headers):
    site, articles = stories
    assert beacon(client, articles[0].pk, agent=agent, **headers).status_code == 204
    assert views(database_counter, site) == {}


def test_a_flood_from_one_client_cannot_inflate_an_article(client, stories, database_counter):
    site, articles = stories
    for _ in range(200):
        beacon(client, articles[1].pk)
    assert views(database_counter, site) == {articles[1].pk: 1}


def test_one_client_has_a_budget_of_views(client, database_counter):
    from akhbar.live import counters

    site = make_site("casablanca.localhost", default=True)
    section = make_section(site)
    many = [make_article(section) for _ in range(counters.CLIENT_BUDGET + 5)]
    for article in many:
        beacon(client, article.pk)
    assert sum(views(database_counter, site).values()) == counters.CLIENT_BUDGET


def test_views_are_written_in_batches_not_a_row_per_view(client, stories, database_counter):
    site, articles = stories
    for n in range(120):
        beacon(client, articles[2].pk, address=f"192.0.2.{n}")
    database_counter.flush()
    rows = list(PageViewCount.objects.values_list("page_id", "count"))
    assert rows == [(articles[2].pk, 120)]
    assert {f.name for f in PageViewCount._meta.fields} == {"id", "site_id", "page_id", "hour", "count"}


@pytest.mark.parametrize(
    "body, status", [("", 400), ("abc", 400), ("-5", 400), ("9" * 30, 400), ("٣", 400), ("999999", 404)]
)
def test_bad_or_unknown_pages_get_a_clear_error(client, stories, body, status):
    response = client.post("/live/seen/", body, content_type="text/plain", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == status
    assert any("\u0600" <= ch <= "\u06ff" for ch in response.json()["error"])


def test_a_draft_gets_404_and_get_is_refused(client, stories):
    _site, articles = stories
    articles[3].unpublish()
    assert beacon(client, articles[3].pk).status_code == 404
    assert client.get("/live/seen/").status_code == 405


def test_block_lists_the_most_read_on_the_home_and_articles(client, stories):
    site, articles = stories
    for n, article in enumerate(articles[:5]):
        for reader in range(n + 1):
            beacon(client, article.pk, address=f"192.0.2.{reader}")
    cache.clear()
    home = client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    assert "الأكثر قراءة" in home
    listed = home[home.index("most-read-title") :]
    positions = [listed.index(articles[n].title) for n in (4, 3, 2, 1, 0)]
    assert positions == sorted(positions)
    article = client.get(articles[0].url, HTTP_HOST="casablanca.localhost").content.decode()
    assert "الأكثر قراءة" in article and "data-count-view" in article


def test_quiet_day_falls_back_to_the_week(stories, database_counter):
    site, articles = stories
    three_days_ago = hour_of(timezone.now() - timedelta(days=3))
    PageViewCount.objects.create(site_id=site.pk, page_id=articles[0].pk, hour=three_days_ago, count=7)
    result = most_read(site.pk)
    assert result["hours"] == 168 and result["stories"][0]["title"] == articles[0].title


def test_old_counts_are_forgotten(stories, database_counter):
    site, articles = stories
    PageViewCount.objects.create(
        site_id=site.pk, page_id=articles[0].pk, hour=timezone.now() - timedelta(days=9)
    )
    assert database_counter.forget_old(timezone.now()) == 1
    assert most_read(site.pk) is None


def test_redis_counter_counts_and_limits_the_same_way(client, stories, redis_counter):
    site, articles = stories
    for _ in range(5):
        beacon(client, articles[0].pk)
    beacon(client, articles[1].pk, address="203.0.113.1")
    beacon(client, articles[1].pk, address="203.0.113.2")
    assert views(redis_counter, site) == {articles[1].pk: 2, articles[0].pk: 1}
    assert most_read(site.pk)["stories"][0]["title"] == articles[1].title


def test_counting_and_the_block_survive_redis_being_down(client, stories, monkeypatch):
    pytest.importorskip("redis")
    from akhbar.live import counters

    monkeypatch.setattr(counters, "_counter", counters.RedisCounter("redis://127.0.0.1:1/0", "down"))
    monkeypatch.setattr(counters, "FLUSH_REDIS_VIEWS", 1)
    site, articles = stories
    assert beacon(client, articles[0].pk).status_code == 204
    cache.clear()
    page = client.get("/", HTTP_HOST="casablanca.localhost")
    assert page.status_code == 200 and "most-read-title" not in page.content.decode()


def test_demo_traffic_goes_through_the_beacon_and_fills_the_block_once(stories):
    from akhbar.live.demo import replay_demo_views

    site, _articles = stories
    assert replay_demo_views(readers_per_site=30) > 30
    assert len(most_read(site.pk)["stories"]) == 5
    assert replay_demo_views(readers_per_site=30) == 0  # the last 24 hours already have views
