"""The importer writes the page tree as treebeard would and the article rows with the model's columns."""

import json

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from akhbar.importers.jsonl import import_jsonl
from akhbar.importers.models import ImportedItem
from akhbar.importers.rows import insert_rows, table_fields
from akhbar.importers.tree import child_path, step_of
from akhbar.news.models import ArticlePage, SectionPage
from tests.factories import make_site

pytestmark = pytest.mark.django_db


def row(n: int, **fields) -> str:
    data = {
        "id": f"T-{n}",
        "title": f"خبر {n}",
        "text": "نص الخبر.",
        "category": "sport",
        "published": "17/05/2015",
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def site():
    return make_site("casablanca.localhost", default=True)


def table_columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}


def test_article_rows_are_written_with_every_column_of_the_model_and_of_the_table():
    written = [f.column for f in table_fields(ArticlePage)]
    assert written == [f.column for f in ArticlePage._meta.local_concrete_fields]
    assert set(written) == table_columns(ArticlePage)


def test_columns_the_importer_does_not_set_get_the_models_defaults(site):
    import_jsonl([row(1)], site)
    article = ArticlePage.objects.get()
    for field in table_fields(ArticlePage):
        if field.attname in {"page_ptr_id", "summary", "body", "first_published", "last_updated"}:
            continue
        assert getattr(article, field.attname) == field.get_default(), field.name
    assert article.summary == "نص الخبر." and [b.block_type for b in article.body] == ["paragraph"]


def test_insert_rows_refuses_a_key_that_is_not_a_column(site):
    with pytest.raises(ValueError, match="no column"):
        insert_rows(ArticlePage, [{"page_ptr_id": 1, "headline": "x"}])


def test_insert_rows_works_for_any_model_and_fills_automatic_timestamps(site):
    page = site.root_page
    insert_rows(ImportedItem, [{"site_id": site.pk, "external_id": "E-1", "page_id": page.pk}])
    item = ImportedItem.objects.get()
    assert item.external_id == "E-1" and abs((timezone.now() - item.imported_at).total_seconds()) < 60


@pytest.mark.parametrize("step", [1, 2, 35, 36, 37, 1295, 1296, 46655])
def test_tree_positions_encode_as_treebeard_reads_them(step):
    path = child_path("0001", step)
    assert len(path) == 4 + Page.steplen and step_of(path) == step
    assert path[4:] == format_base36(step)


def format_base36(number: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = Page.alphabet[digit] + digits
    return digits.rjust(Page.steplen, "0")


def test_editors_can_add_an_article_after_an_import_and_the_tree_stays_whole(site):
    import_jsonl([row(n) for n in range(40)], site, section_from_category=True, batch_size=7)
    section = SectionPage.objects.get(title="رياضة")
    assert section.numchild == 40
    added = section.add_child(instance=ArticlePage(title="خبر من المحرر", slug="from-editor"))
    assert step_of(added.path) == 41
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_import_repairs_child_counts_left_wrong_by_an_interrupted_older_import(site):
    import_jsonl([row(1), row(2)], site, section_from_category=True)
    section = SectionPage.objects.get(title="رياضة")
    Page.objects.filter(pk=section.pk).update(numchild=0)  # what the older importer left after a kill
    import_jsonl([row(3)], site, section_from_category=True)
    assert Page.objects.get(pk=section.pk).numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])
