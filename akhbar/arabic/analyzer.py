"""Analyzer chains for the search index and for queries, readable top to bottom:

    words of the original text (tokenize.WORD_RE, offsets kept)
    -> normalize_for_search   (lower-case, presentation forms, harakat/tatweel/controls, letter and digit folding)
    -> stopwords              (akhbar's list, also behind one clitic و ف ب ل ك; the query chain also drops
                               question words)
    -> stems                  (Arabic words only): light_stem and snowball_stem, each distinct result a
                               term at the word's position; optionally the normalized surface form too

Indexing two stems of different strength per word retrieves better than either alone (a light stem
keeps precise matches apart, Snowball's heavier one joins more inflections): see docs/decisions.md.

Every word's result is memoized in a bounded dict, so the chain costs one regex match and one dict
lookup per word for the vocabulary already seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .normalize import normalize_for_search
from .stem import light_stem, snowball_stem
from .stopwords import QUESTION_WORDS, STOPWORDS
from .tokenize import WORD_RE

__all__ = [
    "INDEX_ANALYZER",
    "QUERY_ANALYZER",
    "Analyzer",
    "Term",
    "analyze",
    "index_terms",
    "is_stopword",
    "query_terms",
]

_MEMO_LIMIT = 200_000
_CLITICS = frozenset("وفبلك")
_PREPOSITIONS = frozenset("بلك")
# The stopwords a preposition ب ل ك can stand before: nominal words (demonstratives, relatives, كل بعض
# غير مثل, أن, the pronoun suffixes ي ك). Before any other stopword the letter is the word's own: بلدية
# is not ب + لدية, كلم (km) not ك + لم. و and ف go before anything.
_AFTER_PREPOSITION = frozenset(
    normalize_for_search(w)
    for w in """
    ما من ماذا متى كم أي أية ذلك هذا هذه تلك هؤلاء أولئك ذاك هذان هاتان هذين هاتين كل بعض نفس مثل غير
    عدة ذات الذي التي الذين اللذين اللتين اللذان اللتان اللاتي اللواتي أن أنه أنها دون حيث لا نحو هنا
    هناك حين ي ك
    """.split()
)
# A clitic cluster written before digits or Latin letters, often with a tatweel: لـ11, بـ2017, الـ15,
# و2016, لـCNN. The term is what follows it.
_CLITIC_BEFORE_OTHER_SCRIPT = re.compile("(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)(?=[^\u0621-\u064a])")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True, slots=True)
class Term:
    """An index term, with the [start, end) offsets of the word it came from in the original text
    and the word's position (stopwords leave gaps, as in Lucene)."""

    term: str
    start: int
    end: int
    position: int


def is_stopword(normalized: str, stopwords: frozenset[str] = STOPWORDS, *, clitics: bool = True) -> bool:
    """Whether a normalized word is dropped as a stopword: one of ``stopwords``, or (with ``clitics``)
    one behind a clitic: و or ف before any of them (فهذا, وما), ب ل ك before a nominal one (بماذا, لمن,
    بذلك; not بلدية, كلم)."""
    if normalized in stopwords:
        return True
    if not clitics or normalized[:1] not in _CLITICS or normalized[1:] not in stopwords:
        return False
    return normalized[0] not in _PREPOSITIONS or normalized[1:] in _AFTER_PREPOSITION


class Analyzer:
    """One analysis chain: normalize each word, drop stopwords, stem it with each of ``stemmers``
    (distinct results become terms at the same position), and optionally also keep the normalized
    surface form. With no stemmers, the normalized word is the term."""

    def __init__(
        self,
        *,
        stopwords: Iterable[str] = STOPWORDS,
        stemmers: Sequence[Callable[[str], str]] = (light_stem, snowball_stem),
        keep_surface: bool = False,
        clitic_stopwords: bool = True,
        normalizer: Callable[[str], str] = normalize_for_search,
    ) -> None:
        self.stopwords = frozenset(stopwords)
        self.clitic_stopwords = clitic_stopwords
        self.stemmers = tuple(stemmers)
        self.keep_surface = keep_surface
        self.normalizer = normalizer
        self._memo: dict[str, tuple[str, ...]] = {}

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The terms one word of text becomes (none for a stopword). For an Arabic word the first term is
        its light stem and the others follow the chain's stemmers, distinct, in order; other words give
        their normalized form alone. (akhbar.search relies on the first term being the light one.)"""
        terms = self._memo.get(word)
        if terms is None:
            terms = self._analyze_word(word)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = terms
        return terms

    def _analyze_word(self, word: str) -> tuple[str, ...]:
        normalized = self.normalizer(word)
        if not normalized:
            return ()
        stopwords = self.stopwords
        if normalized in stopwords or (
            self.clitic_stopwords
            and normalized[0] in _CLITICS
            and normalized[1:] in stopwords
            and is_stopword(normalized, stopwords)
        ):
            return ()
        if not "\u0620" <= normalized[0] <= "\u06ff":
            return (normalized,)
        if not "\u0621" <= normalized[-1] <= "\u064a":
            clitic = _CLITIC_BEFORE_OTHER_SCRIPT.match(normalized)
            if clitic and not _ARABIC_LETTER.search(normalized, clitic.end()):
                rest = normalized[clitic.end() :]
                return () if rest in stopwords else (rest,)
        if not self.stemmers:
            return (normalized,)
        terms = [stemmer(normalized) for stemmer in self.stemmers]
        if self.keep_surface:
            terms.append(normalized)
        return tuple(dict.fromkeys(terms))

    def terms(self, text: str) -> list[Term]:
        """Index terms with offsets into ``text`` and positions."""
        out: list[Term] = []
        append = out.append
        memo_get = self._memo.get
        for position, match in enumerate(WORD_RE.finditer(text)):
            word = match.group()
            terms = memo_get(word)
            if terms is None:
                terms = self.word_terms(word)
            if terms:
                start, end = match.span()
                for term in terms:
                    append(Term(term, start, end, position))
        return out

    def strings(self, text: str) -> list[str]:
        """The terms of ``text`` as plain strings, in order."""
        out: list[str] = []
        extend = out.extend
        memo_get = self._memo.get
        word_terms = self.word_terms
        for word in WORD_RE.findall(text):
            terms = memo_get(word)
            extend(word_terms(word) if terms is None else terms)
        return out


INDEX_ANALYZER = Analyzer()
QUERY_ANALYZER = Analyzer(stopwords=STOPWORDS | QUESTION_WORDS)


def index_terms(text: str) -> list[Term]:
    """Terms for the search index, with offsets into ``text`` for highlighting."""
    return INDEX_ANALYZER.terms(text)


def query_terms(text: str) -> list[str]:
    """Terms of a search query."""
    return QUERY_ANALYZER.strings(text)


def analyze(text: str) -> list[str]:
    """Index terms of ``text`` as plain strings."""
    return INDEX_ANALYZER.strings(text)
