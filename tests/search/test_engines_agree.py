"""SQLite and PostgreSQL rank alike: both first stages give FTS5's BM25 (computed here from the analyzed
terms, as FTS5 defines it), so the same query finds the same first result on either engine. The suite
runs on both (DATABASE_URL), each time against the same reference and the same expected headlines."""

import json
import math
from datetime import timedelta

import pytest
from django.utils import timezone

from akhbar.importers.jsonl import import_jsonl
from akhbar.search.analysis import field_streams
from akhbar.search.backends import Filters, Ranking, forget_corpus_size, get_backend
from akhbar.search.models import SearchEntry
from akhbar.search.query import parse_query
from akhbar.search.service import search
from tests.factories import BASE_TIME, make_site

pytestmark = pytest.mark.django_db
FLAT = Ranking(recency_boost=0.0)
K1, B = 1.2, 0.75

# (title, summary, body)
STORIES = [
    (
        "البرلمان يقر قانون الانتخابات",
        "صوت النواب على القانون",
        "أقر البرلمان قانون الانتخابات الجديد بعد نقاش",
    ),
    ("الانتخابات البلدية في موعدها", "", "قالت اللجنة إن الانتخابات البلدية ستجري في موعدها والبرلمان يتابع"),
    ("أسعار النفط ترتفع", "النفط في الأسواق", "ارتفعت أسعار النفط في الأسواق العالمية والنفط الخام"),
    ("وزير الطاقة يتحدث عن النفط", "", "تحدث وزير الطاقة عن أسعار الطاقة"),
    ("المنتخب يفوز في المباراة", "فوز كبير", "فاز المنتخب الوطني في المباراة النهائية بهدفين"),
    ("ملعب جديد للمنتخب", "", "افتتح ملعب جديد يستضيف مباريات المنتخب والأندية"),
    ("تقرير عن المياه", "المياه والزراعة", "تناول التقرير نقص المياه وأثره على الزراعة والمزارعين"),
    ("الزراعة في الصيف", "", "يستعد المزارعون لموسم الزراعة مع ارتفاع درجات الحرارة"),
]
# The first result each engine must give (the story's headline); the reference agrees (asserted below).
EXPECTED_FIRST = {
    "قانون الانتخابات": "البرلمان يقر قانون الانتخابات",
    "أسعار النفط": "أسعار النفط ترتفع",
    "الطاقة": "وزير الطاقة يتحدث عن النفط",
    "مباراة المنتخب": "المنتخب يفوز في المباراة",
    "الزراعة والمياه": "تقرير عن المياه",
    '"الانتخابات البلدية"': "الانتخابات البلدية في موعدها",
}


@pytest.fixture
def corpus():
    site = make_site("engines.localhost", default=True)
    lines = [
        json.dumps(
            {
                "id": f"e{n}",
                "title": title,
                "abstract": summary,
                "text": body,
                "category": "",
                "published": (BASE_TIME - timedelta(days=n)).isoformat(),
            },
            ensure_ascii=False,
        )
        for n, (title, summary, body) in enumerate(STORIES)
    ]
    assert import_jsonl(lines, site).created == len(STORIES)
    forget_corpus_size()
    yield site
    forget_corpus_size()


def reference_bm25(text: str, ranking: Ranking = FLAT) -> dict[int, float]:
    """FTS5's bm25() of every entry holding a query word, from the analyzed terms (plain words only)."""
    query = parse_query(text)
    docs = {}
    for entry in SearchEntry.objects.all():
        streams = [field_streams(entry.title), field_streams(entry.summary), field_streams(entry.body)]
        facets = sum(1 for v in (entry.site_id, entry.section_id) if v is not None)
        docs[entry.page_id] = (streams, sum(len(s.light) + len(s.extra) for s in streams) + facets)
    n = len(docs)
    avgdl = sum(length for _streams, length in docs.values()) / n
    weights = (ranking.title, ranking.summary, ranking.body)
    phrases = []  # (term, stream, weight factor)
    for w in query.words:
        phrases.append((w.light, "light", 1.0))
        phrases.extend((t, "extra", ranking.extra) for t in w.extra)
    scores = {}
    for page_id, (streams, length) in docs.items():
        score = 0.0
        for term, stream, factor in phrases:
            held = sum(1 for s, _l in docs.values() if any(term in getattr(f, stream) for f in s))
            idf = max(math.log((n - held + 0.5) / (held + 0.5)), 1e-6) if held else 0.0
            f = sum(
                w * factor * getattr(s, stream).count(term) for w, s in zip(weights, streams, strict=True)
            )
            score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * length / avgdl))
        if score > 0:
            scores[page_id] = score
    return scores


def first_stage(text: str) -> list[tuple[int, float]]:
    _total, hits = get_backend().search(parse_query(text), Filters(), FLAT, timezone.now(), 20, 0)
    return hits


@pytest.mark.parametrize("text", ["قانون الانتخابات", "أسعار النفط", "مباراة المنتخب", "الزراعة والمياه"])
def test_the_first_stage_score_is_fts5s_bm25(corpus, text):
    expected = reference_bm25(text)
    hits = first_stage(text)
    assert {pk for pk, _ in hits} == set(expected)
    # PostgreSQL's term frequencies pass through float4 (ts_rank_cd): equal to about 1e-6.
    assert dict(hits) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("text", sorted(EXPECTED_FIRST))
def test_both_engines_give_the_same_first_result(corpus, text):
    first = search(text, with_snippets=True, now=BASE_TIME).hits[0].title
    assert first == EXPECTED_FIRST[text]
    if '"' not in text:
        reference = reference_bm25(text)
        assert first_stage(text)[0][0] == max(reference, key=reference.get)
