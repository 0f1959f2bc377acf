"""Each change to an article indexes it once, from one definition of what is indexed."""

from collections import Counter

import pytest
from wagtail.search import index

from akhbar.news.models import ArticlePage
from akhbar.search import indexing, tasks
from akhbar.search.indexing import indexed_fields
from akhbar.search.models import SearchEntry
from akhbar.search.service import search
from tests.factories import make_article, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_site("casablanca.localhost", default=True)


@pytest.fixture
def sport(site):
    return make_section(site, "رياضة")


@pytest.fixture
def writes(monkeypatch):
    """Counts, per page, the documents written to the index and the removals asked for."""
    counts: Counter = Counter()
    write_documents, remove_pages = indexing.write_documents, indexing.remove_pages

    def counting_write(documents, **kwargs):
        counts.update(("write", d.page_id) for d in documents)
        return write_documents(documents, **kwargs)

    def counting_remove(page_ids):
        page_ids = list(page_ids)
        counts.update(("remove", pk) for pk in page_ids)
        return remove_pages(page_ids)

    monkeypatch.setattr(indexing, "write_documents", counting_write)
    monkeypatch.setattr(indexing, "remove_pages", counting_remove)
    monkeypatch.setattr(tasks, "remove_pages", counting_remove)
    return counts


def draft(section, title: str) -> ArticlePage:
    return make_article(section, title, live=False, first_published=None, last_updated=None)


def test_publishing_a_draft_indexes_it_once(sport, writes):
    article = draft(sport, "الوداد يفوز بالديربي")
    assert writes == Counter()
    article.save_revision().publish()
    assert writes == Counter({("write", article.pk): 1})
    assert search("الديربي").total == 1


def test_republishing_indexes_once_and_the_index_has_the_new_text(sport, writes):
    article = draft(sport, "الوداد يفوز بالديربي")
    article.save_revision().publish()
    writes.clear()
    article.title = "الرجاء يفوز بالديربي"
    article.save_revision().publish()
    assert writes == Counter({("write", article.pk): 1})
    assert [h.title for h in search("الرجاء").hits] == ["الرجاء يفوز بالديربي"]


def test_an_article_created_live_is_indexed_once(sport, writes):
    article = make_story(sport, "مهرجان السينما يفتتح دورته", "افتتح المهرجان")
    assert writes == Counter({("write", article.pk): 1})


def test_unpublishing_removes_once_and_writes_nothing(sport, writes):
    article = make_story(sport, "مهرجان السينما يفتتح دورته")
    writes.clear()
    article.unpublish()
    assert writes == Counter({("remove", article.pk): 1})
    assert not SearchEntry.objects.filter(page=article).exists()


def test_moving_indexes_once(site, sport, writes):
    culture = make_section(site, "ثقافة")
    article = make_story(sport, "معرض الكتاب يفتح أبوابه")
    writes.clear()
    article.move(culture, pos="last-child")
    assert writes == Counter({("write", article.pk): 1})
    assert SearchEntry.objects.get(page=article).section_id == culture.pk


def test_deleting_removes_once(sport, writes):
    """Wagtail announces a live page's deletion as an unpublish; the entry would go with the page anyway
    (on_delete=CASCADE, and a trigger drops its terms on SQLite)."""
    article = make_story(sport, "خبر سيحذف")
    writes.clear()
    article.delete()
    assert writes == Counter({("remove", article.pk): 1})
    assert not SearchEntry.objects.exists()


def test_an_in_place_save_naming_indexed_fields_reindexes_once(sport, writes):
    article = make_story(sport, "خبر أول")
    writes.clear()
    article.summary = "ملخص عن الانتخابات"
    article.save(update_fields=["summary"])
    assert writes == Counter({("write", article.pk): 1})
    writes.clear()
    article.save(update_fields=["slug"])  # nothing indexed changed
    assert writes == Counter()


def test_the_indexed_text_is_defined_by_the_models_search_fields():
    columns = indexed_fields(ArticlePage)
    assert columns == {"title": ("title",), "summary": ("kicker", "summary"), "body": ("body",)}
    wagtail_fields = {
        f.field_name for f in ArticlePage.get_search_fields() if isinstance(f, index.SearchField)
    }
    assert {name for names in columns.values() for name in names} <= wagtail_fields


def test_the_lead_caption_is_neither_searched_nor_quoted(sport):
    article = make_story(
        sport,
        "الوداد يفوز بالديربي",
        "سجل المهاجم هدفين في الشوط الثاني.",
        lead_caption="رسم توضيحي مولد لقسم الرياضة",
    )
    entry = SearchEntry.objects.get(page=article)
    assert "رسم" not in entry.body and "رسم" not in entry.summary
    assert search("توضيحي").total == 0
    hit = search("المهاجم").hits[0]
    assert "توضيحي" not in hit.snippet
