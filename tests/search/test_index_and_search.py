"""The index follows the pages, and search finds what a reader means."""

from datetime import timedelta

import pytest
from django.db import connection

from akhbar.search.backends import Filters, Ranking
from akhbar.search.backends.sqlite.query import FTS_TABLE
from akhbar.search.models import SearchEntry
from akhbar.search.service import search
from tests.factories import BASE_TIME, make_author, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_site("casablanca.localhost", default=True, name_ar="الدار البيضاء")


@pytest.fixture
def sport(site):
    return make_section(site, "رياضة")


def titles(results):
    return [hit.title for hit in results.hits]


def test_a_new_live_article_is_searchable_with_other_forms_of_its_words(sport):
    make_story(sport, "المنتخب المغربي يفوز على نظيره التونسي", "فاز المنتخبُ في المباراة الودية.")
    for query in ("منتخب", "المنتخبات", "مغربي", "المغرب", "مباراة"):
        assert titles(search(query)) == ["المنتخب المغربي يفوز على نظيره التونسي"], query


def test_hamza_and_vowel_marks_do_not_matter(sport):
    make_story(sport, "إطلاق مسابقة الأدب", "أعلنت الوزارة إطلاق مسابقة جديدة.")
    assert search("اطلاق").total == 1
    assert search("إِطْلَاق").total == 1


def test_publishing_a_revision_reindexes_and_unpublishing_removes(sport):
    article = make_story(sport, "خبر عن الزراعة", "موسم الحصاد")
    article.title = "خبر عن الصيد البحري"
    article.save_revision().publish()
    assert search("الزراعة").total == 0
    assert search("البحري").total == 1
    article.unpublish()
    assert search("البحري").total == 0
    assert not SearchEntry.objects.filter(page=article).exists()


def test_deleting_an_article_removes_it_from_the_index_and_the_fts_table(sport):
    article = make_story(sport, "خبر سيحذف", "نص الخبر المحذوف")
    entry_id = article.search_entry.pk
    article.delete()
    assert search("المحذوف").total == 0
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])
            assert cursor.fetchone()[0] == 0


def test_moving_an_article_updates_its_section_filter(site, sport):
    culture = make_section(site, "ثقافة")
    article = make_story(sport, "معرض الكتاب يفتح أبوابه", "معرض الكتاب الدولي")
    assert search("معرض", Filters(section_id=culture.pk)).total == 0
    article.move(culture, pos="last-child")
    assert search("معرض", Filters(section_id=culture.pk)).total == 1
    assert search("معرض", Filters(section_id=sport.pk)).total == 0


def test_headline_matches_rank_above_body_matches(sport):
    # Both stories name the floods in their first sentence; the one whose headline is about them wins.
    make_story(sport, "أخبار متفرقة", "وفي سياق آخر ذكر التقرير الفيضانات مرة واحدة.", published=BASE_TIME)
    make_story(sport, "الفيضانات تغمر القرى", "غمرت الفيضانات عشر قرى أمس.", published=BASE_TIME)
    assert titles(search("الفيضانات"))[0] == "الفيضانات تغمر القرى"


def test_a_headline_match_ranks_above_a_passing_mention_deep_in_another_story(sport):
    make_story(sport, "تقرير الطقس الأسبوعي", "كلام عن الطقس. " * 40 + "ذكر الفيضانات.", published=BASE_TIME)
    make_story(sport, "الفيضانات تغمر القرى", "تقرير عن الطقس.", published=BASE_TIME)
    assert titles(search("الفيضانات"))[0] == "الفيضانات تغمر القرى"


def test_a_story_that_names_the_words_in_its_lede_ranks_above_one_that_names_them_late(sport):
    make_story(sport, "أخبار اليوم", "افتتح مهرجان قرطاج الدولي دورته الجديدة. " + "تفاصيل. " * 30)
    make_story(sport, "أخبار الأمس", "تفاصيل. " * 30 + "وفي الختام افتتح مهرجان قرطاج الدولي دورته.")
    assert titles(search("مهرجان قرطاج"))[0] == "أخبار اليوم"


def test_recency_boost_orders_equal_matches_newest_first_and_can_be_turned_off(sport):
    old = make_story(sport, "الانتخابات البلدية", "", published=BASE_TIME - timedelta(days=400))
    new = make_story(sport, "الانتخابات البلدية", "", published=BASE_TIME)
    boosted = search("الانتخابات", now=BASE_TIME)
    assert [h.page_id for h in boosted.hits] == [new.pk, old.pk]
    flat = search("الانتخابات", now=BASE_TIME, ranking=Ranking(recency_boost=0))
    assert flat.hits[0].score == pytest.approx(flat.hits[1].score)


def test_exact_phrase_needs_the_words_together_and_in_order(sport):
    make_story(sport, "وزير الصحة يزور المستشفى", "")
    make_story(sport, "الصحة أولا يقول الوزير", "")
    assert titles(search('"وزير الصحة"')) == ["وزير الصحة يزور المستشفى"]
    assert search("وزير الصحة").total == 2


def test_excluded_words_and_phrases_remove_results(sport):
    make_story(sport, "الانتخابات التشريعية في تونس", "")
    make_story(sport, "الانتخابات البلدية في تونس", "")
    assert titles(search("الانتخابات -البلدية")) == ["الانتخابات التشريعية في تونس"]
    assert titles(search('تونس -"الانتخابات التشريعية"')) == ["الانتخابات البلدية في تونس"]


def test_filters_by_site_section_author_and_dates(site, sport):
    other_site = make_site("beirut.localhost", name_ar="بيروت")
    other_section = make_section(other_site, "رياضة")
    author = make_author("سلمى")
    mine = make_story(sport, "سباق الدراجات", "", published=BASE_TIME)
    mine.authors.set([author])
    mine.save()
    make_story(other_section, "سباق الدراجات في بيروت", "", published=BASE_TIME - timedelta(days=10))
    assert search("سباق").total == 2
    assert titles(search("سباق", Filters(site_id=site.pk))) == ["سباق الدراجات"]
    assert titles(search("سباق", Filters(section_id=other_section.pk))) == ["سباق الدراجات في بيروت"]
    assert titles(search("سباق", Filters(author_id=author.pk))) == ["سباق الدراجات"]
    window = Filters(date_from=BASE_TIME - timedelta(days=11), date_to=BASE_TIME - timedelta(days=9))
    assert titles(search("سباق", window)) == ["سباق الدراجات في بيروت"]


def test_pagination_splits_results_and_counts_them_all(sport):
    for n in range(13):
        make_story(sport, f"مباراة رقم {n}", "")
    first, second = search("مباراة", per_page=10), search("مباراة", page=2, per_page=10)
    assert first.total == second.total == 13
    assert len(first.hits) == 10 and len(second.hits) == 3
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}
    assert first.num_pages == 2 and first.has_next and not second.has_next


def test_snippets_come_from_the_original_body_with_marks(sport):
    make_story(sport, "عنوان", "مقدمة طويلة لا علاقة لها.\nوأكدت وزارةُ الفلاحة أن المحصول وفير.")
    hit = search("وزارة الفلاحة").hits[0]
    assert "<mark>وزارةُ</mark>" in hit.snippet
    assert "<mark>الفلاحة</mark>" in hit.snippet


def test_a_query_of_stopwords_only_finds_nothing_without_error(sport):
    make_story(sport, "من هنا وهناك", "")
    results = search("من في")
    assert results.query.is_empty and results.total == 0


def test_reindex_command_rebuilds_the_index(sport):
    from django.core.management import call_command

    make_story(sport, "أمطار غزيرة", "")
    SearchEntry.objects.all().delete()
    assert search("أمطار").total == 0
    call_command("reindex", "--no-related")
    assert search("أمطار").total == 1


def test_a_rare_word_counts_more_than_a_common_one_repeated(sport):
    # On PostgreSQL ts_rank has no corpus statistics; the first stage weights each word by its idf.
    for n in range(5):
        make_story(sport, f"الحكومة تناقش الملف رقم {n}", "ناقشت الحكومة الملف.", published=BASE_TIME)
    make_story(
        sport, "الحكومة تجتمع", "الحكومة قالت إن الحكومة ستعرض على الحكومة خطة الحكومة.", published=BASE_TIME
    )
    make_story(sport, "خبر عن الزلزال", "وقع الزلزال صباحا.", published=BASE_TIME)
    first = search("الزلزال الحكومة", rerank=None)
    assert titles(first)[0] == "خبر عن الزلزال"
