"""Related stories: editors' picks first, automatic ones from the index, computed on publish."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akhbar.news.models import ArticleRelatedPick
from akhbar.search.models import RelatedStories
from akhbar.search.related import compute_related
from tests.factories import BASE_TIME, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db

DAM = "سد النهضة"


@pytest.fixture
def sections():
    site = make_site("casablanca.localhost", default=True)
    return make_section(site, "دولي"), make_section(site, "رياضة")


def make_cluster(world, sport):
    """Three stories about the dam, one about football, one about the dam in another section."""
    stories = [
        make_story(
            world,
            f"مفاوضات {DAM} تتعثر من جديد",
            f"أعلنت مصر أن مفاوضات {DAM} مع إثيوبيا والسودان تعثرت.",
            published=BASE_TIME,
        ),
        make_story(
            world,
            f"إثيوبيا تبدأ ملء {DAM}",
            f"بدأت إثيوبيا المرحلة الثانية من ملء {DAM} رغم اعتراض مصر والسودان.",
            published=BASE_TIME - timedelta(days=2),
        ),
        make_story(
            world,
            f"السودان يطالب باتفاق ملزم حول {DAM}",
            f"طالب السودان باتفاق قانوني ملزم بشأن ملء {DAM}.",
            published=BASE_TIME - timedelta(days=5),
        ),
        make_story(
            sport, "الأهلي يفوز على الزمالك", "فاز الأهلي على الزمالك في مباراة القمة.", published=BASE_TIME
        ),
        make_story(
            sport,
            f"{DAM} في أحاديث الرياضيين",
            f"تحدث لاعبون عن {DAM}.",
            published=BASE_TIME - timedelta(days=400),
        ),
    ]
    return stories


def test_related_stories_share_distinctive_words_and_prefer_section_and_time(sections):
    world, sport = sections
    first, second, third, football, far = make_cluster(world, sport)
    related = compute_related(first.pk)
    assert set(related[:2]) == {second.pk, third.pk}
    assert related.index(far.pk) > 1
    assert football.pk not in related
    assert first.pk not in related


def test_publishing_stores_related_stories_and_the_page_reads_them_without_computing(sections, client):
    world, sport = sections
    first, second, third, *_ = make_cluster(world, sport)
    first.save_revision().publish()
    stored = RelatedStories.objects.get(page=first).page_ids
    assert second.pk in stored
    RelatedStories.objects.filter(page=first).update(page_ids=[third.pk])
    with CaptureQueriesContext(connection) as queries:
        titles = [s.title for s in first.related_stories()]
    assert titles == [third.title]
    assert not any("search_fts" in q["sql"] or "document @@" in q["sql"] for q in queries.captured_queries)


def test_editors_picks_come_first_then_automatic_ones_fill_up(sections):
    world, sport = sections
    first, second, third, football, far = make_cluster(world, sport)
    ArticleRelatedPick.objects.create(page_ref=first, page=football, sort_order=0)
    RelatedStories.objects.update_or_create(
        page=first, defaults={"page_ids": [second.pk, football.pk, third.pk]}
    )
    assert [s.pk for s in first.related_stories(limit=3)] == [football.pk, second.pk, third.pk]
    assert [s.pk for s in first.related_stories(limit=2)] == [football.pk, second.pk]


def test_unpublished_related_stories_are_not_shown(sections):
    world, sport = sections
    first, second, third, *_ = make_cluster(world, sport)
    RelatedStories.objects.update_or_create(page=first, defaults={"page_ids": [second.pk, third.pk]})
    second.unpublish()
    assert [s.pk for s in first.related_stories()] == [third.pk]


def test_article_page_shows_the_related_panel(sections, client):
    world, sport = sections
    first, second, *_ = make_cluster(world, sport)
    first.save_revision().publish()
    html = client.get(first.url, HTTP_HOST="casablanca.localhost").content.decode()
    assert "قد يهمك أيضًا" in html
    assert second.title in html


def test_near_copies_are_not_recommended(sections):
    world, _sport = sections
    text = "أعلنت وزارة الصحة عن حملة تلقيح وطنية واسعة تشمل كل الأطفال في المدارس العمومية والخاصة."
    original = make_story(world, "حملة تلقيح وطنية للأطفال", text)
    copy = make_story(world, "حملة تلقيح وطنية للأطفال", text)
    assert copy.pk not in compute_related(original.pk)


def test_two_copies_of_one_story_are_not_both_recommended(sections):
    world, _sport = sections
    story = make_story(world, "قمة عربية في الرياض", "تستضيف الرياض قمة عربية يحضرها القادة لبحث الأزمات.")
    text = "انطلقت في الرياض أعمال القمة العربية بحضور القادة العرب وبحثت الأزمات في المنطقة."
    first_copy = make_story(world, "انطلاق القمة العربية", text)
    second_copy = make_story(world, "انطلاق القمة العربية", text)
    related = compute_related(story.pk)
    assert len({first_copy.pk, second_copy.pk} & set(related)) == 1


def test_an_older_story_with_a_short_list_gains_the_newer_story_that_chose_it(sections):
    world, sport = sections
    first, second, third, *_ = make_cluster(world, sport)
    RelatedStories.objects.update_or_create(page=second, defaults={"page_ids": []})
    first.save_revision().publish()
    assert first.pk in RelatedStories.objects.get(page=second).page_ids
