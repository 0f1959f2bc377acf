"""The index rows the bulk importer writes (terms computed in its worker process, entries in bulk) are
those that indexing each article through the normal path (akhbar.search.indexing) gives."""

import json

import pytest
from django.db import connection

from akhbar.importers.jsonl import import_jsonl
from akhbar.search.analysis import FIELDS, Streams, document_fields_streams, field_streams
from akhbar.search.backends import get_backend
from akhbar.search.indexing import index_pages
from akhbar.search.models import SearchEntry
from tests.factories import make_site

pytestmark = pytest.mark.django_db

ARTICLES = [
    # no abstract: the summary is the first paragraph, which the body repeats
    {"title": "ارتفاع أسعار الزيت في تونس", "text": "قال الوزير إن الأسعار سترتفع.\nوفي 2016 ارتفعت بـ5%."},
    {
        "title": "Tunis: الانتخابات البلدية",
        "abstract": "ملخص عن البلديات",
        "text": "الفقرة الأولى عن البلدية",
    },
    {"title": "هذا ما قاله الرئيس ماكرون", "text": "ما قاله\nما قاله\nلـCNN و AFP مساء الخميس"},
    {"title": "الْعَرَبِيَّة بالتشكيل", "abstract": "", "text": "كلمات\u200cمع\u200dوصل و#وسم و ١٧ أيار ٢٠١٥"},
    {"title": "خبر بلا نص"},
]


def lines() -> list[str]:
    return [
        json.dumps(
            {"id": f"B-{n}", "category": "economy", "published": "17/05/2015 10:00", **article},
            ensure_ascii=False,
        )
        for n, article in enumerate(ARTICLES)
    ]


def index_rows() -> dict[int, tuple]:
    """Each indexed page's entry and the terms its backend stores, by page."""
    rows = {}
    with connection.cursor() as cursor:
        for entry in SearchEntry.objects.all():
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT title, title_x, summary, summary_x, body, body_x, facets, published "
                    "FROM search_fts WHERE rowid = %s",
                    [entry.pk],
                )
            else:
                cursor.execute("SELECT document::text, dl FROM search_searchentry WHERE id = %s", [entry.pk])
            terms = cursor.fetchall()
            rows[entry.page_id] = (
                entry.site_id,
                entry.section_id,
                entry.published,
                entry.title,
                entry.summary,
                entry.body,
                terms,
            )
    return rows


@pytest.mark.parametrize("workers", [1, 0])
def test_bulk_index_rows_equal_those_of_the_normal_path(workers):
    site = make_site("casablanca.localhost", default=True)
    report = import_jsonl(lines(), site, section_from_category=True, batch_size=2, analysis_workers=workers)
    assert (report.created, report.errors) == (len(ARTICLES), [])
    bulk = index_rows()
    assert len(bulk) == len(ARTICLES) and all(row[-1] for row in bulk.values())
    assert index_pages(report.page_ids) == len(ARTICLES)  # the normal path, page by page from the database
    assert index_rows() == bulk


def test_terms_of_a_document_are_each_fields_own_terms():
    """A line shared between fields is analyzed once, with the same result as each field alone."""
    backend = get_backend()
    for article in ARTICLES:
        paragraphs = [p for p in article.get("text", "").split("\n") if p]
        texts = (
            article["title"],
            article.get("abstract") or (paragraphs[0] if paragraphs else ""),
            "\n".join(paragraphs),
        )
        assert len(texts) == len(FIELDS)
        fields = document_fields_streams(texts)
        assert fields == tuple(field_streams(text) for text in texts)
        assert backend.terms_value(fields) == backend.terms_value(tuple(field_streams(t) for t in texts))


def test_field_streams_follow_the_analyzer_word_by_word():
    from akhbar.arabic.analyzer import INDEX_ANALYZER
    from akhbar.arabic.tokenize import WORD_RE

    text = " ".join(a["title"] + " " + a.get("text", "") for a in ARTICLES) + " وهذا فهذا بماذا بلدية"
    expected = Streams()
    for word in WORD_RE.findall(text):
        terms = INDEX_ANALYZER.word_terms(word)
        if terms:
            expected.light.append(terms[0])
            expected.extra.extend(terms[1:])
    assert field_streams(text) == expected
    assert len(expected.light) < len(WORD_RE.findall(text))  # stopwords left no term
