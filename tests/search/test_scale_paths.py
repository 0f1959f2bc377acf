"""The bounded query paths that keep SQLite search fast on large indexes (akhbar.search.backends.sqlite.planner).

The thresholds are lowered so that a small index takes the paths a large one takes: candidates from
the rarest words, common words scored on them only, pairs of common words, headline-only candidates, the
"newest" path, and totals estimated on the newest entries.
"""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings

from akhbar.importers.jsonl import import_jsonl
from akhbar.search.backends import Filters, Ranking, Total, forget_corpus_size, get_backend
from akhbar.search.backends.postgres.planner import Planner as PostgresPlanner
from akhbar.search.query import parse_query
from akhbar.search.service import search
from tests.factories import BASE_TIME, make_site

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the bounded plans are SQLite's (FTS5 BM25 costs)"
)
FLAT = Ranking(recency_boost=0.0)
FILLER = "تقرير موسع يتناول تفاصيل متعددة حول الموضوع المطروح"

# (title, body): «الزلزال» is rare (2 entries), «الحكومة» (6) and «الميزانية» (5) are common, 2 entries
# hold both, «البرلمان» is in 8, every other entry of the 16.
STORIES = [
    ("الزلزال يضرب المدينة الساحلية", "الزلزال خلف أضرارا في المدينة الساحلية"),
    ("الحكومة تبحث آثار الزلزال", "اجتمعت الحكومة لبحث الأضرار والحكومة تعد خطة"),
    ("الحكومة تقر الميزانية الجديدة", "صادقت الحكومة على الميزانية بعد نقاش طويل"),
    ("الميزانية والحكومة في جلسة", "عرضت الحكومة مشروع الميزانية"),
    ("الحكومة تعين سفيرا", FILLER),
    ("الحكومة تفتتح مستشفى", FILLER),
    ("مهرجان الفيلم يختتم دورته", "ذكر التقرير الحكومة مرة"),
    ("الميزانية تثير جدلا", FILLER),
    ("معرض الكتاب يفتح أبوابه", "نوقشت الميزانية في ندوة"),
    ("سوق الأسهم ترتفع", "ارتفعت مؤشرات الميزانية العامة"),
    ("فريق الكرة يفوز بالكأس", FILLER),
    ("موسم الأمطار يبدأ مبكرا", FILLER),
    ("افتتاح مكتبة عامة", FILLER),
    ("سباق الدراجات في الجبال", FILLER),
    ("حملة لتشجير الأحياء", FILLER),
    ("مسابقة للشعر العربي", FILLER),
]


@pytest.fixture
def corpus():
    site = make_site("scale.localhost", default=True)
    lines = []
    for n, (title, body) in enumerate(STORIES):
        if n % 2:
            body += " وناقش البرلمان الأمر"
        lines.append(
            json.dumps(
                {
                    "id": f"s{n}",
                    "title": title,
                    "abstract": "",
                    "text": body,
                    "category": "",
                    "published": (BASE_TIME - timedelta(days=n)).isoformat(),
                },
                ensure_ascii=False,
            )
        )
    report = import_jsonl(lines, site)
    assert report.created == len(STORIES)
    forget_corpus_size()
    yield site
    forget_corpus_size()


def options(settings) -> dict:
    return dict((getattr(settings, "AKHBAR_SEARCH", None) or {}).get("OPTIONS", {}))


def tune(settings, **changes):
    """Set some of the backends' options (settings.AKHBAR_SEARCH["OPTIONS"]), keeping the others."""
    settings.AKHBAR_SEARCH = {"OPTIONS": {**options(settings), **changes}}


@pytest.fixture
def bounded(settings):
    """Thresholds of a large index, scaled down to 16 entries."""
    tune(settings, SELECT_BUDGET=3, SCORE_LIMIT=100, DF_WINDOW=1000)


def first_stage(text, filters=None, limit=20):
    return get_backend().search(parse_query(text), filters or Filters(), FLAT, BASE_TIME, limit, 0)


def exact(settings, text, filters=None, limit=20):
    unbounded = {**options(settings), "SELECT_BUDGET": 10**9, "SCORE_LIMIT": 10**9}
    with override_settings(AKHBAR_SEARCH={"OPTIONS": unbounded}):
        return first_stage(text, filters, limit)


def titles(hits):
    from akhbar.search.models import SearchEntry

    names = dict(SearchEntry.objects.values_list("page_id", "title"))
    return [names[page_id] for page_id, _score in hits]


def plan_of(text):
    with connection.cursor() as cursor:
        return get_backend().planner.plan(cursor, parse_query(text).words)


@sqlite_only
def test_a_common_word_is_scored_on_the_rare_words_candidates_with_the_exact_bm25(corpus, bounded, settings):
    plan = plan_of("الزلزال الحكومة")
    assert [w.light for w in plan.select] == [parse_query("الزلزال").words[0].light]
    assert [w.light for w in plan.score] == [parse_query("الحكومة").words[0].light]
    total, hits = first_stage("الزلزال الحكومة")
    _exact_total, exact_hits = exact(settings, "الزلزال الحكومة")
    # The candidates are the two entries with the rare word; their order and scores are those of the
    # plain MATCH of both words, where they are the two best.
    assert [pk for pk, _ in hits] == [pk for pk, _ in exact_hits[:2]]
    assert [s for _, s in hits] == pytest.approx([s for _, s in exact_hits[:2]], rel=1e-9)
    # The common word decides that order: on the rare word alone it is the other way round.
    _total, rare_only = exact(settings, "الزلزال")
    assert [pk for pk, _ in rare_only] == [pk for pk, _ in reversed(hits)]
    assert titles(hits)[0] == "الحكومة تبحث آثار الزلزال"
    # Every candidate was ranked: the total is what the pages hold (7 entries hold either word; the 5
    # with the common word alone are not reached).
    assert total == 2 and not total.estimated


@sqlite_only
def test_two_common_words_select_the_entries_holding_both(corpus, bounded, settings):
    plan = plan_of("الحكومة الميزانية")
    assert not plan.select and len(plan.selectors) == 1 and " AND " in plan.selectors[0]
    _total, hits = first_stage("الحكومة الميزانية")
    _exact_total, exact_hits = exact(settings, "الحكومة الميزانية")
    assert sorted(titles(hits)) == ["الحكومة تقر الميزانية الجديدة", "الميزانية والحكومة في جلسة"]
    assert [pk for pk, _ in hits] == [pk for pk, _ in exact_hits[:2]]
    assert [s for _, s in hits] == pytest.approx([s for _, s in exact_hits[:2]], rel=1e-9)


@sqlite_only
def test_one_common_word_takes_its_headline_matches_with_their_full_scores(corpus, settings, bounded):
    tune(settings, SELECT_BUDGET=4)  # 5 entries hold the word, 3 in a headline
    plan = plan_of("الميزانية")
    assert plan.headline_only and plan.recent_floor is not None
    _total, hits = first_stage("الميزانية")
    assert set(titles(hits)) >= {
        "الحكومة تقر الميزانية الجديدة",
        "الميزانية والحكومة في جلسة",
        "الميزانية تثير جدلا",
    }
    exact_scores = dict(exact(settings, "الميزانية")[1])
    assert [s for _, s in hits] == pytest.approx([exact_scores[pk] for pk, _ in hits], rel=1e-9)
    # The newest entries with the word anywhere are candidates too: with room for all of them, every
    # entry is found.
    tune(settings, SELECT_BUDGET=4.9)
    assert len(first_stage("الميزانية")[1]) == 5


@sqlite_only
def test_very_common_words_take_the_newest_headline_matches_first(corpus, settings, bounded):
    tune(settings, SCORE_LIMIT=5)
    assert plan_of("الحكومة").newest
    _total, hits = first_stage("الحكومة", limit=6)
    # "Newest" is the most recently indexed: the last entry imported (s5) comes first.
    assert titles(hits) == [
        "الحكومة تفتتح مستشفى",
        "الحكومة تعين سفيرا",
        "الميزانية والحكومة في جلسة",
        "الحكومة تقر الميزانية الجديدة",
        "الحكومة تبحث آثار الزلزال",
        "مهرجان الفيلم يختتم دورته",  # the word in its body only
    ]


@sqlite_only
def test_totals_are_estimated_on_the_newest_entries_of_a_large_index(corpus, settings, bounded):
    tune(settings, DF_WINDOW=4)
    results = search("البرلمان")
    # Every other entry holds the word: 2 of the newest 4, scaled to 16 entries.
    assert isinstance(results.total, Total) and results.total.estimated
    assert results.total == 8
    tune(settings, DF_WINDOW=4)
    tune(settings, SELECT_BUDGET=1000)
    exact_results = search("البرلمان")
    assert exact_results.total == 8 and not getattr(exact_results.total, "estimated", False)


@sqlite_only
def test_document_frequencies_are_estimated_above_the_exact_limit(corpus, settings):
    term = parse_query("البرلمان").words[0].light
    assert get_backend().document_frequencies([term]) == {term: 8}
    tune(settings, DF_WINDOW=4)
    tune(settings, EXACT_DF_LIMIT=4)
    rare = parse_query("الزلزال").words[0].light
    # s0 and s1 hold the rare word; the newest 4 entries are s12..s15: none of them.
    assert get_backend().document_frequencies([term, rare]) == {term: 8, rare: 0}


@sqlite_only
def test_exclusions_and_filters_hold_on_the_bounded_path(corpus, bounded, settings):
    assert not plan_of("الزلزال الحكومة").exact
    _total, hits = first_stage("الزلزال الحكومة -المدينة")
    assert titles(hits) == ["الحكومة تبحث آثار الزلزال"]
    other = make_site("other.localhost")
    total, hits = first_stage("الزلزال الحكومة", Filters(site_id=other.pk))
    assert total == 0 and hits == []


def test_a_common_word_beside_a_rare_one_finds_every_match_best_first(corpus):
    """On both backends, at their default thresholds: the entry with both words first, then the rest."""
    results = search("الزلزال الحكومة", ranking=FLAT)
    assert results.total == 7
    assert results.hits[0].title == "الحكومة تبحث آثار الزلزال"
    assert results.hits[1].title == "الزلزال يضرب المدينة الساحلية"


@sqlite_only
def test_the_newest_path_reads_a_window_then_the_rest_when_the_page_is_not_full(corpus, settings, bounded):
    tune(settings, SCORE_LIMIT=5)
    tune(settings, DF_WINDOW=4)
    tune(settings, NEWEST_WINDOW=6)
    assert plan_of("البرلمان").newest  # 2 of the newest 4 entries hold it: about 8 of 16
    # The window (the rowids from the floor estimated for the newest 6 entries: s9..s15) holds 4 of them;
    # a page of 10 is not full, so the last step reads the whole index: all 8, newest first.
    total, hits = first_stage("البرلمان", limit=10)
    assert titles(hits) == [STORIES[n][0] for n in (15, 13, 11, 9, 7, 5, 3, 1)]
    assert total == 8 and not total.estimated  # the whole index was read: every match is counted
    total, hits = first_stage("البرلمان", limit=3)
    assert titles(hits) == [STORIES[n][0] for n in (15, 13, 11)]
    assert total.estimated  # 2 of the newest 4, scaled to 16


@sqlite_only
def test_a_common_word_without_headline_lookup_takes_its_newest_entries_with_exact_scores(
    corpus, settings, bounded
):
    tune(settings, SELECT_BUDGET=4)
    tune(settings, HEADLINE_LIMIT=4)  # «الميزانية» is in 5: no headline filter
    tune(settings, RECENT_ROWS=2)
    plan = plan_of("الميزانية")
    assert not plan.selectors and not plan.headline_only and plan.recent_floor is not None
    _total, hits = first_stage("الميزانية")
    # About 2 of its 5 entries lie in the newest 6.4 (16 * 2 / 5): s8 and s9.
    assert sorted(titles(hits)) == sorted([STORIES[8][0], STORIES[9][0]])
    exact_scores = dict(exact(settings, "الميزانية")[1])
    assert [s for _, s in hits] == pytest.approx([exact_scores[pk] for pk, _ in hits], rel=1e-9)


pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")


@pytest.fixture
def pg_bounded(monkeypatch, settings):
    """PostgreSQL's plan on exact counts (the planner's estimates need ANALYZE) and a budget of 3."""

    def count(self, cursor, tsquery):
        cursor.execute("SELECT count(*) FROM search_searchentry WHERE document @@ %s::tsquery", [tsquery])
        return cursor.fetchone()[0]

    monkeypatch.setattr(PostgresPlanner, "estimate", count)
    tune(settings, SELECT_BUDGET=3)
    tune(settings, EXACT_DF_LIMIT=-2)  # the test table has no statistics (-1)


@pg_only
def test_postgres_ranks_every_match_of_a_table_without_statistics(corpus, settings):
    """Before ANALYZE the planner's estimates are one fixed guess for every word: no plan then."""
    tune(settings, SELECT_BUDGET=3)
    with connection.cursor() as cursor:
        assert not get_backend().planner.large(cursor)
        assert get_backend().planner.plan(cursor, parse_query("الحكومة البرلمان")) is None
    total, hits = first_stage("الحكومة البرلمان", limit=20)
    assert total == 11 and len(hits) == 11


@pg_only
def test_postgres_ranks_the_rare_words_candidates_with_the_full_query(corpus, pg_bounded, settings):
    with connection.cursor() as cursor:
        select = get_backend().planner.plan(cursor, parse_query("الزلزال الحكومة"))
    assert [w.light for w in select] == [parse_query("الزلزال").words[0].light]
    total, hits = first_stage("الزلزال الحكومة")
    with override_settings(AKHBAR_SEARCH={"OPTIONS": {**options(settings), "SELECT_BUDGET": 10**9}}):
        _total, exact_hits = first_stage("الزلزال الحكومة")
    # BM25 of a candidate reads the same corpus statistics (document frequencies, mean length) whatever
    # the candidates are: the two candidates keep their exact scores.
    exact_scores = dict(exact_hits)
    assert sorted(titles(hits)) == sorted([STORIES[0][0], STORIES[1][0]])
    assert [s for _, s in hits] == pytest.approx([exact_scores[pk] for pk, _ in hits], rel=1e-6)
    assert titles(hits)[0] == titles(exact_hits)[0] == "الحكومة تبحث آثار الزلزال"
    assert total == 2


@pg_only
def test_postgres_ranks_the_newest_matches_when_every_word_is_common(corpus, pg_bounded):
    with connection.cursor() as cursor:
        assert get_backend().planner.plan(cursor, parse_query("الحكومة البرلمان")) == []
    total, hits = first_stage("الحكومة البرلمان", limit=20)
    assert total.estimated and total == 11  # the exact count stands in for the planner here
    # With room for every match, all 11 entries are ranked (fetch = 20 + 200 newest).
    assert len(hits) == 11
