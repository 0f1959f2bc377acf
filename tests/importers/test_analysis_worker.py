"""The worker process that analyzes the next batch's text gives the terms the index would compute, and
a worker that fails only costs time."""

import json

import pytest
from wagtail.models import Page

from akhbar.importers.analysis import AnalysisPool, work_ahead
from akhbar.importers.jsonl import import_jsonl
from akhbar.importers.lines import Item
from akhbar.search.bulk import document_terms
from akhbar.search.indexing import IndexDocument
from akhbar.search.models import SearchEntry
from akhbar.search.service import search
from tests.factories import make_site

WORDS = ["البرتقال", "الزيتون", "الموانئ", "الطائرات", "القطارات", "الجامعات", "المستشفيات"]


def item(line: int, title, paragraphs=("الفقرة الأولى عن الاقتصاد التونسي.",)) -> Item:
    return Item(line, f"I-{line}", title, "ملخص", tuple(paragraphs), "economy", None, "")


def without_ids(body) -> list[dict]:
    """A prepared body's blocks without their (random) ids: JSON text on SQLite, psycopg's Jsonb
    wrapper (its ``obj``) on PostgreSQL."""
    blocks = body.obj if hasattr(body, "obj") else json.loads(body)
    return [{k: v for k, v in block.items() if k != "id"} for block in blocks]


def test_what_the_worker_computes_is_what_the_writer_would():
    items = [
        item(10, "ارتفاع أسعار الزيتون في الأسواق"),
        item(20, "Tunis 2016: الانتخابات البلدية", ("أ", "ب")),
    ]
    pool = AnalysisPool(1)
    try:
        got = pool.result(pool.submit(items))
    finally:
        pool.close()
    assert sorted(got) == [10, 20]
    for one, inline in zip(items, work_ahead(items), strict=True):
        ahead = got[one.line]
        document = IndexDocument(0, 1, 2, None, one.title, one.summary, "\n".join(one.paragraphs))
        assert ahead.terms == inline.terms == document_terms(document)
        assert ahead.terms[0]  # the title has terms
        assert ahead.slug == inline.slug
        assert without_ids(ahead.body.value) == without_ids(inline.body.value)
    assert [b["value"] for b in without_ids(got[20].body.value)] == ["<p>أ</p>", "<p>ب</p>"]


def test_a_failing_worker_only_costs_time():
    pool = AnalysisPool(1)
    try:
        assert pool.result(pool.submit([item(1, None)])) == {}  # the worker raised
        assert pool.submit([item(2, "عنوان")]) is None  # later batches are worked inline
    finally:
        pool.close()
    assert AnalysisPool(0).submit([item(1, "عنوان")]) is None


@pytest.mark.django_db
def test_an_import_of_many_batches_with_the_worker_indexes_every_article():
    site = make_site("casablanca.localhost", default=True)
    lines = [
        json.dumps(
            {"id": f"W-{n}", "title": f"أخبار {word}", "text": f"فقرة عن {word}.", "category": "economy"},
            ensure_ascii=False,
        )
        for n, word in enumerate(WORDS)
    ]
    report = import_jsonl(lines, site, section_from_category=True, batch_size=2, analysis_workers=1)
    assert (report.created, report.errors) == (len(WORDS), [])
    assert SearchEntry.objects.count() == len(WORDS)
    for word in WORDS:
        hits = search(word).hits
        assert [h.title for h in hits] == [f"أخبار {word}"], word
    assert Page.find_problems() == ([], [], [], [], [])
