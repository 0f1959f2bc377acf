"""Second-stage ranking of the best candidates: how much of the query a story covers, and how close
together it has the query's words.

BM25 scores each word on its own; a reader's question ("متى تأسست جامعة القاهرة") is best answered by
the text that has most of its distinctive words, and has them near one another. For the first
``depth`` candidates, two shares of the query's idf mass are computed from the original text, through
the index analyzer (so a word matches in any of its forms):

- coverage: the idf-weighted share of the query's words that the story contains anywhere;
- proximity: the largest idf-weighted share found within any window of ``window`` consecutive words.

The score becomes ``bm25 * (1 + coverage_weight * coverage + proximity_weight * proximity)``.
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
    window: int = 12
    coverage_weight: float = 1.0
    proximity_weight: float = 1.0
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
    texts: list[str], weights: list[float], lookup: dict[str, int], window: int
) -> tuple[float, float]:
    """(coverage, proximity) of one story's fields for query words of idf ``weights``; each field is
    read up to the caller's cut (long bodies are cut, their lead carries the story)."""
    total = sum(weights) or 1.0
    present: set[int] = set()
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
            if position >= window:
                old = ids[position - window]
                if old >= 0:
                    counts[old] -= 1
                    if counts[old] == 0:
                        mass -= weights[old]
            if mass > best:
                best = mass
    coverage = sum(weights[i] for i in present) / total
    return coverage, best / total


def lookup_for(words: list[WordTerms]) -> dict[str, int]:
    """Index term -> query word number (the first word wins a shared term)."""
    lookup: dict[str, int] = {}
    for i, word in enumerate(words):
        for term in word.all:
            lookup.setdefault(term, i)
    return lookup
