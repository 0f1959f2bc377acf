"""The front page: the editors' layout or the automatic one, no story twice, opinion with its writer,
and a query count that does not grow with the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akhbar.news import frontpage
from akhbar.news.models import ArticlePage, HomePage
from tests.factories import make_article, make_author, make_section, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_site("casablanca.localhost", default=True)


def home_html(client):
    from django.core.cache import cache

    cache.clear()  # the factories add live pages without publishing: no purge
    return client.get("/", HTTP_HOST="casablanca.localhost").content.decode()


def test_automatic_front_page_has_lead_top_stories_and_a_block_per_section(client, site):
    sport, economy = make_section(site, "رياضة"), make_section(site, "اقتصاد")
    stories = [make_article(sport if n % 2 else economy, f"قصة الصفحة الأولى {n}") for n in range(14)]
    rows = frontpage.build(site.root_page.specific)
    kinds = [row["type"] for row in rows]
    assert kinds[:2] == ["lead", "top_stories"] and kinds.count("section") == 2 and "most_read" in kinds
    assert rows[0]["stories"][0].pk == stories[0].pk  # the newest story leads
    shown = [s.pk for row in rows for s in row["stories"]]
    assert len(shown) == len(set(shown))  # no story twice
    html = home_html(client)
    assert "أهم الأخبار" in html and "المزيد من رياضة" in html and "المزيد من اقتصاد" in html


def test_editors_layout_is_followed_and_a_withdrawn_choice_falls_back(client, site):
    section = make_section(site, "سياسة")
    old, newer, chosen = (
        make_article(section, t) for t in ("خبر قديم مختار", "خبر أحدث", "خبر مختار للرئيسية")
    )
    home = HomePage.objects.get(pk=site.root_page_id)
    home.front_page = [
        ("lead", {"story": chosen}),
        ("top_stories", {"heading": "مختارات المحرر", "stories": [old]}),
        ("section", {"section": section, "count": 2}),
    ]
    home.save_revision().publish()
    html = home_html(client)
    assert html.index("خبر مختار للرئيسية") < html.index("مختارات المحرر") < html.index("خبر قديم مختار")
    chosen.unpublish()
    rows = frontpage.build(HomePage.objects.get(pk=home.pk))
    assert rows[0]["stories"][0].pk == newer.pk  # the newest live story instead


def test_opinion_block_shows_the_writer_and_column(client, site):
    section = make_section(site, "رأي")
    writer = make_author("ليلى الحسيني")
    column = make_article(section, "في معنى المدينة", kind=ArticlePage.OPINION, column_name="دفاتر المدينة")
    column.authors.set([writer])
    column.save_revision().publish()
    make_article(section, "خبر عادي")
    html = home_html(client)
    opinion = html[html.index('class="opinion-list"') :]
    assert "في معنى المدينة" in opinion and "دفاتر المدينة" in opinion and "ليلى الحسيني" in opinion


def test_front_page_queries_do_not_grow_with_the_archive(client, site):
    sections = [make_section(site, f"قسم {n}") for n in range(3)]
    for n in range(12):
        make_article(sections[n % 3], image=n < 4)
    home_html(client)  # warm the per-site caches

    def count():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", HTTP_HOST="casablanca.localhost").status_code == 200
        return len(queries)

    small = count()
    for n in range(45):
        make_article(sections[n % 3], image=n % 5 == 0)
    count()  # renditions of the newly shown images are made once
    assert count() == small


def test_later_pages_are_the_plain_listing_and_an_empty_site_says_so(client, site):
    section = make_section(site)
    assert "لا أخبار منشورة بعد." in home_html(client)
    for n in range(25):
        make_article(section, f"خبر الأرشيف {n}")
    page_two = client.get("/?page=2", HTTP_HOST="casablanca.localhost").content.decode()
    assert 'class="cards"' in page_two and "صفحة 2 من 2" in page_two
    assert 'href="?page=2"' in home_html(client)
