"""The analyzer on real articles from ../shared/data/news (skipped when the data is absent)."""

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from akhbar.arabic import analyze, index_terms, tokenize

JAWHARAFM = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "news" / "ant-jawharafm.jsonl.gz"

pytestmark = pytest.mark.skipif(not JAWHARAFM.exists(), reason="shared news data not available")


def articles(n: int) -> list[str]:
    with gzip.open(JAWHARAFM, "rt", encoding="utf-8") as lines:
        return [f"{a['title']}\n{a['text']}" for a in map(json.loads, islice(lines, n))]


def test_every_term_of_real_articles_points_back_at_its_word():
    for text in articles(150):
        tokens = tokenize(text)
        assert all(text[t.start : t.end] == t.text for t in tokens)
        for term in index_terms(text):
            assert term.term in analyze(text[term.start : term.end])


def test_real_articles_keep_most_of_their_words_as_terms():
    text = "\n".join(articles(50))
    words = [t for t in tokenize(text) if t.kind == "arabic"]
    positions = {t.position for t in index_terms(text)}
    assert 0.5 < len(positions) / len(words) < 0.9  # stopwords go, content stays
