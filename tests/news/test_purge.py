"""Which URLs a change purges, and how the purge reaches a front-end cache (a real HTTP listener)."""

import http.server
import logging
import socket
import threading

import pytest
from django.test import Client

from akhbar.news.purge import purge_page, urls_for
from tests.factories import make_article, make_author, make_network, make_section, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    make_network()
    casablanca = make_site("casablanca.localhost", default=True)
    beirut = make_site("beirut.localhost")
    section = make_section(casablanca, "رياضة", slug="رياضة")
    other_section = make_section(beirut, "اقتصاد")
    article = make_article(section, "مباراة الليلة")
    return article, other_section


def test_an_article_change_purges_its_pages_listings_and_the_network_strip(network, settings):
    article, other_section = network
    author = make_author("سلمى")
    article.authors.add(author)
    article.tags.add("كرة القدم")
    article.save()
    settings.AKHBAR_PURGE_URL_PROVIDERS = ["tests.news.test_purge.feed_urls"]
    urls = urls_for(article)
    assert urls[:3] == [article.full_url, article.get_parent().full_url, "http://casablanca.localhost/"]
    assert f"http://casablanca.localhost/author/{author.slug}/" in urls
    assert any(url.startswith("http://casablanca.localhost/tag/") for url in urls)
    assert "http://beirut.localhost/" in urls and other_section.full_url in urls  # the strip's pages
    assert f"http://casablanca.localhost/feeds/{article.pk}.xml" in urls


def feed_urls(page):
    return [f"http://casablanca.localhost/feeds/{page.pk}.xml"]


def test_a_broken_provider_is_logged_and_the_rest_is_purged(network, settings, caplog):
    article, _ = network
    settings.AKHBAR_PURGE_URL_PROVIDERS = ["tests.news.test_purge.no_such_provider"]
    with caplog.at_level(logging.WARNING):
        urls = purge_page(article)
    assert article.full_url in urls and "no_such_provider" in caplog.text


def test_arabic_paths_are_purged_from_the_page_cache(network):
    article, _ = network
    section = article.get_parent()
    client = Client(HTTP_HOST="casablanca.localhost")
    assert client.get(section.url).status_code == 200
    assert client.get(section.url)["X-Page-Cache"] == "hit"
    make_article(section, "هدف في الدقيقة الأخيرة").save_revision().publish()
    fresh = client.get(section.url)
    assert fresh["X-Page-Cache"] == "miss" and "هدف في الدقيقة الأخيرة" in fresh.content.decode()


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        Recorder.seen.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_purges_reach_an_http_cache_percent_encoded_after_commit(
    network, settings, django_capture_on_commit_callbacks
):
    article, _ = network
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.seen = []
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "akhbar.news.purge.TimeoutHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
    finally:
        server.shutdown()
    paths = {
        path for method, host, path in Recorder.seen if method == "PURGE" and host == "casablanca.localhost"
    }
    assert "/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/" in paths  # /رياضة/
    assert "/" in paths


def test_an_unreachable_cache_is_logged_and_publishing_goes_on(
    network, settings, caplog, django_capture_on_commit_callbacks
):
    article, _ = network
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "akhbar.news.purge.TimeoutHTTPBackend", "LOCATION": f"http://127.0.0.1:{port}"}
    }
    article.title = "عنوان بعد تعطل الخادم"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "unreachable" in caplog.text
    assert (
        "عنوان بعد تعطل الخادم" in Client(HTTP_HOST="casablanca.localhost").get(article.url).content.decode()
    )
