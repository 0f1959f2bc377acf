"""RSS feeds read the way a feed reader reads them: fetched over the test client, parsed by feedparser."""

import feedparser
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from akhbar.network.models import SiteProfile
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


def fetch(path: str, host: str = HOST):
    return Client().get(path, HTTP_HOST=host)


def parse(path: str, host: str = HOST):
    response = fetch(path, host)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def story(section, title, author=None, tags=(), **fields):
    article = make_article(section, title, **fields)
    if author is not None:
        article.authors.add(author)
    for tag in tags:
        article.tags.add(tag)
    if author is not None or tags:
        article.save()
    return article


def test_site_feed_items_are_complete_for_a_feed_reader(newsroom):
    article = story(
        newsroom["sport"], "الوداد يفوز في «الديربي» & يتصدر", newsroom["author"], ["الوداد"], image=True
    )
    feed = parse("/feed/")

    assert feed.feed.language == "ar"
    assert feed.feed.title == "أنباء الدار البيضاء"
    assert feed.feed.link == "http://casablanca.localhost/"
    (entry,) = feed.entries
    assert entry.title == "الوداد يفوز في «الديربي» & يتصدر"
    assert entry.link == "http://casablanca.localhost/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/" + article.slug + "/"
    assert entry.id == entry.link and entry.guidislink is False
    assert entry.published_parsed[:5] == article.first_published.utctimetuple()[:5]
    assert entry.author == "سلمى بنعلي"
    assert {t.term for t in entry.tags} == {"رياضة", "الوداد"}
    assert entry.summary == "ملخص قصير للخبر يشرح ما جرى."
    (media,) = entry.media_content
    assert media["medium"] == "image" and media["type"] == "image/jpeg"
    assert media["url"].startswith("http://casablanca.localhost/media/images/")
    (enclosure,) = entry.enclosures
    rendition = article.lead_image.get_rendition("fill-1200x675|format-jpeg")
    assert int(enclosure.length) == rendition.file.size > 0
    assert enclosure.type == "image/jpeg" and enclosure.href == media["url"]
    assert media["filesize"] == enclosure.length
    assert entry.media_credit[0]["content"] == "تصوير: قسم الصور"
    assert b"<content:encoded>" not in fetch("/feed/").content  # summary only unless the site asks


def test_rss_is_the_same_feed_as_feed(newsroom):
    story(newsroom["sport"], "خبر في الخلاصة")
    assert [e.title for e in parse("/rss/").entries] == [e.title for e in parse("/feed/").entries]


def test_summary_falls_back_to_the_lede_of_the_body(newsroom):
    story(
        newsroom["economy"],
        "ميزانية جديدة",
        summary="",
        body=[("paragraph", "<p>أقرّ البرلمان الميزانية الجديدة بعد نقاش طويل.</p>")],
    )
    (entry,) = parse("/feed/").entries
    assert entry.summary == "أقرّ البرلمان الميزانية الجديدة بعد نقاش طويل."


def test_full_text_is_a_choice_of_each_site(newsroom):
    story(newsroom["economy"], "ميزانية جديدة", body=[("paragraph", "<p>النص <b>الكامل</b> للخبر.</p>")])
    SiteProfile.objects.filter(site=newsroom["site"]).update(feed_full_text=True)
    (entry,) = parse("/feed/").entries
    encoded = [c.value for c in entry.content if c.type == "text/html"]
    assert any("<b>الكامل</b>" in value for value in encoded)


def test_feed_lists_newest_first_and_at_most_thirty(newsroom):
    for n in range(35):
        story(newsroom["sport"], f"خبر رقم {n}")
    titles = [e.title for e in parse("/feed/").entries]
    assert len(titles) == 30
    assert titles[0] == "خبر رقم 0" and titles[-1] == "خبر رقم 29"  # factories date each story earlier


def test_section_author_and_tag_feeds_hold_only_their_stories(newsroom):
    other_author = make_author("كريم", slug="karim")
    story(newsroom["sport"], "خبر رياضي", newsroom["author"], ["الوداد"])
    story(newsroom["economy"], "خبر اقتصادي", other_author, ["الميزانية"])
    story(make_section(newsroom["other"], "رياضة"), "خبر من بيروت", newsroom["author"], ["الوداد"])

    section = parse("/feed/section/رياضة/")
    assert [e.title for e in section.entries] == ["خبر رياضي"]
    assert section.feed.title == "أنباء الدار البيضاء — رياضة"
    assert [e.title for e in parse("/feed/section/economy/").entries] == ["خبر اقتصادي"]
    author = parse("/feed/author/salma/")
    assert [e.title for e in author.entries] == ["خبر رياضي"]
    assert author.feed.link == "http://casablanca.localhost/author/salma/"
    tag_slug = newsroom["sport"].get_children().first().specific.tags.first().slug
    assert [e.title for e in parse(f"/feed/tag/{tag_slug}/").entries] == ["خبر رياضي"]
    assert [e.title for e in parse("/feed/author/salma/", "beirut.localhost").entries] == ["خبر من بيروت"]


def test_network_feed_spans_every_site_with_each_sites_own_links(newsroom):
    story(newsroom["sport"], "خبر من الدار البيضاء")
    story(make_section(newsroom["other"], "سياسة", slug="politics"), "خبر من بيروت")
    feed = parse("/feed/network/", "beirut.localhost")
    links = {e.title: e.link for e in feed.entries}
    assert links["خبر من بيروت"].startswith("http://beirut.localhost/politics/")
    assert links["خبر من الدار البيضاء"].startswith("http://casablanca.localhost/")
    assert feed.feed.title == "مجموعة أخبار الإعلامية"


def test_unpublished_and_private_stories_stay_out_of_feeds(newsroom):
    from wagtail.models import PageViewRestriction

    story(newsroom["sport"], "خبر منشور")
    draft = story(newsroom["sport"], "مسودة")
    draft.unpublish()
    private = story(newsroom["economy"], "خبر خاص")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert [e.title for e in parse("/feed/").entries] == ["خبر منشور"]
    assert [e.title for e in parse("/feed/network/").entries] == ["خبر منشور"]


@pytest.mark.parametrize(
    "path",
    [
        "/feed/section/no-such-section/",
        "/feed/author/nobody/",
        "/feed/tag/no-such-tag/",
        "/feed/section/%D8%A7/",
    ],
)
def test_unknown_section_author_or_tag_is_a_404(newsroom, path):
    assert fetch(path).status_code == 404


def test_a_section_of_another_site_is_a_404(newsroom):
    make_section(newsroom["other"], "ثقافة", slug="culture")
    assert fetch("/feed/section/culture/").status_code == 404
    assert fetch("/feed/section/culture/", "beirut.localhost").status_code == 200


def test_feeds_are_cacheable_by_shared_caches(newsroom):
    story(newsroom["sport"], "خبر")
    response = fetch("/feed/")
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "stale-while-revalidate=" in control


def test_a_stored_feed_is_replaced_when_a_story_is_published(newsroom):
    story(newsroom["sport"], "الخبر الأول")
    assert [e.title for e in parse("/feed/").entries] == ["الخبر الأول"]
    later = make_article(newsroom["sport"], "الخبر الثاني")
    # the factory writes pages directly; an editor's publish goes through a revision and the signal
    later.save_revision().publish()
    assert "الخبر الثاني" in [e.title for e in parse("/feed/").entries]


def test_feed_queries_do_not_grow_with_the_archive(newsroom):
    def queries() -> int:
        caches["default"].clear()  # the factories write pages without publishing: no purge
        parse("/feed/")  # renditions are made on the first read
        caches["default"].clear()
        with CaptureQueriesContext(connection) as captured:
            parse("/feed/")
        return len(captured)

    author = newsroom["author"]
    for n in range(3):
        story(newsroom["sport"], f"خبر {n}", author, [f"وسم {n}"], image=True)
    small = queries()
    for n in range(3, 40):
        story(newsroom["economy"], f"خبر {n}", make_author(f"كاتب {n}"), [f"وسم {n}", "عام"], image=True)
    assert queries() == small


def test_the_site_logo_is_the_channel_image(newsroom):
    from tests.factories import make_image

    story(newsroom["sport"], "خبر مع شعار الموقع")
    assert "image" not in parse("/feed/").feed or not parse("/feed/").feed.image.get("href")
    profile = SiteProfile.objects.get(site=newsroom["site"])
    profile.logo = make_image(size=(1000, 200))
    profile.save()
    caches["default"].clear()
    for path in ("/feed/", "/feed/section/رياضة/"):
        image = parse(path).feed.image
        assert image.href.startswith("http://casablanca.localhost/") and image.href.endswith(".png")
        assert image.title.startswith("أنباء الدار البيضاء")


def test_a_correction_is_in_its_feed_item(newsroom):
    from akhbar.news.corrections import ArticleCorrection

    article = story(newsroom["sport"], "الوداد يفوز", summary="ملخص الخبر.")
    article.corrections.add(ArticleCorrection(kind="correction", text="النتيجة كانت 2-1 لا 3-1."))
    article.save()
    caches["default"].clear()
    entry = parse("/feed/").entries[0]
    assert (
        entry.summary.startswith("ملخص الخبر.") and "تصحيح" in entry.summary and "2-1 لا 3-1" in entry.summary
    )
