"""Routing an article by its address (akhbar.news.routing): one SELECT compiled once per connection
(akhbar.news.prepared) that reads what the ORM reads, and view restrictions still guarding it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from akhbar.news.models import ArticlePage
from akhbar.news.prepared import Placeholder, PreparedQuery
from akhbar.news.routing import ARTICLE_AT
from tests.factories import make_article, make_network, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


@pytest.fixture
def article(settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_network()
    site = make_site(HOST, default=True)
    return make_article(make_section(site, "رياضة"), "خبر نصل إليه بعنوانه", image=True)


def lookup(article):
    return ARTICLE_AT.first(slug=article.slug, url_path=article.url_path, depth=article.depth)


def test_the_prepared_lookup_reads_what_the_orm_reads(article):
    with CaptureQueriesContext(connection) as queries:
        found = lookup(article)
    assert len(queries.captured_queries) == 1
    expected = ArticlePage.objects.get(pk=article.pk)
    assert type(found) is ArticlePage and found._state.adding is False and found._state.db == "default"
    for field in ArticlePage._meta.concrete_fields:
        if field.name == "body":
            assert list(found.body.raw_data) == list(expected.body.raw_data)
            assert [block.block_type for block in found.body] == ["paragraph", "quote"]
        else:
            assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert found.first_published.tzinfo is not None and found.live is True
    assert found._any_view_restriction is False


def test_an_address_that_is_no_article_finds_nothing(article):
    found = ARTICLE_AT.first(slug="other", url_path=article.url_path + "other/", depth=article.depth + 1)
    assert found is None
    section = article.get_parent()
    found = ARTICLE_AT.first(slug=section.slug, url_path=section.url_path, depth=section.depth)
    assert found is None  # not an article


def test_any_restriction_anywhere_sends_the_article_to_the_exact_rule(article):
    elsewhere = make_section(make_site("beirut.localhost"), "اقتصاد")
    PageViewRestriction.objects.create(page=elsewhere, restriction_type=PageViewRestriction.LOGIN)
    found = lookup(article)
    assert found._any_view_restriction is True
    assert list(found.get_view_restrictions()) == []  # exact rule: the restriction is on another site
    assert Client(HTTP_HOST=HOST).get(article.url).status_code == 200


@pytest.mark.parametrize("level", ["article", "section", "home"])
def test_a_restriction_on_the_article_or_an_ancestor_still_guards_it(article, level):
    page = {"article": article, "section": article.get_parent(), "home": article.get_parent().get_parent()}
    PageViewRestriction.objects.create(page=page[level], restriction_type=PageViewRestriction.LOGIN)
    response = Client(HTTP_HOST=HOST).get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unpublished_article_is_not_found(article):
    article.unpublish()
    assert Client(HTTP_HOST=HOST).get(article.url).status_code == 404


def test_a_placeholder_missing_from_the_sql_or_a_join_is_refused(article):
    ignoring = PreparedQuery(lambda slug: Page.objects.filter(depth=1), [Placeholder("slug", "\x00slug\x00")])
    with pytest.raises(ValueError, match="placeholder slug"):
        ignoring.first(slug="x")
    joined = PreparedQuery(
        lambda slug: ArticlePage.objects.filter(slug=slug).select_related("lead_image"),
        [Placeholder("slug", "\x00slug\x00")],
    )
    with pytest.raises(ValueError, match="one model"):
        joined.first(slug=article.slug)
