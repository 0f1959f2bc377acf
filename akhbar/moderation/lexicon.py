"""Word lists per category: the shipped default lists, merged with the moderators' own terms.

Terms and texts are brought to one form (``normalize.normalize`` then ``squeeze``) and matched as whole
words. A word may carry the usual clitics: prefixes (و ف ب ل ك ال يا, Levantine هال عال, and their combinations) and, for terms
not marked exact, one ending (ه ها هم ك كم ي ين ون ات ان …). Prefix- and suffix-stripped forms must keep at
least three letters, so short terms only match themselves: this is what keeps زب out of زبون and كس out
of كسر. A term ending in ``=`` takes no ending at all (كلب= matches يا كلب, الكلب, not كلبه "his dog").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import normalize, squeeze, tokens

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.json"
ACTIONS = ("banned", "suspect")

# Levantine and Gulf demonstrative هال (هالكلب "this dog") and Levantine عال (على ال) count as the article.
_PREFIXES = (
    "وهال",
    "بهال",
    "هال",
    "عال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "يال",
    "لل",
    "ال",
    "يا",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
_SHORT_OK_PREFIXES = ("ال", "يا", "وال")
_SUFFIXES = (
    "هما",
    "كما",
    "هم",
    "هن",
    "ها",
    "كم",
    "كن",
    "نا",
    "ين",
    "ون",
    "ات",
    "ان",
    "وا",
    "ه",
    "ك",
    "ي",
    "و",
)
_MIN_STEM = 3


@dataclass(frozen=True)
class Term:
    """One listed word or phrase. ``action`` is "banned" (reject) or "suspect" (hold)."""

    text: str
    category: str
    action: str
    exact: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(tokens(squeeze(normalize(self.text))))


@dataclass(frozen=True)
class Hit:
    """A term found in a text: what was listed, and where it came from."""

    term: str
    category: str
    action: str


def parse_term(raw: str, category: str, action: str) -> Term:
    """Build a Term from the list notation (a trailing '=' means no endings)."""
    raw = raw.strip()
    exact = raw.endswith("=")
    return Term(text=raw.rstrip("=").strip(), category=category, action=action, exact=exact)


def _prefix_forms(word: str) -> list[str]:
    forms = [word]
    for prefix in _PREFIXES:
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            minimum = 2 if prefix in _SHORT_OK_PREFIXES else _MIN_STEM
            if len(rest) >= minimum:
                forms.append(rest)
    return forms


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(forms for exact terms, forms for terms that take endings) of one normalized word."""
    exact = _prefix_forms(word)
    loose = set(exact)
    for form in exact:
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
                loose.add(form[: -len(suffix)])
    return frozenset(exact), frozenset(loose)


class Lexicon:
    """A set of terms, indexed for matching whole words and phrases in normalized text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        # first word -> list of (rest of the words, exact flag of the last word, hit)
        self._index: dict[str, list[tuple[tuple[str, ...], bool, Hit]]] = {}
        for term in self.terms:
            key = term.key
            if not key:
                continue
            hit = Hit(term=term.text, category=term.category, action=term.action)
            self._index.setdefault(key[0], []).append((key[1:], term.exact, hit))

    def __len__(self) -> int:
        return len(self.terms)

    @classmethod
    def from_dict(cls, data: dict) -> Lexicon:
        """Read the ``{"categories": {cat: {"banned": [...], "suspect": [...]}}}`` layout."""
        terms = [
            parse_term(raw, category, action)
            for category, lists in data["categories"].items()
            for action in ACTIONS
            for raw in lists.get(action, ())
        ]
        return cls(terms)

    def merged(self, add: Iterable[Term] = (), remove: Iterable[str] = ()) -> Lexicon:
        """A new lexicon with ``add`` terms added and every term spelled like one in ``remove`` dropped."""
        removed = {Term(text=text, category="", action="").key for text in remove}
        kept = [term for term in self.terms if term.key not in removed]
        return Lexicon([*kept, *add])

    def find(self, text: str) -> list[Hit]:
        """Every listed term in raw ``text``, without duplicates."""
        return self.find_normalized(normalize(text))

    def find_normalized(self, normalized: str) -> list[Hit]:
        """Every listed term in text already passed through ``normalize.normalize``."""
        words = tokens(squeeze(normalized))
        forms = [word_forms(word) for word in words]
        hits: dict[Hit, None] = {}
        for i, (exact_forms, loose_forms) in enumerate(forms):
            for first in loose_forms:
                for rest, exact, hit in self._index.get(first, ()):
                    if not rest:
                        if not exact or first in exact_forms:
                            hits[hit] = None
                        continue
                    if first not in exact_forms:
                        # Inside a phrase only the last word may take an ending.
                        continue
                    if self._phrase_matches(forms, words, i + 1, rest, exact):
                        hits[hit] = None
        return list(hits)

    @staticmethod
    def _phrase_matches(
        forms: list[tuple[frozenset[str], frozenset[str]]],
        words: list[str],
        start: int,
        rest: tuple[str, ...],
        exact: bool,
    ) -> bool:
        if start + len(rest) > len(words):
            return False
        for offset, expected in enumerate(rest):
            exact_forms, loose_forms = forms[start + offset]
            last = offset == len(rest) - 1
            allowed = loose_forms if last and not exact else exact_forms
            if expected not in allowed:
                return False
        return True


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lists shipped with the package."""
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return Lexicon.from_dict(json.load(handle))
