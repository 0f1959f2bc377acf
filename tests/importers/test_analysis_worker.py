"""The worker process that analyzes the next batch's text gives the terms the index would compute, and
a worker that fails only costs time."""

import json

import pytest
from wagtail.models import Page

from akhbar.importers.analysis import AnalysisPool
from akhbar.importers.jsonl import import_jsonl
from akhbar.search.bulk import document_terms
from akhbar.search.indexing import IndexDocument
from akhbar.search.models import SearchEntry
from akhbar.search.service import search
from tests.factories import make_site

WORDS = ["البرتقال", "الزيتون", "الموانئ", "الطائرات", "القطارات", "الجامعات", "المستشفيات"]


def document(page_id: int, title, body: str = "الفقرة الأولى عن الاقتصاد التونسي.") -> IndexDocument:
    return IndexDocument(
        page_id=page_id, site_id=1, section_id=2, published=None, title=title, summary="ملخص", body=body
    )


def test_terms_from_the_worker_are_those_the_index_computes():
    documents = [
        document(1, "ارتفاع أسعار الزيتون في الأسواق"),
        document(2, "Tunis 2016: الانتخابات البلدية"),
    ]
    pool = AnalysisPool(1)
    try:
        got = pool.result(pool.submit([10, 20], documents))
    finally:
        pool.close()
    assert got == {10: document_terms(documents[0]), 20: document_terms(documents[1])}
    assert got[10][0]  # the title has terms


def test_a_failing_worker_only_costs_time():
    pool = AnalysisPool(1)
    try:
        assert pool.result(pool.submit([1], [document(1, None)])) == {}  # the worker raised
        assert pool.submit([2], [document(2, "عنوان")]) is None  # later batches are analyzed inline
    finally:
        pool.close()
    assert AnalysisPool(0).submit([1], [document(1, "عنوان")]) is None


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
