"""From original text to the two term streams the index stores, and from a parsed query to its terms.

Every word of the text goes through akhbar.arabic's index analyzer, which gives one or more terms per
word (a light stem first, then a heavier Snowball stem when it differs). The index keeps two streams
per field: the first term of every word in word order ("light" stream: phrases match on it, since its
positions are those of the words) and the other terms ("extra" stream). Both backends are fed from
here, so they hold exactly the same terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from akhbar.arabic.analyzer import INDEX_ANALYZER, QUERY_ANALYZER
from akhbar.arabic.normalize import normalize_for_search
from akhbar.arabic.stem import DEFAULT_RULES, light_stem, nisba_stem
from akhbar.arabic.tokenize import WORD_RE

FIELDS = ("title", "summary", "body")


@dataclass(slots=True)
class Streams:
    """The light and extra term streams of one field."""

    light: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def field_streams(text: str) -> Streams:
    """The term streams of one field's original text."""
    streams = Streams()
    light_append = streams.light.append
    extra_extend = streams.extra.extend
    memo_get = INDEX_ANALYZER._memo.get
    word_terms = INDEX_ANALYZER.word_terms
    for word in WORD_RE.findall(text):
        terms = memo_get(word)
        if terms is None:
            terms = word_terms(word)
        if terms:
            light_append(terms[0])
            if len(terms) > 1:
                extra_extend(terms[1:])
    return streams


def document_fields_streams(texts: Sequence[str]) -> tuple[Streams, ...]:
    """``field_streams`` of each of a document's field texts, with a line that recurs in the document
    (a summary that is the body's first paragraph) analyzed once: no word spans a line break
    (tokenize.WORD_RE), so a field's streams are its lines' streams end to end."""
    done: dict[str, Streams] = {}
    out = []
    for text in texts:
        streams = Streams()
        for line in text.split("\n"):
            part = done.get(line)
            if part is None:
                part = done[line] = field_streams(line)
            streams.light += part.light
            streams.extra += part.extra
        out.append(streams)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WordTerms:
    """The terms one query word stands for: its light term and the others; ``nisba`` is the word's
    light stem with its nisba ending kept when the light stem drops it (البلدية: بلدي, light بلد), so
    that the second stage can tell the word's own forms from its shorter stem's (البلد); ``variants``
    the light terms of the word's other conjugations and of the word without a one-letter clitic
    (surface_variants), which only the second stage reads (the index is not searched for them)."""

    light: str
    extra: tuple[str, ...] = ()
    nisba: str = ""
    variants: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (self.light, *self.extra)


def query_word(word: str) -> WordTerms | None:
    """Terms of one word typed in a query (None for a stopword or a question word)."""
    terms = QUERY_ANALYZER.word_terms(word)
    if not terms:
        return None
    return WordTerms(terms[0], tuple(terms[1:]), nisba_form(word, terms[0]), variant_terms(word, terms))


# The imperfect verb's person prefixes (يقع "it lies", تقع "she lies", نقع, أقع) and the alef of the
# perfect's derived forms (انتقد "criticised", ينتقد "criticises"): the light and Snowball stems keep
# them, so a question's يقع does not meet a text's تقع.
_PERSON_PREFIXES = "يتنا"
# A one-letter clitic that the light stemmer leaves on a four-letter word (its length guard keeps بيت,
# فرع, لعب whole): بمرض "with a disease", لكأس "for the cup".
_CLITICS = "وفبلك"


def surface_variants(normalized: str) -> list[str]:
    """Other surface forms a normalized query word may take in a text: the same verb with another
    person prefix (يقع: تقع, نقع, اقع), and a four-letter word without its first letter when that is a
    clitic (بمرض: مرض). Forms that are not words simply never match."""
    out = []
    if len(normalized) >= 3 and normalized[0] in _PERSON_PREFIXES and not normalized.startswith("ال"):
        out += [p + normalized[1:] for p in _PERSON_PREFIXES if p != normalized[0]]
    if len(normalized) == 4 and normalized[0] in _CLITICS:
        out.append(normalized[1:])
    return out


def variant_terms(word: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The light terms of a query word's surface variants that are not among its own ``terms``."""
    found = []
    for form in surface_variants(normalize_for_search(word)):
        other = INDEX_ANALYZER.word_terms(form)
        if other and other[0] not in terms:
            found.append(other[0])
    return tuple(dict.fromkeys(found))


def nisba_form(word: str, light: str) -> str:
    """The word's nisba stem when it keeps letters its light stem ``light`` drops, else ""."""
    normalized = normalize_for_search(word)
    if not normalized or light_stem(normalized) != light:
        return ""
    form = nisba_stem(normalized)
    return form if form != light else ""


def query_words(text: str) -> list[WordTerms]:
    """Terms of every word of ``text`` that is not a stopword."""
    return [w for w in (query_word(word) for word in WORD_RE.findall(text)) if w is not None]


def phrase_words(text: str) -> list[str]:
    """Light terms of a quoted phrase, in order, through the index chain (so its positions line up)."""
    out = []
    for word in WORD_RE.findall(text):
        terms = INDEX_ANALYZER.word_terms(word)
        if terms:
            out.append(terms[0])
    return out


def prefix_term(partial: str) -> str:
    """What a partly typed last word is matched on: its normalized form without the prefixes a light
    stem strips (article, conjunctions), so "الاقتصا" finds "اقتصاد"."""
    normalized = normalize_for_search(partial)
    if not normalized:
        return ""
    stem = light_stem(normalized)
    start = normalized.find(stem) if stem else -1
    return normalized[start:] if start > 0 and len(normalized) - start >= 2 else normalized


_ARTICLES = tuple(p for p in DEFAULT_RULES.prefixes if p.endswith(("ال", "لل")))  # longest first


def prefix_terms(partial: str) -> list[str]:
    """prefix_term, and also the partial word without a leading article when the stemmer kept it: a
    partly typed word is not a word yet, so the stemmer's length guard keeps "البن" whole (it could
    be the word for coffee) while the reader is more likely typing "البنك", whose index term is "بنك".
    Both are tried, since some words do keep the letters (التزام)."""
    term = prefix_term(partial)
    terms = [term] if term else []
    for article in _ARTICLES:
        if term.startswith(article) and len(term) - len(article) >= 2:
            terms.append(term[len(article) :])
            break
    return terms
