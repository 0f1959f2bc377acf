"""bench/scale_build.py (the fast builder of bench/search_scale.py's databases) writes what the importer
writes: the same articles built both ways, into two sites of one database, give the same pages, the same
index entries and terms, and the same search results. Runs on either engine (DATABASE_URL)."""

import sys
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection

from akhbar.importers.jsonl import import_jsonl
from akhbar.importers.models import ImportedItem
from akhbar.news.models import ArticlePage
from akhbar.search.backends import Filters, Ranking, get_backend
from akhbar.search.models import SearchEntry
from akhbar.search.query import parse_query
from tests.factories import make_site

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import scale_build  # noqa: E402

pytestmark = pytest.mark.django_db
SEED = 5
COUNT = 60
POOL = [
    "أقر البرلمان قانون الانتخابات الجديد بعد نقاش طويل بين الكتل النيابية.",
    "ارتفعت أسعار النفط في الأسواق العالمية مع تراجع المخزونات الأمريكية.",
    "فاز المنتخب الوطني في المباراة النهائية بهدفين نظيفين أمام جمهوره.",
    "تناول التقرير نقص المياه وأثره على الزراعة والمزارعين في الجنوب!",
    "قال وزير الطاقة إن الحكومة تدرس رفع الدعم عن المحروقات تدريجيا",
    "افتتح ملعب جديد يستضيف مباريات المنتخب والأندية المحلية هذا الموسم.",
    "أعلنت وزارة الصحة عن حملة تطعيم واسعة للأطفال في المدارس الابتدائية.",
    "شهدت العاصمة مظاهرات سلمية للمطالبة بتحسين الأجور وظروف العمل؟",
    "يستعد المزارعون لموسم الزراعة مع ارتفاع درجات الحرارة في البلاد.",
    "وقعت الشركة اتفاقا لتطوير شبكة الاتصالات من الجيل الخامس في المدن.",
    "ناقش مجلس الأمن الدولي الأزمة الإنسانية في المنطقة وسبل إيصال المساعدات.",
    "افتتح المهرجان الثقافي دورته الجديدة بمشاركة فنانين من عشرين بلدا.",
]
QUERIES = ["قانون الانتخابات", "أسعار النفط", "المنتخب", "الزراعة والمياه", '"وزارة الصحة"', "الجيل الخامس"]


@pytest.fixture
def both():
    """(site built by import_jsonl, site built by scale_build.build), the same articles in each."""
    imported = make_site("imported.localhost")
    built = make_site("built.localhost")
    lines = list(scale_build.articles(POOL, COUNT, SEED))
    assert import_jsonl(lines, imported, section_from_category=True).imported == COUNT
    assert scale_build.build(built, POOL, SEED, 0, COUNT) == COUNT
    return imported, built


def by_article(site, query, key="page_id"):
    """external id -> values (a row's first value is its page id), for the site's imported articles."""
    pages = dict(ImportedItem.objects.filter(site=site).values_list("page_id", "external_id"))
    rows = query.filter(**{f"{key}__in": pages})
    return {pages[row[0]]: row[1:] for row in rows}


def entries(site):
    return by_article(
        site,
        SearchEntry.objects.values_list("page_id", "title", "summary", "body", "published", "section__title"),
    )


def terms(site):
    """external id -> the entry's terms as the backend stores them (not the site and section facets)."""
    ids = dict(SearchEntry.objects.filter(site=site).values_list("id", "page_id"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, title, title_x, summary, summary_x, body, body_x, published FROM search_fts"
            )
        else:
            cursor.execute("SELECT id, document::text, dl FROM search_searchentry")
        rows = {ids[row[0]]: row[1:] for row in cursor.fetchall() if row[0] in ids}
    pages = dict(ImportedItem.objects.filter(site=site).values_list("page_id", "external_id"))
    return {pages[page_id]: row for page_id, row in rows.items()}


def articles(site):
    return by_article(
        site,
        ArticlePage.objects.values_list(
            "pk", "title", "slug", "summary", "first_published", "live", "depth", "authors__name"
        ),
        key="pk",
    )


def test_builder_writes_what_the_importer_writes(both):
    imported, built = both
    assert len(entries(imported)) == COUNT
    assert entries(built) == entries(imported)
    assert terms(built) == terms(imported)
    assert articles(built) == articles(imported)
    bodies = []
    for site in both:  # page bodies: the same paragraphs (their block ids are random)
        pages = dict(ImportedItem.objects.filter(site=site).values_list("page_id", "external_id"))
        bodies.append(
            {pages[a.pk]: [b.value.source for b in a.body] for a in ArticlePage.objects.filter(pk__in=pages)}
        )
    assert bodies[1] == bodies[0]


def test_builder_gives_the_same_search_results(both):
    imported, built = both
    backend = get_backend()
    now = datetime.fromisoformat("2019-01-01T00:00:00+00:00")
    found = 0
    for text in QUERIES:
        results = []
        for site in both:
            pages = dict(ImportedItem.objects.filter(site=site).values_list("page_id", "external_id"))
            total, hits = backend.search(parse_query(text), Filters(site_id=site.pk), Ranking(), now, 10, 0)
            results.append((total, [(pages[page_id], round(score, 9)) for page_id, score in hits]))
        assert results[1] == results[0], text
        found += len(results[0][1])
    assert found > 0


def test_term_memo_gives_the_analyzer_streams():
    from akhbar.search.analysis import field_streams

    memo = scale_build.TermMemo()
    text = "\n".join(POOL[:4]) + "\nالمنتخب\n" + POOL[0]
    streams = memo.streams(text)
    direct = field_streams(text)
    assert (streams.light, streams.extra) == (direct.light, direct.extra)
    assert len(memo.lines) == 5  # the repeated line was analyzed once
