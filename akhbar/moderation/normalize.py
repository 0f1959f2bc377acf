"""Normalization against obfuscation, applied before every moderation check.

Readers who want to slip an insult past a filter stretch it (كلللب), decorate it (كـــلب, كَلْب), cut it
(ك.ل.ب, ك ل ب, ك🔥ل🔥ب), hide controls in it, or write it with Latin look-alikes and Arabizi digits
(7mar, sharmoo6a). ``deobfuscate`` undoes those tricks; ``squeeze`` then collapses repeated letters so
lexicon terms and texts meet in one form. The character-level steps come from ``akhbar.arabic.normalize``;
this module adds what only moderation needs.
"""

from __future__ import annotations

import re
import unicodedata

from akhbar.arabic.normalize import (
    ARABIC_INDIC_DIGITS,
    CONTROL_CHARS,
    HAMZA_SEAT_FOLDS,
    HARAKAT_CHARS,
    LETTER_FOLDS,
    PERSIAN_DIGITS,
    TATWEEL,
)

__all__ = [
    "arabizi_to_arabic",
    "clean",
    "deobfuscate",
    "fold",
    "normalize",
    "squeeze",
    "strip_controls",
    "tokens",
]

_AR = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
_ARABIC_LETTER = f"[{_AR}]"

# Invisible characters removed on top of akhbar.arabic's bidi/zero-width set: C0 and C1 controls (tab and
# newline are kept as whitespace), soft hyphen, word joiners and the other format characters.
_MORE_CONTROLS = (
    [chr(c) for c in range(0x00, 0x09)]
    + [chr(c) for c in range(0x0B, 0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u00ad", "\u180e"]
    + [chr(c) for c in range(0x2060, 0x2070)]
)
_CONTROLS_TABLE = str.maketrans(dict.fromkeys(CONTROL_CHARS + _MORE_CONTROLS))

# Letters beyond akhbar.arabic's search folding: Kurdish, Persian and Maghrebi forms (gaf, veh, qaf
# with three dots) that commenters use for dialect sounds.
_EXTRA_FOLDS = {
    "ې": "ي",
    "ۆ": "و",
    "ۃ": "ه",
    "ە": "ه",
    "ڪ": "ك",
    "گ": "ك",
    "ڭ": "ك",
    "ڤ": "ف",
    "ڥ": "ف",
    "ڨ": "ق",
    "پ": "ب",
    "چ": "ج",
    "ژ": "ز",
}
# akhbar.arabic's steps (strip_controls, strip_harakat, strip_tatweel, fold_letters with hamza seats,
# fold_digits) and the additions above, in one table: one pass over the text instead of seven.
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys(CONTROL_CHARS + _MORE_CONTROLS + HARAKAT_CHARS + [TATWEEL]),
        **LETTER_FOLDS,
        **HAMZA_SEAT_FOLDS,
        **{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)},
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
        **_EXTRA_FOLDS,
    }
)

# Tweet artefacts of the training data (and the same things in comments) carry no meaning for the terms.
_ARTEFACTS = re.compile(r"<LF>|\bRT\b|@\w+|https?://\S+|www\.\S+|\bURL\b|\bUSER\b", re.IGNORECASE)
_HASHTAG = re.compile(r"[#_]")

# Latin characters and digits that look like Arabic letters, when they sit between Arabic letters.
_LOOKALIKE = {"l": "ا", "1": "ا", "|": "ا", "o": "ه", "0": "ه", "5": "ه"}

# Punctuation, symbols and emoji used to cut a word: removed when they sit between two Arabic letters.
_CUTTERS = r"\.\-_\*\+=~`'\"\^#/\\:;,!\?\(\)\[\]\{\}<>@%&$·•…ـ"
_SYMBOL_CLASS = r"\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe00-\ufe0f\U0001f000-\U0001faff"
_LOOKALIKE_RE = re.compile(f"(?<={_ARABIC_LETTER})[l1|o05](?=[{_CUTTERS}]*{_ARABIC_LETTER})")
_INNER_CUT = re.compile(f"(?<={_ARABIC_LETTER})[{_CUTTERS}{_SYMBOL_CLASS}]+(?={_ARABIC_LETTER})")
# Three or more single Arabic letters separated by spaces or cutters: ك ل ب, ش - ر - م.
_SPACED = re.compile(
    f"(?<![{_AR}])(?:{_ARABIC_LETTER}[\\s{_CUTTERS}{_SYMBOL_CLASS}]+){{2,}}{_ARABIC_LETTER}(?![{_AR}])"
)
_SPACED_GAP = re.compile(f"[\\s{_CUTTERS}{_SYMBOL_CLASS}]+")
_SYMBOLS = re.compile(f"[{_SYMBOL_CLASS}]+")
_RUNS3 = re.compile(r"(.)\1{2,}")
_RUNS2 = re.compile(r"(.)\1+")
_SPACES = re.compile(r"\s+")

# Arabizi: Latin script with digits for the letters Latin lacks. Longest sequences first.
_ARABIZI_DIGRAPHS = (
    ("sh", "ش"),
    ("ch", "ش"),
    ("kh", "خ"),
    ("gh", "غ"),
    ("th", "ث"),
    ("dh", "ذ"),
    ("ou", "و"),
    ("oo", "و"),
    ("ee", "ي"),
    ("ei", "ي"),
    ("aa", "ا"),
    ("'3", "غ"),
    ("3'", "غ"),
    ("7'", "خ"),
    ("'7", "خ"),
    ("6'", "ظ"),
    ("9'", "ض"),
)
_ARABIZI_SINGLE = {
    "2": "ء",
    "3": "ع",
    "5": "خ",
    "6": "ط",
    "7": "ح",
    "8": "غ",
    "9": "ق",
    "b": "ب",
    "p": "ب",
    "t": "ت",
    "j": "ج",
    "g": "ج",
    "d": "د",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "c": "ك",
    "f": "ف",
    "v": "ف",
    "q": "ق",
    "k": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ه",
    "w": "و",
    "y": "ي",
    "i": "ي",
    "u": "و",
    "o": "و",
    "a": "ا",
    "e": "",
    "x": "كس",
}
_ARABIZI_TOKEN = re.compile(r"[a-z0-9']*[a-z][a-z0-9']*")
_ARABIZI_DIGIT = re.compile(r"[2356789]")
_ARABIZI_MAX_TOKEN = 24


def strip_controls(text: str) -> str:
    """Remove NUL, bidi, zero-width and other invisible control characters."""
    return text.translate(_CONTROLS_TABLE)


def fold(text: str) -> str:
    """Character-level folding: NFKC, controls, harakat, tatweel, letter variants, digits."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)


def clean(text: str) -> str:
    """Drop mentions, links, retweet marks and line-break markers; turn hashtags into words."""
    return _HASHTAG.sub(" ", _ARTEFACTS.sub(" ", text))


def arabizi_to_arabic(word: str) -> str:
    """Transliterate one Arabizi word (``7mar``, ``sharmoo6a``) to a rough Arabic spelling."""
    word = _RUNS2.sub(r"\1\1", word)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        for latin, arabic in _ARABIZI_DIGRAPHS:
            if pair == latin:
                out.append(arabic)
                i += 2
                break
        else:
            ch = word[i]
            # A final "a" is most often a feminine ending (ة, folded to ه).
            if ch == "a" and i == len(word) - 1 and i > 0:
                out.append("ه")
            else:
                out.append(_ARABIZI_SINGLE.get(ch, ""))
            i += 1
    return "".join(out)


def _arabizi(match: re.Match[str]) -> str:
    word = match.group(0)
    if not 3 <= len(word) <= _ARABIZI_MAX_TOKEN or not _ARABIZI_DIGIT.search(word):
        return word
    return arabizi_to_arabic(word)


def deobfuscate(text: str) -> str:
    """Undo the usual obfuscation tricks and return folded, lower-case, single-spaced text.

    Repeated letters are kept (at most two in a row) so that the classifier still sees emphasis;
    use ``squeeze`` on the result for lexicon matching.
    """
    text = fold(text).lower()
    text = _RUNS3.sub(r"\1\1", text)
    text = _INNER_CUT.sub("", text)
    text = _LOOKALIKE_RE.sub(lambda m: _LOOKALIKE[m.group(0)], text)
    text = _INNER_CUT.sub("", text)
    text = _SPACED.sub(lambda m: _SPACED_GAP.sub("", m.group(0)), text)
    text = _ARABIZI_TOKEN.sub(_arabizi, text)
    text = _SYMBOLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The one form every check reads: artefacts removed, then deobfuscated."""
    return deobfuscate(clean(text))


def squeeze(text: str) -> str:
    """Collapse every run of a repeated character to one (كلللب → كلب)."""
    return _RUNS2.sub(r"\1", text)


_TOKEN = re.compile(f"[{_AR}]+|[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Arabic-letter and Latin/digit runs of already deobfuscated text."""
    return _TOKEN.findall(text)
