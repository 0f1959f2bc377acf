"""Baseline Arabic analyzers for benchmarks only (not product code).

- ``LuceneArabicAnalyzer``: a port of the rules of Lucene's ArabicAnalyzer
  (org.apache.lucene.analysis.ar): word tokenizer -> LowerCaseFilter -> DecimalDigitFilter ->
  StopFilter (Savoy's list, not normalized, applied before normalization as in Lucene) ->
  ArabicNormalizationFilter -> ArabicStemFilter. StandardTokenizer is approximated by akhbar's word
  regex (Unicode letters, digits and combining marks).
- ``SnowballArabicAnalyzer``: the same chain with PyStemmer's Snowball Arabic stemmer in place of
  ArabicNormalizer + ArabicStemmer (Snowball normalizes by itself).
"""

from __future__ import annotations

import sys
from pathlib import Path

import Stemmer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import lucene_stopwords  # noqa: E402

from akhbar.arabic.tokenize import WORD_RE  # noqa: E402

# ArabicNormalizer: alef variants -> ا, ى -> ي, ة -> ه; tatweel and the eight harakat removed.
LUCENE_NORMALIZE = str.maketrans(
    {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"}
    | dict.fromkeys("\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
)
# DecimalDigitFilter: every Unicode decimal digit -> its Latin digit (here the Arabic ones).
LUCENE_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)
LUCENE_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
# ArabicStemmer's suffix list in order: ها ان ات ون ين يه ية ه ة ي; after normalization ة is already
# ه, so "ية" and "ة" are written here as they can match.
LUCENE_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def lucene_stem(word: str) -> str:
    """ArabicStemmer.stem: one prefix (length guards: و needs 4+ letters, others leave 2+), then
    every suffix in the list that matches with 2+ letters left."""
    n = len(word)
    for prefix in LUCENE_PREFIXES:
        if (len(prefix) == 1 and n < 4) or n < len(prefix) + 2:
            continue
        if word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in LUCENE_SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def lucene_normalize(word: str) -> str:
    return word.translate(LUCENE_NORMALIZE)


class _MemoChain:
    """Word-level chain with the same bounded memo as akhbar's Analyzer, so throughputs compare."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, ...]] = {}

    def word(self, raw: str) -> tuple[str, ...]:
        raise NotImplementedError

    def strings(self, text: str) -> list[str]:
        out: list[str] = []
        memo = self._memo
        for raw in WORD_RE.findall(text):
            terms = memo.get(raw)
            if terms is None:
                terms = self.word(raw)
                if len(memo) >= 200_000:
                    memo.clear()
                memo[raw] = terms
            out.extend(terms)
        return out


class LuceneArabicAnalyzer(_MemoChain):
    def __init__(self) -> None:
        super().__init__()
        self.stopwords = frozenset(w.lower() for w in lucene_stopwords())

    def word(self, raw: str) -> tuple[str, ...]:
        token = raw.lower().translate(LUCENE_DIGITS)
        if token in self.stopwords:
            return ()
        token = lucene_normalize(token)
        return (lucene_stem(token),) if token else ()


class SnowballArabicAnalyzer(_MemoChain):
    def __init__(self) -> None:
        super().__init__()
        self.stopwords = frozenset(w.lower() for w in lucene_stopwords())
        self.stemmer = Stemmer.Stemmer("arabic")

    def word(self, raw: str) -> tuple[str, ...]:
        token = raw.lower()
        if token in self.stopwords:
            return ()
        stem = self.stemmer.stemWord(token)
        return (stem,) if stem else ()
