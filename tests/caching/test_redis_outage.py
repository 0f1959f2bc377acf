"""Redis goes down: reader pages come from the database, comment posting fails closed in Arabic."""

from __future__ import annotations

import logging
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.test import Client

from akhbar.caching import backends
from akhbar.caching.backends import StateUnavailable
from akhbar.comments.models import Comment
from tests.caching.conftest import redis_caches
from tests.comments.factories import comment_data, make_commentable_article
from tests.factories import make_network

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
TRY_AGAIN = "تعذّر إرسال تعليقك الآن. حاول مجددًا بعد قليل."


@pytest.fixture
def article(settings, redis_server):
    settings.CACHES = redis_caches(redis_server.url)
    make_network()
    return make_commentable_article(HOST)


def reader_urls(article) -> list[str]:
    word = quote("الخبر")
    return ["/", article.get_parent().url, article.url, f"/search/?q={word}", f"/api/search?q={word}"]


def redis_keys(server) -> int:
    import redis

    return redis.Redis.from_url(server.url).dbsize()


def test_reader_pages_answer_from_the_database_when_redis_goes_down(
    article, redis_server, caplog, monkeypatch
):
    client = Client(HTTP_HOST=HOST)
    for url in reader_urls(article):
        assert client.get(url).status_code == 200, url
    assert redis_keys(redis_server) > 0  # the pages really went through Redis

    redis_server.stop()
    monkeypatch.setattr(backends, "RETRY_SECONDS", 0.0)  # every request tries Redis again and fails
    with caplog.at_level(logging.WARNING, logger="akhbar.caching"):
        for _ in range(3):
            for url in reader_urls(article):
                response = client.get(url)
                assert response.status_code == 200, url
        assert article.title in client.get(article.url).content.decode()
    warnings = [record.getMessage() for record in caplog.records if record.name == "akhbar.caching"]
    assert warnings and len(warnings) == len(set(w.split(" unreachable")[0] for w in warnings))
    assert any("t:default" in w for w in warnings)


def test_comment_posting_answers_503_in_arabic_and_keeps_the_text_when_redis_is_down(article, redis_server):
    client = Client(HTTP_HOST=HOST)
    assert client.post(f"/comments/post/{article.pk}/", comment_data()).status_code == 303
    redis_server.stop()

    text = "تعليقي الطويل الذي كتبته بعناية ولا أريد أن يضيع"
    response = client.post(f"/comments/post/{article.pk}/", comment_data(body=text))
    assert response.status_code == 503
    html = response.content.decode()
    assert TRY_AGAIN in html
    assert text in html
    assert Comment.objects.count() == 1


def test_state_store_failures_raise_while_default_cache_failures_are_misses(article, redis_server):
    caches["default"].set("k", 1)
    caches["state"].set("k", 1)
    redis_server.stop()

    default = caches["default"]
    assert default.get("k") is None
    assert default.get_or_set("k", 5) == 5
    assert default.add("k", 1) is False
    default.set("k", 2)
    with pytest.raises(ValueError):
        default.incr("k")
    with pytest.raises(StateUnavailable):
        caches["state"].get("k")
    with pytest.raises(StateUnavailable):
        caches["state"].add("other", 1)
