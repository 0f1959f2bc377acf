"""Parsing what a reader types: plain words, "exact phrases" (also «…» and “…”), -exclusions.

Plain words are ranked (any of them may match, more matches rank higher, as in Lucene's default OR);
every phrase must appear, in order, in one field; an excluded word or phrase must not appear at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from akhbar.arabic.analyzer import is_stopword
from akhbar.arabic.normalize import normalize_for_search
from akhbar.arabic.stopwords import QUESTION_FRAMES, QUESTION_WORDS, STOPWORDS

from .analysis import WordTerms, phrase_words, query_words

MAX_QUERY_LENGTH = 300
MAX_WORDS = 32

_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"'})
# A term: optional minus, then a quoted phrase or a run of non-space characters.
_PART_RE = re.compile(r'(?P<neg>[-\u2212])?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


@dataclass(frozen=True)
class ParsedQuery:
    """A query after analysis: every part is expressed in index terms."""

    text: str
    words: list[WordTerms] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded_words: list[WordTerms] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is left to search for (only stopwords, or only exclusions)."""
        return not self.words and not self.phrases

    def highlight_terms(self) -> set[str]:
        """Every index term a snippet should mark."""
        terms = {t for w in self.words for t in w.all}
        terms.update(t for phrase in self.phrases for t in phrase)
        return terms


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` into words, phrases and exclusions, and analyze each with the query chain."""
    text = (text or "").translate(_QUOTES)[:MAX_QUERY_LENGTH].strip()
    words: list[WordTerms] = []
    phrases: list[list[str]] = []
    excluded_words: list[WordTerms] = []
    excluded_phrases: list[list[str]] = []
    frames = _QuestionFrames()
    for match in _PART_RE.finditer(text):
        negative = bool(match.group("neg"))
        phrase = match.group("phrase")
        if phrase is None and not negative and frames.drops(match.group("word") or ""):
            continue
        if phrase is not None:
            terms = phrase_words(phrase)
            if len(terms) == 1 and not negative:
                words.extend(query_words(phrase))
            elif terms:
                (excluded_phrases if negative else phrases).append(terms)
            continue
        analyzed = query_words(match.group("word") or "")
        (excluded_words if negative else words).extend(analyzed)
    return ParsedQuery(
        text=text,
        words=_dedupe(words)[:MAX_WORDS],
        phrases=phrases[:MAX_WORDS],
        excluded_words=_dedupe(excluded_words)[:MAX_WORDS],
        excluded_phrases=excluded_phrases[:MAX_WORDS],
    )


# Question words that open a frame; not «من» and «لم», which far more often mean "from" and "did not"
# («من عام 2011», «لم يعد»).
_FRAME_OPENERS = QUESTION_WORDS - {normalize_for_search(w) for w in ("من", "لم")}


class _QuestionFrames:
    """Tells the words that only frame a question («ما اسم», «في أي عام», «كم عدد»): a word of
    QUESTION_FRAMES after a question word with nothing but stopwords and other frame words between."""

    def __init__(self) -> None:
        self.after_question = False

    def drops(self, word: str) -> bool:
        normalized = normalize_for_search(word.strip("؟?!.,،:؛"))
        if not normalized:
            return False
        if is_stopword(normalized, _FRAME_OPENERS):
            self.after_question = True
            return False
        if self.after_question and normalized in QUESTION_FRAMES:
            return True
        if not is_stopword(normalized, STOPWORDS):
            self.after_question = False
        return False


def _dedupe(words: list[WordTerms]) -> list[WordTerms]:
    return list(dict.fromkeys(words))
