"""Sitemaps and robots.txt as a crawler reads them: XML parsed with ElementTree, URLs on the site's host."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from akhbar.distribution.sitemaps import SiteArticles, next_path
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def fetch(path: str, host: str = HOST, **params):
    return Client().get(path, params, HTTP_HOST=host)


def xml(path: str, host: str = HOST, **params):
    response = fetch(path, host, **params)
    assert response.status_code == 200, (path, params, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return ElementTree.fromstring(content), response


def locs(root) -> list[str]:
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_robots_names_the_sites_sitemaps_and_keeps_crawlers_out(newsroom):
    response = fetch("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ("/admin/", "/search/", "/comments/", "/api/search"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://casablanca.localhost/sitemap.xml" in lines
    assert "Sitemap: http://casablanca.localhost/sitemap-news.xml" in lines
    beirut = fetch("/robots.txt", "beirut.localhost").content.decode()
    assert "Sitemap: http://beirut.localhost/sitemap.xml" in beirut


def test_sitemap_index_lists_the_news_pages_and_article_sitemaps(newsroom):
    make_article(newsroom["sport"], "خبر")
    root, response = xml("/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    listed = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert listed == [
        "http://casablanca.localhost/sitemap-news.xml",
        "http://casablanca.localhost/sitemap-pages.xml",
        "http://casablanca.localhost/sitemap-articles.xml?p=1",
    ]
    assert "s-maxage=" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_article_sitemap_lists_live_articles_of_the_site_with_lastmod_and_images(newsroom):
    with_image = make_article(newsroom["sport"], "خبر بصورة", image=True)
    plain = make_article(newsroom["economy"], "خبر بلا صورة")
    draft = make_article(newsroom["economy"], "مسودة")
    draft.unpublish()
    make_article(make_section(newsroom["other"], "رياضة"), "خبر من بيروت")

    root, _ = xml("/sitemap-articles.xml", p="1")
    urls = {u.find("sm:loc", NS).text: u for u in root.findall("sm:url", NS)}
    assert set(urls) == {
        "http://casablanca.localhost/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/" + with_image.slug + "/",
        "http://casablanca.localhost/economy/" + plain.slug + "/",
    }
    entry = urls["http://casablanca.localhost/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/" + with_image.slug + "/"]
    assert entry.find("sm:lastmod", NS).text == with_image.last_published_at.isoformat(timespec="seconds")
    image = entry.find("image:image/image:loc", NS).text
    assert image == "http://casablanca.localhost" + with_image.lead_image.file.url
    assert urls["http://casablanca.localhost/economy/" + plain.slug + "/"].find("image:image", NS) is None


@override_settings(AKHBAR_SITEMAP_PAGE_SIZE=3)
def test_articles_are_split_into_pages_that_together_list_each_once(newsroom):
    for n in range(8):
        make_article(newsroom["sport" if n % 2 else "economy"], f"خبر {n}")
    index, _ = xml("/sitemap.xml")
    pages = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)][2:]
    assert [p.rsplit("=", 1)[1] for p in pages] == ["1", "2", "3"]
    lastmods = [e.find("sm:lastmod", NS) for e in index.findall("sm:sitemap", NS)[2:]]
    assert all(m is not None and m.text for m in lastmods)
    seen = []
    for number in ("1", "2", "3"):
        seen += locs(xml("/sitemap-articles.xml", p=number)[0])
    assert len(seen) == len(set(seen)) == 8
    assert len(locs(xml("/sitemap-articles.xml", p="1")[0])) == 3


@override_settings(AKHBAR_SITEMAP_PAGE_SIZE=3)
@pytest.mark.parametrize("page", ["abc", "0", "-1", "4", "99999999999999999999", "", "1.5", "٢"])
def test_a_sitemap_page_past_the_end_or_malformed_is_a_404(newsroom, page):
    for n in range(7):
        make_article(newsroom["sport"], f"خبر {n}")
    assert fetch("/sitemap-articles.xml", p=page).status_code == 404


def test_an_empty_site_has_an_empty_first_sitemap_page_and_no_second(newsroom):
    root, _ = xml("/sitemap-articles.xml")
    assert locs(root) == []
    assert fetch("/sitemap-articles.xml", p="2").status_code == 404


def test_news_sitemap_lists_the_last_48_hours_with_publication_details(newsroom):
    now = timezone.now()
    fresh = make_article(newsroom["sport"], "خبر عاجل & جديد", published=now - timedelta(hours=2))
    make_article(newsroom["sport"], "خبر قديم", published=now - timedelta(hours=49))
    root, response = xml("/sitemap-news.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text.endswith(f"/{fresh.slug}/")
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "أنباء الدار البيضاء"
    assert news.find("news:publication/news:language", NS).text == "ar"
    assert news.find("news:title", NS).text == "خبر عاجل & جديد"
    assert news.find("news:publication_date", NS).text == fresh.first_published.isoformat(timespec="seconds")
    assert "s-maxage=" in response["Cache-Control"]


def test_news_sitemap_holds_at_most_1000_urls(newsroom, monkeypatch):
    monkeypatch.setattr("akhbar.distribution.sitemaps.NEWS_LIMIT", 2)
    now = timezone.now()
    for n in range(4):
        make_article(newsroom["sport"], f"خبر {n}", published=now - timedelta(minutes=n))
    assert len(locs(xml("/sitemap-news.xml")[0])) == 2


def test_pages_sitemap_lists_the_home_and_sections(newsroom):
    make_article(newsroom["sport"], "خبر")
    assert locs(xml("/sitemap-pages.xml")[0]) == [
        "http://casablanca.localhost/",
        "http://casablanca.localhost/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/",
        "http://casablanca.localhost/economy/",
    ]


def test_a_host_without_a_site_is_not_found(db):
    from django.http import Http404
    from django.test import RequestFactory
    from wagtail.models import Site

    from akhbar.distribution import views

    Site.objects.all().delete()  # no site, not even a default one to fall back to
    request = RequestFactory().get("/", HTTP_HOST="unknown.localhost")
    for view in (
        views.robots_txt,
        views.sitemap_index,
        views.sitemap_news,
        views.sitemap_articles,
        views.site_feed,
    ):
        with pytest.raises(Http404):
            view(request)


def test_a_stored_sitemap_is_replaced_when_a_story_is_published(newsroom):
    make_article(newsroom["sport"], "الخبر الأول")
    assert len(locs(xml("/sitemap-articles.xml")[0])) == 1
    xml("/sitemap.xml")
    later = make_article(newsroom["sport"], "الخبر الثاني")
    later.save_revision().publish()
    assert len(locs(xml("/sitemap-articles.xml")[0])) == 2


def test_next_path_bounds_exactly_the_subtree():
    assert next_path("00010002") == "00010003"
    assert next_path("0001000Z") == "0001001"
    assert "0001000Z0001" < next_path("0001000Z") and "00010010" > next_path("0001000Z")


@override_settings(AKHBAR_SITEMAP_PAGE_SIZE=2)
def test_chunk_of_finds_the_page_holding_an_article(newsroom):
    stories = [make_article(newsroom["sport"], f"خبر {n}") for n in range(5)]
    articles = SiteArticles(newsroom["site"])
    assert [articles.chunk_of(s.path) for s in stories] == [1, 1, 2, 2, 3]
