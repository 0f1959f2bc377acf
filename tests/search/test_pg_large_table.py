"""PostgreSQL on a large table (akhbar.search.backends.postgres.backend): at most ``rank_limit`` matches are
ranked, the newest, and phrases are ranked on the newest ``newest_window`` entries first. The table is
made "large" and the planner's estimates exact as in tests/search/test_scale_paths.py."""

import pytest
from django.db import connection

from akhbar.search.models import SearchEntry
from akhbar.search.query import parse_query
from tests.search.test_scale_paths import STORIES, corpus, first_stage, pg_bounded, titles, tune

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan"),
]
__all__ = ["corpus", "pg_bounded"]  # fixtures


def newest(n: int) -> set[str]:
    """Titles of the ``n`` most recently indexed entries."""
    return set(SearchEntry.objects.order_by("-id").values_list("title", flat=True)[:n])


def test_postgres_ranks_only_the_newest_rank_limit_matches(corpus, pg_bounded, settings):
    # «البرلمان» is in the 8 odd stories; with a budget it fits, the plan ranks its matches, at most 3.
    tune(settings, SELECT_BUDGET=100, RANK_LIMIT=3, RECENCY_WINDOW=0)
    from akhbar.search.backends import get_backend

    with connection.cursor() as cursor:
        assert get_backend().planner.plan(cursor, parse_query("البرلمان")) is None
    total, hits = first_stage("البرلمان", limit=3)
    assert total.estimated and total == 8  # the (here exact) estimate, not what was ranked
    assert set(titles(hits)) == {STORIES[n][0] for n in (11, 13, 15)}
    tune(settings, RANK_LIMIT=100)  # every match ranked: the best three are others
    _total, best = first_stage("البرلمان", limit=3)
    assert set(titles(best)) != set(titles(hits))
    _total, every = first_stage("البرلمان", limit=8)
    assert set(titles(every)) == {STORIES[n][0] for n in range(1, 16, 2)}


def test_postgres_ranks_a_phrase_on_the_newest_entries_first(corpus, pg_bounded, settings):
    # «وناقش البرلمان» is in the 8 odd stories; the newest 4 entries (12-15) hold 2 of them.
    tune(settings, NEWEST_WINDOW=4, RANK_LIMIT=100, RECENCY_WINDOW=0)
    _total, hits = first_stage('"وناقش البرلمان"', limit=2)
    assert set(titles(hits)) == {STORIES[13][0], STORIES[15][0]}
    # Three asked: the window leaves the page short, so every match is ranked.
    _total, hits = first_stage('"وناقش البرلمان"', limit=3)
    assert len(hits) == 3 and not set(titles(hits)) <= newest(4)
