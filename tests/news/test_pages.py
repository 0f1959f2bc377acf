"""Reader pages as a reader sees them, through Django's test client on each site's host name."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from akhbar.network.directory import network_last_change
from akhbar.news.models import ArticlePage, ArticleRelatedPick
from tests.factories import BASE_TIME, make_article, make_author, make_network, make_section, make_site

pytestmark = pytest.mark.django_db


def get(host: str, path: str, **params):
    return Client().get(path, params, HTTP_HOST=host)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def network():
    make_network()
    casablanca = make_site("casablanca.localhost", default=True, name_ar="أنباء الدار البيضاء")
    beirut = make_site(
        "beirut.localhost",
        name_ar="بيروت اليوم",
        city="بيروت",
        month_convention="levantine",
        second_months="",
        digits="arabic",
        clock=12,
        zone_label="local",
        time_zone="Asia/Beirut",
    )
    return casablanca, beirut


def test_article_page_shows_every_part_of_the_reference_page(network):
    casablanca, _ = network
    section = make_section(casablanca, "رياضة")
    other = make_article(section, "خبر آخر من القسم")
    article = make_article(
        section, "الوداد يفوز في الدار البيضاء", image=True, kicker="كرة القدم", published=BASE_TIME
    )
    article.authors.add(make_author("سلمى بنعلي"))
    article.tags.add("الوداد")
    article.save()
    ArticleRelatedPick.objects.create(page_ref=article, page=other, sort_order=0)

    response = get("casablanca.localhost", article.url)
    assert response.status_code == 200
    body = text_of(response)
    html = response.content.decode()
    assert re.search(r'<html lang="ar" dir="rtl" data-site="\d+">', html)
    assert "أنباء الدار البيضاء › رياضة › الوداد" in body.replace(" › ", " › ") or re.search(
        r"أنباء الدار البيضاء\s+رياضة\s+الوداد يفوز", body
    )
    assert "الدار البيضاء — أنباء الدار البيضاء" in body
    assert "الثلاثاء 26 كانون الأول / ديسمبر 2017" in body
    assert "وزير الصحة خلال المؤتمر الصحفي" in body and "تصوير: قسم الصور" in body
    assert "«سنواصل العمل»" in body and "وزير الصحة" in body and "وكالة الأنباء" in body
    assert "قد يهمك أيضًا" in body and "خبر آخر من القسم" in body
    assert "سلمى بنعلي" in body and "الوداد" in body and "كرة القدم" in body
    assert 'id="comments"' in html


def test_dual_month_stamp_matches_the_reference_format(network):
    casablanca, _ = network
    section = make_section(casablanca)
    published = datetime(2017, 12, 26, 14, 23, tzinfo=UTC)
    article = make_article(section, published=published)
    body = text_of(get("casablanca.localhost", section.url))
    assert "الثلاثاء 26 كانون الأول / ديسمبر 2017 - 14:23 GMT" in body
    assert article.title in body


def test_site_profile_decides_digits_clock_and_zone(network):
    _, beirut = network
    section = make_section(beirut)
    make_article(section, published=datetime(2017, 12, 26, 14, 23, tzinfo=UTC))
    body = text_of(get("beirut.localhost", section.url))
    # 14:23 GMT is 16:23 in Beirut: 4:23 in the afternoon, in Arabic-Indic digits.
    assert "الثلاثاء ٢٦ كانون الأول ٢٠١٧ - ٤:٢٣ م بتوقيت بيروت" in body


def test_each_site_is_served_by_its_host_name(network):
    casablanca, beirut = network
    make_article(make_section(casablanca), "خبر من الدار البيضاء")
    make_article(make_section(beirut), "خبر من بيروت")
    casa_home = text_of(get("casablanca.localhost", "/"))
    beirut_home = text_of(get("beirut.localhost", "/"))
    assert (
        "خبر من الدار البيضاء" in casa_home and "خبر من بيروت" not in casa_home.split("المزيد من الشبكة")[0]
    )
    assert "خبر من بيروت" in beirut_home
    # The other site's story appears in the cross-site strip, with a link to its own host.
    assert "المزيد من الشبكة" in beirut_home and "خبر من الدار البيضاء" in beirut_home
    assert "http://casablanca.localhost/" in get("beirut.localhost", "/").content.decode()
    # 127.0.0.1 falls back to the default site.
    assert "خبر من الدار البيضاء" in text_of(get("127.0.0.1", "/"))


def test_footer_links_every_site_with_group_line_and_year(network):
    body = text_of(get("beirut.localhost", "/"))
    html = get("beirut.localhost", "/").content.decode()
    assert "http://casablanca.localhost/" in html and "http://beirut.localhost/" in html
    year = str(timezone.now().year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert f"© {year}" in body
    assert "شارع الاختبار، بيروت" in body


def test_unknown_address_gets_a_friendly_arabic_404(network):
    response = get("casablanca.localhost", "/لا-يوجد/")
    assert response.status_code == 404
    assert "لم نجد هذه الصفحة" in text_of(response)


def test_server_error_page_is_arabic_and_needs_no_database():
    from akhbar.network.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert 'dir="rtl"' in response.content.decode() and "خطأ مؤقت" in response.content.decode()


def test_draft_article_is_not_served(network):
    casablanca, _ = network
    article = make_article(make_section(casablanca), "مسودة لم تنشر")
    ArticlePage.objects.filter(pk=article.pk).update(live=False)
    assert get("casablanca.localhost", article.url).status_code == 404


def test_listing_paginates_newest_first_and_tolerates_bad_page_numbers(network):
    casablanca, _ = network
    section = make_section(casablanca)
    titles = [make_article(section, f"خبر رقم {i}").title for i in range(23)]
    first = text_of(get("casablanca.localhost", section.url))
    assert titles[0] in first and titles[22] not in first
    second = text_of(get("casablanca.localhost", section.url, page=2))
    assert titles[22] in second
    assert get("casablanca.localhost", section.url, page="abc").status_code == 200
    assert get("casablanca.localhost", section.url, page="99").status_code == 200


def test_author_and_tag_pages_list_their_stories(network):
    casablanca, _ = network
    section = make_section(casablanca)
    author = make_author("كريم حداد", slug="karim")
    tagged = make_article(section, "خبر موسوم")
    tagged.authors.add(author)
    tagged.tags.add("الانتخابات")
    tagged.save()
    make_article(section, "خبر بلا وسم")
    home = casablanca.root_page.specific
    author_page = text_of(get("casablanca.localhost", home.url + "author/karim/"))
    assert (
        "مقالات كريم حداد" in author_page and "خبر موسوم" in author_page and "خبر بلا وسم" not in author_page
    )
    tag_slug = tagged.tags.first().slug
    tag_page = text_of(get("casablanca.localhost", home.url + f"tag/{tag_slug}/"))
    assert "وسم: الانتخابات" in tag_page and "خبر موسوم" in tag_page
    assert get("casablanca.localhost", home.url + "author/nobody/").status_code == 404


def test_structured_data_is_a_news_article(network):
    casablanca, _ = network
    article = make_article(make_section(casablanca), 'عنوان فيه </script> و"اقتباس"')
    html = get("casablanca.localhost", article.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["publisher"]["name"] == "أنباء الدار البيضاء"
    assert 'property="og:title"' in html


def test_header_clock_shows_the_latest_change_of_the_network(network):
    casablanca, beirut = network
    make_article(make_section(beirut), published=datetime(2020, 5, 1, 9, 8, 7, tzinfo=UTC))
    body = text_of(get("casablanca.localhost", "/"))
    assert "آخر تحديث للشبكة: 09:08:07 GMT" in body


def test_republishing_stamps_last_updated_unless_set_by_hand(network):
    casablanca, _ = network
    article = make_article(make_section(casablanca), published=datetime(2017, 1, 1, tzinfo=UTC))
    article.save_revision().publish()
    article.refresh_from_db()
    first_stamp = article.last_updated
    assert first_stamp > datetime(2020, 1, 1, tzinfo=UTC)
    assert article.first_published == datetime(2017, 1, 1, tzinfo=UTC)
    assert network_last_change() == article.last_published_at

    chosen = datetime(2021, 3, 4, 5, 6, tzinfo=UTC)
    article.last_updated = chosen
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.last_updated == chosen

    article.title = "عنوان معدل"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.last_updated > chosen


def test_article_page_queries_do_not_grow_with_the_archive(network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    casablanca, beirut = network
    section = make_section(casablanca)
    other = make_section(casablanca, "اقتصاد")
    make_article(make_section(beirut), image=True)
    make_article(other, image=True)
    make_article(section, image=True)
    article = make_article(section, image=True)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert get("casablanca.localhost", article.url).status_code == 200
        return len(ctx.captured_queries)

    count()
    small = count()
    for i in range(30):
        make_article(section if i % 2 else other, image=(i % 5 == 0))
    count()
    assert count() == small
