"""The backends take their options from settings and cache one corpus statistic, in one place."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from akhbar.search.backends import Options, base, get_backend
from akhbar.search.service import search
from tests.factories import make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def sport():
    return make_section(make_site("casablanca.localhost", default=True), "رياضة")


def test_options_come_from_settings(settings):
    settings.AKHBAR_SEARCH = {"OPTIONS": {"SELECT_BUDGET": 7, "corpus_size_ttl": 5}}
    options = get_backend().options
    assert options.select_budget == 7 and options.corpus_size_ttl == 5
    assert options.score_limit == Options().score_limit  # the others keep their defaults


def test_an_unknown_option_is_a_configuration_error(settings):
    settings.AKHBAR_SEARCH = {"OPTIONS": {"SELECT_BUDGT": 7}}
    with pytest.raises(ImproperlyConfigured, match="SELECT_BUDGT"):
        get_backend()


def test_the_corpus_size_is_cached_and_dropped_when_the_index_changes(sport, django_assert_num_queries):
    make_story(sport, "خبر أول")
    backend = get_backend()
    assert backend.corpus_size() == 1
    with django_assert_num_queries(0):
        assert backend.corpus_size() == 1
    make_story(sport, "خبر ثان")
    assert backend.corpus_size() == 2


def test_an_unreachable_cache_means_counting_not_failing(sport, monkeypatch):
    make_story(sport, "الانتخابات البلدية")

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = delete = get

    monkeypatch.setattr(base, "cache", Down())
    assert get_backend().corpus_size() == 1
    assert search("الانتخابات").total == 1
    make_story(sport, "نتائج الانتخابات")  # writing forgets the cached size: that fails quietly too
    assert get_backend().corpus_size() == 2
