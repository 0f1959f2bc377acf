"""A light Arabic stemmer for retrieval.

Light stemming removes the clitics and inflectional affixes that most often stand between a
query word and the same word in a document (the article ال, the conjunctions و ف, the prepositions
ب ك ل, plural/dual/feminine endings, attached pronouns) and never tries to find the root. The rules
are data (``StemRules``) so that bench/arabic.py can compare variants; ``light_stem`` uses the rules
the retrieval benchmark chose (see docs/decisions.md). ``snowball_stem`` wraps the Snowball Arabic
stemmer (PyStemmer), a heavier stemmer that the index analyzer adds as a second term per word.

Affixes are recognised by their letters, and some words begin or end with those letters: بيت (ب),
فرنسا (ف), التزام (ال), مهرجان (ان). stem_lexicon.txt, built from corpus counts by
bench/build_stem_lexicon.py, lists the stems where such letters belong to the word; the rules leave
them there. It also holds a hand-checked broken-plural table that bench/arabic.py measures.

The input is a word already normalized by ``normalize_for_search`` (ة folded to ه, ى to ي, أ إ آ to ا).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer

__all__ = [
    "BROKEN_PLURALS",
    "DEFAULT_RULES",
    "KEEP_N_ENDING",
    "PROTECTED",
    "RADICAL_PREFIX",
    "StemRules",
    "light_stem",
    "make_stemmer",
    "nisba_stem",
    "snowball_stem",
]

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


# Endings that are a plural (ون ين) or a dual (ان) when they close the word, but part of the word in
# قانون, برلمان, مهرجان. They never come before another suffix as a plural or dual (the ن of a plural
# or dual drops before a pronoun, and neither takes ات or the nisba ي), which is how stem_lexicon.txt
# finds the words that keep them.
N_ENDINGS = frozenset(("ان", "ون", "ين"))


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
    # Stems (the word with its suffixes removed, no prefix) whose first letters only look like a
    # prefix: بيت (بيتها), وزير, فرنسا, التزام. A word whose prefix-less stem is here keeps its prefix.
    radical_prefix: frozenset[str] = frozenset()
    # Stems whose final ان ون ين is part of the word (قانون, مهرجان): not removed when they end it.
    keep_n_ending: frozenset[str] = frozenset()
    # Broken plurals: stem -> stem of the singular (اخبار -> خبر), looked up on the final stem.
    plurals: Mapping[str, str] = field(default_factory=dict)


def _load_lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """The three word lists of stem_lexicon.txt (built by bench/build_stem_lexicon.py)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    text = (Path(__file__).with_name("stem_lexicon.txt")).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line:
            current.append(line)
    radical = frozenset(w for line in sections.get("radical_prefix", ()) for w in line.split())
    keep = frozenset(w for line in sections.get("keep_n_ending", ()) for w in line.split())
    plurals = {}
    for line in sections.get("broken_plurals", ()):
        plural, singular = line.split()[:2]
        plurals[plural] = singular
    return radical, keep, plurals


RADICAL_PREFIX, KEEP_N_ENDING, BROKEN_PLURALS = _load_lexicon()

# The chosen method (docs/decisions.md): article and conjunction/preposition + article clusters,
# one-letter و ف ب ل ك from words of 5+ letters, then pronoun, plural, dual and adjective endings, and
# the ت that stands for ة before a pronoun; the lexicon keeps radical letters that look like affixes.
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
    radical_prefix=RADICAL_PREFIX,
    keep_n_ending=KEEP_N_ENDING,
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
    radical = rules.radical_prefix
    # First four letters of the listed stems; a three-letter stem with each letter that can follow it.
    radical_heads = frozenset(w[:4] for w in radical if len(w) > 3) | frozenset(
        w + chr(c) for w in radical if len(w) == 3 for c in range(0x0621, 0x064B)
    )
    keep_n = rules.keep_n_ending
    plurals = rules.plurals

    def strip_suffixes(word: str) -> str:
        pronoun = False
        next_index = 0
        while word:
            for index, suffix in suffixes_by_last.get(word[-1], ()):
                if index >= next_index and word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
                    if suffix in N_ENDINGS and word in keep_n:
                        continue
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

    def stem(word: str) -> str:
        if len(word) <= min_stem:
            return plurals.get(word, word) if plurals else word  # جثث -> جثه
        if word in protected:
            return word
        stripped = word
        for n, prefixes in prefixes_by_length:
            if word[:n] in prefixes and len(word) - n >= min_stem:
                stripped = word[n:]
                break
        else:
            if len(word) >= min_single and word[0] in singles:
                stripped = word[1:]
        if stripped is not word and radical:
            # The prefix may be the word's own letters (بيتها, فرنسا, التزام), or a clitic before such
            # a word (والتزام: و + التزام, not وال + تزام). A word can be one only if it starts with a
            # listed stem's first four letters: a cheap test first.
            if word[:4] in radical_heads:
                whole = strip_suffixes(word)
                if whole in radical:
                    return plurals.get(whole, whole)
            if len(word) - len(stripped) > 1 and word[0] in singles and word[1:5] in radical_heads:
                whole = strip_suffixes(word[1:])
                if whole in radical:
                    return plurals.get(whole, whole)
        if stripped in protected:
            return stripped
        result = strip_suffixes(stripped)
        return plurals.get(result, result) if plurals else result

    return stem


_default_stem = make_stemmer(DEFAULT_RULES)


def light_stem(word: str) -> str:
    """Light-stem one normalized word; short words and protected names come back unchanged."""
    return _default_stem(word)


# What follows a light stem when the word is a nisba (relative adjective) form of it: بلدي, بلدية (يه
# after normalization), بلديات, بلديين, بلديون, بلديتها. Not ين alone: البلدين is a dual of بلد.
NISBA_RESTS = frozenset(("ي", "يه", "يات", "يين", "يون", "يا"))


def nisba_stem(word: str) -> str:
    """``light_stem`` with the nisba ending kept (a normalized word in, as for light_stem): البلدية,
    بلدي, البلديات -> بلدي, where light_stem gives بلد, the stem of البلد "the country"; الدولية -> دولي,
    not دول "states". Search uses it to tell a word's own matches from matches of its shorter stem."""
    light = light_stem(word)
    at = word.rfind(light + "ي")
    if at < 0:
        return light
    rest = word[at + len(light) :]
    return light + "ي" if rest in NISBA_RESTS or rest.startswith("يت") else light


_snowball = threading.local()


def snowball_stem(word: str) -> str:
    """Snowball Arabic (PyStemmer; one stemmer object per thread, as they are not thread-safe) on a
    normalized word; the word itself if Snowball leaves nothing."""
    stemmer = getattr(_snowball, "stemmer", None)
    if stemmer is None:
        stemmer = _snowball.stemmer = Stemmer.Stemmer("arabic", 0)
    return stemmer.stemWord(word) or word
