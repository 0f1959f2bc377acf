"""Pages announce their feeds in <head>; publishing names the feed and sitemap URLs to purge."""

import re
from urllib.parse import quote

import pytest
from django.test import Client, override_settings

from akhbar.distribution.purge import feed_and_sitemap_urls
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
LINK_RE = re.compile(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">')


def feed_links(path: str) -> dict[str, str]:
    response = Client().get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    head = response.content.decode().split("</head>")[0]
    return {href: title for title, href in LINK_RE.findall(head)}


def tagged_story(newsroom):
    article = make_article(newsroom["sport"], "خبر موسوم")
    article.authors.add(newsroom["author"])
    article.tags.add("الوداد")
    article.save()
    return article


def test_home_links_the_site_feed(newsroom):
    links = feed_links("/")
    assert links == {"/feed/": "أنباء الدار البيضاء: آخر الأخبار"}


def test_section_and_article_pages_link_the_section_feed(newsroom):
    article = tagged_story(newsroom)
    section_feed = "/feed/section/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/"
    assert set(feed_links(newsroom["sport"].url)) == {"/feed/", section_feed}
    links = feed_links(article.url)
    assert set(links) == {"/feed/", section_feed}
    assert links[section_feed] == "أنباء الدار البيضاء: قسم رياضة"


def test_author_and_tag_listings_link_their_feeds(newsroom):
    article = tagged_story(newsroom)
    tag = article.tags.first()
    assert set(feed_links("/author/salma/")) == {"/feed/", "/feed/author/salma/"}
    assert set(feed_links(f"/tag/{quote(tag.slug)}/")) == {"/feed/", f"/feed/tag/{quote(tag.slug)}/"}


def test_every_linked_feed_answers(newsroom):
    article = tagged_story(newsroom)
    tag = article.tags.first()
    for page in ("/", newsroom["sport"].url, article.url, "/author/salma/", f"/tag/{quote(tag.slug)}/"):
        for href in feed_links(page):
            assert Client().get(href, HTTP_HOST=HOST).status_code == 200, href


@override_settings(AKHBAR_SITEMAP_PAGE_SIZE=2)
def test_purge_urls_name_every_feed_and_sitemap_that_shows_an_article(newsroom):
    for n in range(4):
        make_article(newsroom["economy"], f"خبر {n}")
    article = tagged_story(newsroom)
    tag = article.tags.first()
    urls = feed_and_sitemap_urls(article)
    base = "http://casablanca.localhost"
    expected = {
        f"{base}/feed/",
        f"{base}/rss/",
        f"{base}/feed/section/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/",
        f"{base}/feed/author/salma/",
        f"{base}/feed/tag/{quote(tag.slug)}/",
        f"{base}/feed/network/",
        "http://beirut.localhost/feed/network/",
        f"{base}/sitemap.xml",
        f"{base}/sitemap-news.xml",
        f"{base}/sitemap-pages.xml",
    }
    assert expected <= set(urls)
    # the sport section sorts first in the tree: its article is on page 1, and pages 1-3 shift
    pages = sorted(u for u in urls if "sitemap-articles" in u)
    assert pages == [f"{base}/sitemap-articles.xml?p={n}" for n in (1, 2, 3)]
    from wagtail.models import Site

    roots = tuple(site.root_url + "/" for site in Site.objects.all())
    assert all(url.startswith(roots) for url in urls)


def test_the_purge_provider_is_in_the_settings():
    from django.conf import settings
    from django.utils.module_loading import import_string

    providers = [import_string(p) for p in settings.AKHBAR_PURGE_URL_PROVIDERS]
    assert feed_and_sitemap_urls in providers


def test_site_profile_offers_full_text_in_arabic():
    from akhbar.network.models import SiteProfile

    field = SiteProfile._meta.get_field("feed_full_text")
    assert field.default is False and "النص الكامل" in str(field.verbose_name)
    panel_fields = [
        child.field_name for panel in SiteProfile.panels for child in getattr(panel, "children", [panel])
    ]
    assert "feed_full_text" in panel_fields


@pytest.mark.django_db
def test_the_copies_version_lives_in_the_shared_state_store():
    from akhbar.distribution.cache import bump_version, current_version

    first = current_version()
    assert first and current_version() == first  # stored, not refused by the integers-only store
    bump_version()
    assert current_version() not in ("", first)
