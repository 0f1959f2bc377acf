"""Rendered fragments of the article page (akhbar.news.fragments): kept between renders, and stale the
moment what they show changes (publish, edit, unpublish, a comment, the site's profile)."""

import re

import pytest
from django.test import Client

from akhbar.comments.models import Comment
from akhbar.comments.services import purge_article
from akhbar.network.models import SiteProfile
from akhbar.news import fragments, queries
from tests.comments.factories import make_comment
from tests.factories import make_article, make_network, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


@pytest.fixture
def stories(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every GET renders: what is left is the fragments
    make_network()
    site = make_site(HOST, default=True)
    sport, economy = make_section(site, "رياضة"), make_section(site, "اقتصاد")
    reading = make_article(sport, "الخبر الذي نقرؤه")
    shown = make_article(economy, "خبر في المزيد من الأخبار")
    return site, reading, shown


def render(page) -> str:
    response = Client(HTTP_HOST=HOST).get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_stored_fragment_is_served_without_rendering_it_again(stories, monkeypatch):
    _site, reading, shown = stories
    assert shown.title in render(reading)

    def fail(*args, **kwargs):
        raise AssertionError("more news was computed again")

    monkeypatch.setattr(queries, "attach_sections", fail)
    assert shown.title in render(reading)  # the "more news" panel came from the cache


def test_publishing_an_edit_of_a_story_shown_in_a_fragment_shows_the_edit(stories):
    _site, reading, shown = stories
    assert shown.title in render(reading)
    shown.title = "عنوان معدّل للخبر"
    shown.save_revision().publish()
    html = render(reading)
    assert "عنوان معدّل للخبر" in html and "خبر في المزيد من الأخبار" not in html


def test_unpublishing_a_story_removes_it_from_the_fragments(stories):
    _site, reading, shown = stories
    assert shown.title in render(reading)
    shown.unpublish()
    assert shown.title not in render(reading)


def test_a_newly_published_story_appears_in_the_fragments(stories):
    _site, reading, shown = stories
    render(reading)
    fresh = make_article(shown.get_parent().specific, "خبر نشر للتو", live=False)
    assert "خبر نشر للتو" not in render(reading)
    fresh.save_revision().publish()
    assert "خبر نشر للتو" in render(reading)


def test_an_edit_of_the_article_itself_shows_in_its_head(stories):
    _site, reading, _shown = stories
    assert "الخبر الذي نقرؤه" in render(reading)
    reading.title = "عنوان جديد للخبر"
    reading.save_revision().publish()
    html = render(reading)
    assert '<meta property="og:title" content="عنوان جديد للخبر">' in html or (
        html.count("عنوان جديد للخبر") >= 3 and "الخبر الذي نقرؤه" not in html
    )


def test_a_new_comment_shows_in_the_stored_thread(stories):
    _site, reading, _shown = stories
    assert "تعليق ظاهر للقراء" not in render(reading)
    make_comment(reading, body="تعليق ظاهر للقراء", status=Comment.APPROVED)
    purge_article(reading.pk)  # what publishing or approving a comment does
    assert "تعليق ظاهر للقراء" in render(reading)


def test_a_change_to_the_site_profile_shows_in_the_masthead(stories):
    site, reading, _shown = stories
    render(reading)
    profile = SiteProfile.objects.get(site=site)
    profile.tagline = "شعار جديد للموقع"
    profile.save()
    assert "شعار جديد للموقع" in render(reading)


def test_editors_and_a_cache_outage_get_a_fresh_render(stories, monkeypatch, rf):
    request = rf.get("/", HTTP_HOST=HOST)
    assert fragments.fragment_key(request, "x", [1]) is not None
    assert fragments.fragment_key(request, "x", [None]) is None  # a part unknown: not kept
    request.COOKIES["sessionid"] = "editor"
    assert fragments.fragment_key(request, "x", [1]) is None

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(fragments, "_cache", Down)
    _site, reading, shown = stories
    assert shown.title in render(reading)


def test_the_version_is_shared_by_every_process_through_the_state_store(stories):
    """Without Redis each gunicorn worker has its own "default" cache: a change seen in one worker must
    still reach the others, so the version lives in the shared "state" store (the database there)."""
    from django.core.cache import caches

    before = fragments.fragments_version()
    assert before == str(caches["state"].get(fragments.VERSION_KEY))
    assert caches["default"].get(fragments.VERSION_KEY) is None  # not in a worker's own cache
    fragments.forget_fragments()
    after = fragments.fragments_version()
    assert after != before and after == str(caches["state"].get(fragments.VERSION_KEY))


def test_a_state_store_outage_renders_every_fragment_afresh(stories, monkeypatch):
    from django.core.cache import caches

    from akhbar.caching import versions

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("state store down")

        add = set = get

    monkeypatch.setattr(versions, "caches", {"state": Down(), "default": caches["default"]})
    assert fragments.fragments_version() is None
    _site, reading, _shown = stories
    assert "خبر في المزيد من الأخبار" in render(reading)


def test_related_stories_are_stored_and_follow_an_edit_and_a_new_pick(stories, monkeypatch):
    from akhbar.news.models import ArticlePage, ArticleRelatedPick

    _site, reading, shown = stories
    other = make_article(shown.get_parent().specific, "خبر آخر يختاره المحرر")
    ArticleRelatedPick.objects.create(page_ref=reading, page=shown, sort_order=0)
    reading.save_revision().publish()  # picks are saved with a publish of the article
    html = render(reading)
    assert html.count(shown.title) == 2  # "you may also like" and "more news"

    def fail(*args, **kwargs):
        raise AssertionError("related stories were loaded again")

    with monkeypatch.context() as patched:
        patched.setattr(ArticlePage, "related_stories", fail)
        assert render(reading).count(shown.title) == 2  # the panel came from the cache
    shown.title = "عنوان جديد للخبر المختار"
    shown.save_revision().publish()
    assert render(reading).count("عنوان جديد للخبر المختار") == 2
    ArticleRelatedPick.objects.create(page_ref=reading, page=other, sort_order=1)
    reading.save_revision().publish()
    assert "خبر آخر يختاره المحرر" in render(reading)


def test_the_lead_image_markup_follows_a_new_caption_and_a_new_focal_point(stories):
    from tests.factories import make_image

    _site, reading, _shown = stories
    reading.lead_image, reading.lead_caption = make_image(), "الصورة الأولى"
    reading.save_revision().publish()
    first = render(reading)
    assert 'alt="الصورة الأولى"' in first and "srcset=" in first
    reading.lead_caption = "تعليق جديد على الصورة"
    reading.save_revision().publish()
    assert 'alt="تعليق جديد على الصورة"' in render(reading)
    old_src = re.search(r'src="([^"]+)"', render(reading).split('class="lead-figure"')[1]).group(1)
    image = reading.lead_image  # the same image, cropped around a new focal point: new renditions
    image.focal_point_x = image.focal_point_y = 40
    image.focal_point_width = image.focal_point_height = 20
    image.save()
    new_src = re.search(r'src="([^"]+)"', render(reading).split('class="lead-figure"')[1]).group(1)
    assert new_src != old_src
