"""Live coverage: entries on the page and in the polled JSON (with a validator), pinned and corrected
entries, Arabic relative times, LiveBlogPosting data, the home's link, and bad input."""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from akhbar.live.coverage import LiveCoveragePage, LiveEntry
from tests.factories import make_section, make_site

pytestmark = pytest.mark.django_db


def make_coverage(section, *, entries=(), **fields):
    page = LiveCoveragePage(
        title="تغطية مباشرة للانتخابات البلدية",
        slug=f"live-{LiveCoveragePage.objects.count() + 1}",
        summary="متابعة لحظة بلحظة.",
        coverage_start=timezone.now() - timedelta(hours=2),
        **fields,
    )
    section.add_child(instance=page)
    for entry in entries:
        page.entries.add(LiveEntry(**entry))
    page.save_revision().publish()
    return page


@pytest.fixture
def section():
    site = make_site("casablanca.localhost", default=True)
    make_site("beirut.localhost")
    return make_section(site)


def minutes_ago(n):
    return timezone.now() - timedelta(minutes=n)


def test_page_shows_pinned_entry_first_then_newest_with_arabic_relative_times(client, section):
    page = make_coverage(
        section,
        entries=[
            {"text": "<p>فتح مكاتب الاقتراع</p>", "posted_at": minutes_ago(90), "pinned": True},
            {"text": "<p>نسبة المشاركة ترتفع</p>", "posted_at": minutes_ago(5)},
            {"text": "<p>طوابير أمام المدارس</p>", "posted_at": minutes_ago(2)},
        ],
    )
    html = client.get(page.url, HTTP_HOST="casablanca.localhost").content.decode()
    order = [html.index(t) for t in ("فتح مكاتب الاقتراع", "طوابير أمام المدارس", "نسبة المشاركة ترتفع")]
    assert order == sorted(order)
    assert "منذ دقيقتين" in html and "منذ 5 دقائق" in html and "منذ 90 دقيقة" in html
    assert "مثبّت" in html and "مباشر" in html


def test_json_poll_has_a_validator_and_shows_new_entries(client, section):
    page = make_coverage(section, entries=[{"text": "<p>أول مستجد</p>", "posted_at": minutes_ago(3)}])
    url = f"/live/coverage/{page.pk}/"
    first = client.get(url, HTTP_HOST="casablanca.localhost")
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    assert first.json()["live"] is True and "أول مستجد" in first.json()["entries"][0]["html"]
    unchanged = client.get(url, HTTP_HOST="casablanca.localhost", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    page = LiveCoveragePage.objects.get(pk=page.pk)
    page.entries.add(LiveEntry(text="<p>مستجد ثان</p>", posted_at=timezone.now()))
    page.save_revision().publish()
    changed = client.get(url, HTTP_HOST="casablanca.localhost", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert [("مستجد ثان" in e["html"]) for e in changed.json()["entries"]] == [True, False]


def test_a_corrected_entry_says_so(client, section):
    page = make_coverage(
        section,
        entries=[
            {
                "text": "<p>الحصيلة ثلاثة جرحى</p>",
                "posted_at": minutes_ago(20),
                "correction": "كانت الحصيلة المنشورة أولًا خمسة جرحى.",
                "corrected_at": minutes_ago(10),
            }
        ],
    )
    html = client.get(page.url, HTTP_HOST="casablanca.localhost").content.decode()
    assert "تصحيح" in html and "كانت الحصيلة المنشورة أولًا خمسة جرحى." in html


def test_ended_coverage_says_so_and_the_poll_reports_it(client, section):
    page = make_coverage(section, coverage_end=minutes_ago(1), entries=[{"text": "<p>آخر مستجد</p>"}])
    html = client.get(page.url, HTTP_HOST="casablanca.localhost").content.decode()
    assert "انتهت التغطية" in html
    assert client.get(f"/live/coverage/{page.pk}/", HTTP_HOST="casablanca.localhost").json()["live"] is False


def test_structured_data_is_a_live_blog_posting(client, section):
    page = make_coverage(section, entries=[{"text": "<p>مستجد</p>", "heading": "عنوان المستجد"}])
    html = client.get(page.url, HTTP_HOST="casablanca.localhost").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = next(d for d in map(json.loads, blocks) if d.get("@type") == "LiveBlogPosting")
    assert data["coverageStartTime"] and data["liveBlogUpdate"][0]["headline"] == "عنوان المستجد"
    assert data["liveBlogUpdate"][0]["@type"] == "BlogPosting"


def test_home_links_the_coverage_while_it_is_live(client, section):
    page = make_coverage(section, demonstration=True)
    home = client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    assert page.title in home and "عرض توضيحي" in home
    page.coverage_end = minutes_ago(1)
    page.save_revision().publish()
    from django.core.cache import cache

    cache.clear()
    assert page.title not in client.get("/", HTTP_HOST="casablanca.localhost").content.decode()


def test_poll_of_an_unknown_draft_or_other_sites_coverage_is_404(client, section):
    page = make_coverage(section)
    assert client.get(f"/live/coverage/{page.pk}/", HTTP_HOST="beirut.localhost").status_code == 404
    assert client.get("/live/coverage/999999/", HTTP_HOST="casablanca.localhost").status_code == 404
    page.unpublish()
    response = client.get(f"/live/coverage/{page.pk}/", HTTP_HOST="casablanca.localhost")
    assert response.status_code == 404 and "تغطية" in response.json()["error"]


def test_an_entry_with_no_text_is_refused_in_arabic():
    with pytest.raises(ValidationError) as error:
        LiveEntry(text="<p> </p>").clean()
    assert "اكتب نص المستجد" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError):
        LiveEntry(text="<p>نص</p>", quote="تصريح بلا صاحب").clean()
