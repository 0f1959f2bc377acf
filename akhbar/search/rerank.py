"""Second-stage ranking of the best candidates: how much of the query a story covers, and how close
together it has the query's words.

BM25 scores each word on its own; a reader's question ("متى تأسست جامعة القاهرة") is best answered by
the text that has most of its distinctive words, and has them near one another. For the first
``depth`` candidates, two shares of the query's idf mass are computed from the original text, through
the index analyzer (so a word matches in any of its forms):

- coverage: the idf-weighted share of the query's words that the story contains anywhere;
- proximity: the largest idf-weighted share found within any window of ``window`` consecutive words;
- pairs: the idf-weighted share of the query's adjacent word pairs that appear in the same order,
  at most 3 words apart (the ordered-window part of a sequential dependence model).

The score becomes ``bm25 * (1 + coverage_weight * coverage + proximity_weight * proximity + pair_weight
* pairs)``. The defaults were chosen on the "dev" half of bench/search_eval.py (see docs/decisions.md):
coverage adds nothing once proximity is there, so its weight is 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from akhbar.arabic.analyzer import INDEX_ANALYZER
from akhbar.arabic.tokenize import WORD_RE

from .analysis import WordTerms


@dataclass(frozen=True)
class Rerank:
    depth: int = 30
    window: int = 20
    coverage_weight: float = 0.0
    proximity_weight: float = 2.0
    pair_weight: float = 0.5
    max_chars: int = 4000


DEFAULT_RERANK = Rerank()


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _word_ids(text: str, lookup: dict[str, int]) -> list[int]:
    """For each word of ``text``: the index of the query word it matches, or -1."""
    out = []
    memo_get = INDEX_ANALYZER._memo.get
    word_terms = INDEX_ANALYZER.word_terms
    for word in WORD_RE.findall(text):
        terms = memo_get(word)
        if terms is None:
            terms = word_terms(word)
        match = -1
        for term in terms:
            match = lookup.get(term, -1)
            if match >= 0:
                break
        out.append(match)
    return out


def features(
    texts: list[str], weights: list[float], lookup: dict[str, int], window: int, gap: int = 3
) -> tuple[float, float, float]:
    """(coverage, proximity, pairs) of one story's fields for query words of idf ``weights``; pairs is
    the idf-weighted share of the query's adjacent word pairs found in order, at most ``gap`` words apart."""
    total = sum(weights) or 1.0
    present: set[int] = set()
    pairs: set[int] = set()
    best = 0.0
    for text in texts:
        ids = _word_ids(text, lookup)
        present.update(i for i in ids if i >= 0)
        counts: dict[int, int] = {}
        mass = 0.0
        for position, word in enumerate(ids):
            if word >= 0:
                if counts.get(word, 0) == 0:
                    mass += weights[word]
                counts[word] = counts.get(word, 0) + 1
                if word + 1 in ids[position + 1 : position + 1 + gap]:
                    pairs.add(word)
            if position >= window:
                old = ids[position - window]
                if old >= 0:
                    counts[old] -= 1
                    if counts[old] == 0:
                        mass -= weights[old]
            if mass > best:
                best = mass
    coverage = sum(weights[i] for i in present) / total
    pair_total = sum(weights[i] + weights[i + 1] for i in range(len(weights) - 1))
    pair_share = sum(weights[i] + weights[i + 1] for i in pairs) / pair_total if pair_total else 0.0
    return coverage, best / total, pair_share


def lookup_for(words: list[WordTerms]) -> dict[str, int]:
    """Index term -> query word number (the first word wins a shared term)."""
    lookup: dict[str, int] = {}
    for i, word in enumerate(words):
        for term in word.all:
            lookup.setdefault(term, i)
    return lookup
