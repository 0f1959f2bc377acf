"""Second-stage ranking of the best candidates: evidence that BM25 over the whole story does not see.

The first stage (akhbar.search.backends) ranks every match by BM25 with field weights and a recency
factor. For the first ``depth`` candidates, five signals are read from the original text, through the
index analyzer (so a word matches in any of its forms), and combined in log space:

    log score = log(first-stage score)
            + proximity_weight * proximity  the largest idf-weighted share of the query's words found
                                            within any ``window`` consecutive words of one field
            + pair_weight      * pairs      the idf-weighted share of the query's adjacent word pairs
                                            found in the same order, at most 3 words apart (the ordered
                                            part of a sequential dependence model)
            + saturation_weight * bm25_full BM25 of the story as one field with full length
                                            normalisation (b = 1): each word saturates once over the
                                            whole story, so a long story that repeats a name in its
                                            headline, summary and body does not collect it three times
            + lede_weight      * lede       how early the query's words first appear after the
                                            headline (summary, then body): the mean over the query's
                                            words of 1 / (1 + first position / lede_scale), 0 for a
                                            word that is absent. News is written as an inverted
                                            pyramid: a story about something names it in its lede.
            + coverage_weight  * coverage   the idf-weighted share of the query's words the story has

A query word also matches its surface variants here (another person prefix of a verb: a question's
يقع, a text's تقع; a four-letter word without its clitic: لكأس, كأس; akhbar.search.analysis), which the
index is not searched for. A query word matched only through its heavy stem or a variant, never its
light one, counts ``stem_discount`` of its weight in all of them (the light stem is the strong
evidence, the others recall).

The weights, the depth, the window, the lede scale and the stem discount are what bench/search_tune.py
finds (a grid of shapes, coordinate ascent of the weights, on the "dev" half of bench/search_eval.py's questions
only; it prints whether they equal these); the "test" half checks them. See docs/decisions.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from akhbar.arabic.analyzer import INDEX_ANALYZER
from akhbar.arabic.normalize import normalize_for_search
from akhbar.arabic.stem import nisba_stem
from akhbar.arabic.tokenize import WORD_RE

from .analysis import WordTerms


@dataclass(frozen=True)
class Rerank:
    depth: int = 50
    window: int = 20
    proximity_weight: float = 0.75
    pair_weight: float = 0.5
    saturation_weight: float = 0.15
    lede_weight: float = 3.0
    coverage_weight: float = 0.0
    lede_scale: float = 5.0
    reference_length: float = 250.0
    max_chars: int = 4000
    # A query word with a nisba ending (البلدية) that a story matches only through its shorter stem
    # (البلد, البلدان) counts this much of its weight in every signal above; only for light stems of at
    # most nisba_stem_letters letters (docs/decisions.md).
    nisba_discount: float = 0.5
    nisba_stem_letters: int = 3
    # A query word that a story matches only through the heavier (Snowball) stem, never through its
    # light stem (مباراة "a match" and مبارك "Mubarak" share Snowball's مبار), counts this much of its weight
    # in every signal above: the light stem is the strong evidence, the heavy one recall
    # (docs/decisions.md, "Search quality that generalizes").
    stem_discount: float = 0.75
    # Whether a query word also matches its surface variants (another person prefix of a verb, a
    # four-letter word without its clitic: akhbar.search.analysis.surface_variants) in the second stage.
    variants: bool = True


DEFAULT_RERANK = Rerank()
K1 = 1.2
PAIR_GAP = 3


class Features(NamedTuple):
    """What the second stage reads from one candidate (all but bm25_full are shares in [0, 1])."""

    coverage: float
    proximity: float
    pairs: float
    bm25_full: float
    lede: float


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


STOPWORD = -2


def _matches(
    text: str,
    lookup: dict[str, int],
    seen: dict[str, int],
    nisba: list[str] | None = None,
    own_forms: set[int] | None = None,
    light_forms: set[int] | None = None,
) -> tuple[list[tuple[int, int]], int]:
    """(position, query word number) of every word of ``text`` that matches a query word, positions
    counted over the words that are not stopwords, and how many such words there are. ``lookup`` maps
    each query term to 2 × its word's number, + 1 for the word's light term (lookup_for). ``seen``
    remembers each distinct word's answer for the query (shared by its candidates). With ``nisba``
    (each query word's nisba form, or ""), the numbers of the query words matched in that form are
    added to ``own_forms``; with ``light_forms``, those matched light stem to light stem."""
    events: list[tuple[int, int]] = []
    append = events.append
    seen_get = seen.get
    word_terms = INDEX_ANALYZER.word_terms
    position = 0
    for word in WORD_RE.findall(text):
        code = seen_get(word)
        if code is None:
            terms = word_terms(word)
            code = STOPWORD if not terms else -1
            for k, term in enumerate(terms):
                code = lookup.get(term, -1)
                if code >= 0:
                    # Keep the light flag only for the story word's own light term.
                    code = code if k == 0 else code & ~1
                    break
            seen[word] = code
        if code == STOPWORD:
            continue
        if code >= 0:
            match = code >> 1
            append((position, match))
            if code & 1 and light_forms is not None:
                light_forms.add(match)
            if nisba and nisba[match] and match not in own_forms and _nisba_of(word) == nisba[match]:
                own_forms.add(match)
        position += 1
    return events, position


_nisba_memo: dict[str, str] = {}


def _nisba_of(word: str) -> str:
    form = _nisba_memo.get(word)
    if form is None:
        if len(_nisba_memo) > 100_000:
            _nisba_memo.clear()
        form = _nisba_memo[word] = nisba_stem(normalize_for_search(word))
    return form


def _best_window(events: list[tuple[int, int]], weights: list[float], window: int) -> float:
    """The largest weight of distinct query words inside any ``window`` consecutive words."""
    counts: dict[int, int] = {}
    mass = best = 0.0
    left = 0
    for position, word in events:
        while events[left][0] <= position - window:
            old = events[left][1]
            counts[old] -= 1
            if counts[old] == 0:
                mass -= weights[old]
            left += 1
        if counts.get(word, 0) == 0:
            mass += weights[word]
        counts[word] = counts.get(word, 0) + 1
        if mass > best:
            best = mass
    return best


class Reading(NamedTuple):
    """What the second stage reads from one story once: for each field (title, summary, body) the
    (position, query word number) of its matching words and its number of words, and the query words
    matched in their own nisba form, and those matched through their light stem."""

    fields: list[tuple[list[tuple[int, int]], int]]
    own_forms: set[int]
    light_forms: set[int] = frozenset()


def read(
    texts: list[str],
    lookup: dict[str, int],
    seen: dict[str, int] | None = None,
    nisba: list[str] | None = None,
) -> Reading:
    """Read one story's fields (``lookup``: index term -> query word number; ``seen``: a dict shared by
    the candidates of one query, so each distinct word is analyzed once; ``nisba``: each query word's
    nisba form where Rerank.nisba_discount applies, else "")."""
    seen = {} if seen is None else seen
    own_forms: set[int] = set()
    light_forms: set[int] = set()
    fields = [_matches(text, lookup, seen, nisba, own_forms, light_forms) for text in texts]
    return Reading(fields, own_forms, light_forms)


def features_of(
    reading: Reading, weights: list[float], rerank: Rerank = DEFAULT_RERANK, nisba: list[str] | None = None
) -> Features:
    """The second stage's evidence from one story's reading, for query words of idf ``weights``."""
    total = sum(weights) or 1.0
    # A nisba word matched only through its shorter stem counts nisba_discount of itself everywhere,
    # a word matched only through its heavy stem stem_discount.
    scale = [1.0] * len(weights)
    if nisba and rerank.nisba_discount != 1.0:
        scale = [
            rerank.nisba_discount if nisba[i] and i not in reading.own_forms else 1.0
            for i in range(len(weights))
        ]
    if rerank.stem_discount != 1.0:
        scale = [f if i in reading.light_forms else f * rerank.stem_discount for i, f in enumerate(scale)]
    pair_total = sum(weights[i] + weights[i + 1] for i in range(len(weights) - 1))
    weights = [w * f for w, f in zip(weights, scale, strict=True)]
    pairs: set[int] = set()
    tf: dict[int, int] = {}
    first: dict[int, int] = {}
    best = 0.0
    length = 0
    after_headline = 0
    for field_no, (events, words) in enumerate(reading.fields):
        length += words
        for n, (position, word) in enumerate(events):
            tf[word] = tf.get(word, 0) + 1
            for later, other in events[n + 1 :]:
                if later > position + PAIR_GAP:
                    break
                if other == word + 1:
                    pairs.add(word)
                    break
            if field_no > 0 and word not in first:
                first[word] = after_headline + position
        if field_no > 0:
            after_headline += words
        if events:
            best = max(best, _best_window(events, weights, rerank.window))
    norm = K1 * length / rerank.reference_length
    return Features(
        coverage=sum(weights[i] for i in tf) / total,
        proximity=best / total,
        pairs=sum(weights[i] + weights[i + 1] for i in pairs) / pair_total if pair_total else 0.0,
        bm25_full=sum(weights[i] * t * (K1 + 1) / (t + norm) for i, t in tf.items()),
        lede=sum(scale[i] / (1 + p / rerank.lede_scale) for i, p in first.items()) / max(len(weights), 1),
    )


def features(
    texts: list[str],
    weights: list[float],
    lookup: dict[str, int],
    rerank: Rerank = DEFAULT_RERANK,
    seen: dict[str, int] | None = None,
    nisba: list[str] | None = None,
) -> Features:
    """``read`` then ``features_of``: the evidence from one story's fields."""
    return features_of(read(texts, lookup, seen, nisba), weights, rerank, nisba)


def combine(first_stage: float, f: Features, rerank: Rerank = DEFAULT_RERANK) -> float:
    """The final score of a candidate: the first-stage score times exp(the weighted evidence), i.e. the
    sum above in log space, kept positive for the API (never below the first-stage score)."""
    evidence = (
        rerank.proximity_weight * f.proximity
        + rerank.pair_weight * f.pairs
        + rerank.saturation_weight * f.bm25_full
        + rerank.lede_weight * f.lede
        + rerank.coverage_weight * f.coverage
    )
    return max(first_stage, 1e-12) * math.exp(evidence)


def nisba_forms(words: list[WordTerms], rerank: Rerank = DEFAULT_RERANK) -> list[str]:
    """Each query word's nisba form where the discount applies (a short light stem), else ""."""
    return [w.nisba if len(w.light) <= rerank.nisba_stem_letters else "" for w in words]


def lookup_for(words: list[WordTerms], variants: bool = True) -> dict[str, int]:
    """Index term -> 2 × query word number, + 1 when it is the word's light term (the first word wins
    a shared term; a word's light term before any word's heavier one, and those before the words'
    surface variants, which count as heavy matches; ``variants`` False leaves the variants out)."""
    lookup: dict[str, int] = {}
    for i, word in enumerate(words):
        lookup.setdefault(word.light, 2 * i + 1)
    for i, word in enumerate(words):
        for term in word.extra:
            lookup.setdefault(term, 2 * i)
    if variants:
        for i, word in enumerate(words):
            for term in word.variants:
                lookup.setdefault(term, 2 * i)
    return lookup
