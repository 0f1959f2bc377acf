"""Arabic text normalization, one small step per function.

Every function is total: it accepts any Python ``str`` (lone surrogates and control characters
included) and never raises. ``normalize_for_search`` is the chain the search analyzer uses;
``clean_display_text`` is for text that is shown back to readers (names, titles) and keeps the
letters exactly as they were written.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean_display_text",
    "fold_digits",
    "fold_letters",
    "nfkc_presentation",
    "normalize_for_search",
    "strip_controls",
    "strip_harakat",
    "strip_tatweel",
]

TATWEEL = "\u0640"

# Bidi and zero-width controls: ZWSP..RLM, LRE..RLO, LRI..PDI, the Arabic letter mark and the BOM.
CONTROL_CHARS = (
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\ufeff"]
)

# Harakat and other Arabic combining marks: tanween, short vowels, shadda, sukun, maddah and
# hamza above/below, the superscript alef, Quranic annotation marks.
HARAKAT_CHARS = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06e7", "\u06e8"]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)

# Search folding of letter variants. Persian/Urdu forms of kaf, yeh and heh that Arabic keyboards
# on other systems produce are folded to their Arabic letters too.
LETTER_FOLDS = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0672": "\u0627",  # ٲ -> ا
    "\u0673": "\u0627",  # ٳ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # ی (Farsi yeh) -> ي
    "\u06d2": "\u064a",  # ے (yeh barree) -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06c0": "\u0647",  # ۀ -> ه
    "\u06be": "\u0647",  # ھ (heh doachashmee) -> ه
    "\u06c1": "\u0647",  # ہ (heh goal) -> ه
    "\u06a9": "\u0643",  # ک (keheh) -> ك
}
HAMZA_SEAT_FOLDS = {
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",  # ئ -> ي
}

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

_CONTROLS_TABLE = str.maketrans(dict.fromkeys(CONTROL_CHARS))
_HARAKAT_TABLE = str.maketrans(dict.fromkeys(HARAKAT_CHARS))
_TATWEEL_TABLE = str.maketrans({TATWEEL: None})
_LETTERS_TABLE = str.maketrans(LETTER_FOLDS)
_LETTERS_HAMZA_TABLE = str.maketrans({**LETTER_FOLDS, **HAMZA_SEAT_FOLDS})
_DIGITS_TABLE = str.maketrans(
    {
        **{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)},
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
    }
)
# Arabic presentation forms A and B (U+FE70-U+FEFE; U+FEFF is the BOM, a control, not a form).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_SPACES_RE = re.compile(r"\s+")
# Display text: C0/C1 controls except tab/newline (handled as whitespace), the bidi/zero-width set.
_DISPLAY_JUNK = str.maketrans(
    dict.fromkeys([chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"])
    | dict.fromkeys([chr(0x7F)] + [chr(c) for c in range(0x80, 0xA0) if chr(c) != "\x85"])
    | dict.fromkeys(CONTROL_CHARS)
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def nfkc_presentation(text: str) -> str:
    """Compose the text (NFC), and map Arabic presentation forms (ligatures, positional letter forms)
    to their base letters with NFKC, leaving every other character as it is (NFKC elsewhere would
    rewrite superscripts, full-width Latin and the like)."""
    if text.isascii():
        return text
    if _PRESENTATION_RE.search(text):
        text = _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return unicodedata.normalize("NFC", text)


def strip_harakat(text: str) -> str:
    """Remove harakat (short vowels, tanween, shadda, sukun) and other Arabic combining marks."""
    return text.translate(_HARAKAT_TABLE)


def strip_tatweel(text: str) -> str:
    """Remove the tatweel (kashida, U+0640) used to stretch words."""
    return text.translate(_TATWEEL_TABLE)


def strip_controls(text: str) -> str:
    """Remove bidi controls, zero-width characters, the Arabic letter mark and the BOM."""
    return text.translate(_CONTROLS_TABLE)


def fold_letters(text: str, *, hamza_seats: bool = False) -> str:
    """Fold spelling variants for search: أ إ آ ٱ -> ا, ى -> ي, ة -> ه (and Persian forms of kaf,
    yeh, heh); with ``hamza_seats`` also ؤ -> و and ئ -> ي."""
    return text.translate(_LETTERS_HAMZA_TABLE if hamza_seats else _LETTERS_TABLE)


def fold_digits(text: str) -> str:
    """Map Arabic-Indic (٠-٩) and Persian (۰-۹) digits to Latin digits."""
    return text.translate(_DIGITS_TABLE)


# The search chain's character-level steps merged into one table: controls, harakat and tatweel
# removed, letters and digits folded. Applied after lower-casing and composition.
_SEARCH_TABLE = str.maketrans(
    {
        **dict.fromkeys(CONTROL_CHARS),
        **dict.fromkeys(HARAKAT_CHARS),
        TATWEEL: None,
        **LETTER_FOLDS,
        **{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)},
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
    }
)


def normalize_for_search(text: str) -> str:
    """The full chain the index and query analyzers apply to each token: lower-case, presentation
    forms to base letters, then controls, harakat and tatweel removed, letters and digits folded.

    Idempotent: ``normalize_for_search(normalize_for_search(s)) == normalize_for_search(s)``."""
    if text.isascii():
        return text.lower()
    text = nfkc_presentation(text.lower()).translate(_SEARCH_TABLE)
    # Removing marks can, in rare sequences, leave a composable pair; settle such text so that the
    # chain stays idempotent.
    for _ in range(4):
        if unicodedata.is_normalized("NFC", text):
            break
        text = nfkc_presentation(text).translate(_SEARCH_TABLE)
    return text


def clean_display_text(text: str) -> str:
    """Clean text a reader typed (a name, a comment title) for display: remove NUL and other control
    characters, bidi and zero-width controls and lone surrogates, compose it (NFC) and collapse runs
    of whitespace to one space. Letters, harakat and tatweel are kept as written."""
    text = text.translate(_DISPLAY_JUNK)
    if not text.isascii():
        text = _SURROGATE_RE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    return _SPACES_RE.sub(" ", text).strip()
