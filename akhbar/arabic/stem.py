"""A light Arabic stemmer for retrieval.

Light stemming removes the clitics and inflectional affixes that most often stand between a
query word and the same word in a document (the article ال, the conjunctions و ف, the prepositions
ب ك ل, plural/dual/feminine endings, attached pronouns) and never tries to find the root. The rules
are data (``StemRules``) so that bench/arabic.py can compare variants; ``light_stem`` uses the rules
the retrieval benchmark chose (see docs/decisions.md). ``snowball_stem`` wraps the Snowball Arabic
stemmer (PyStemmer), a heavier stemmer that the index analyzer adds as a second term per word.

The input is a word already normalized by ``normalize_for_search`` (ة folded to ه, ى to ي, أ إ آ to ا).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import Stemmer

__all__ = ["DEFAULT_RULES", "PROTECTED", "StemRules", "light_stem", "make_stemmer", "snowball_stem"]

# Names and places that suffix stripping would turn into a different common word (لبنان -> لبن
# "milk", السودان -> سود, البحرين -> بحر "sea", ماكرون -> ماكر "cunning"), in normalized form and
# without the article. Derived forms (اللبنانيه -> لبنان) still meet them after stemming.
PROTECTED: frozenset[str] = frozenset(
    """
    لبنان عمان ايران سودان يابان بحرين باكستان افغانستان اذربيجان كازاخستان طاجيكستان
    طهران وهران تطوان اسوان حلوان عمران عثمان سليمان سلمان رمضان شعبان نيسان حزيران
    ماكرون بوتين حسين ياسين فلسطين صين امين اوباما بايدن ترامب
    """.split()
)


# Attached pronouns that show a ت before them stood for ة (حكومتها). ه is not one of them: after
# normalization it is also the folded ة itself (ثابته = ثابتة, whose ت is part of the word).
PRONOUNS = frozenset(("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا"))


@dataclass(frozen=True, slots=True)
class StemRules:
    """One light-stemming method: which affixes come off and how much of the word must remain."""

    prefixes: tuple[str, ...]  # tried longest first; at most one is removed
    suffixes: tuple[str, ...]  # tried in order; each one at most once
    single_prefixes: str  # one-letter prefixes (و ف ب ك ل), removed only from long enough words
    min_stem: int = 3  # letters that must remain after removing an affix
    min_single_prefix_word: int = 5  # word length needed before a one-letter prefix comes off
    repeat_suffixes: bool = True  # after one suffix, keep trying the rest of the list
    teh_before_pronoun: bool = False  # مدرستها -> مدرس, as مدرسة -> مدرس: ة is written ت before a pronoun
    protected: frozenset[str] = PROTECTED


# The chosen method (docs/decisions.md): article and conjunction/preposition + article clusters,
# one-letter و ف ب ل ك from words of 5+ letters, then pronoun, plural, dual and adjective endings, and
# the ت that stands for ة before a pronoun.
DEFAULT_RULES = StemRules(
    prefixes=("وبال", "وكال", "فبال", "وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال"),
    suffixes=(
        "هما",
        "كما",
        "تين",
        "تان",
        "ها",
        "هم",
        "هن",
        "كم",
        "كن",
        "نا",
        "ان",
        "ات",
        "ون",
        "ين",
        "يه",
        "ه",
        "ي",
    ),
    single_prefixes="وفبلك",
    teh_before_pronoun=True,
)


def make_stemmer(rules: StemRules) -> Callable[[str], str]:
    """Build a stemming function for ``rules`` (bench/arabic.py compares several)."""
    prefixes_by_length = [
        (n, frozenset(p for p in rules.prefixes if len(p) == n))
        for n in sorted({len(p) for p in rules.prefixes}, reverse=True)
    ]
    # Suffixes grouped by their last letter, each with its place in the list, so that only the few that
    # can match are tried, still in list order and each at most once.
    suffixes_by_last: dict[str, list[tuple[int, str]]] = {}
    for index, suffix in enumerate(rules.suffixes):
        suffixes_by_last.setdefault(suffix[-1], []).append((index, suffix))
    singles = frozenset(rules.single_prefixes)
    min_stem = rules.min_stem
    min_single = rules.min_single_prefix_word
    repeat = rules.repeat_suffixes
    protected = rules.protected
    teh = rules.teh_before_pronoun

    def stem(word: str) -> str:
        if len(word) <= min_stem or word in protected:
            return word
        for n, prefixes in prefixes_by_length:
            if word[:n] in prefixes and len(word) - n >= min_stem:
                word = word[n:]
                break
        else:
            if len(word) >= min_single and word[0] in singles:
                word = word[1:]
        if word in protected:
            return word
        pronoun = False
        next_index = 0
        while word:
            for index, suffix in suffixes_by_last.get(word[-1], ()):
                if index >= next_index and word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
                    word = word[: -len(suffix)]
                    pronoun = pronoun or suffix in PRONOUNS
                    next_index = index + 1
                    break
            else:
                break
            if not repeat or word in protected:
                break
        if teh and pronoun and word.endswith("ت") and len(word) > min_stem:
            word = word[:-1]
        return word

    return stem


_default_stem = make_stemmer(DEFAULT_RULES)


def light_stem(word: str) -> str:
    """Light-stem one normalized word; short words and protected names come back unchanged."""
    return _default_stem(word)


_snowball = threading.local()


def snowball_stem(word: str) -> str:
    """Snowball Arabic (PyStemmer; one stemmer object per thread, as they are not thread-safe) on a
    normalized word; the word itself if Snowball leaves nothing."""
    stemmer = getattr(_snowball, "stemmer", None)
    if stemmer is None:
        stemmer = _snowball.stemmer = Stemmer.Stemmer("arabic", 0)
    return stemmer.stemWord(word) or word
