"""What a reader typed, checked and cleaned: grapheme counting, control characters, markup and links.

Pure Python, no Django. ``count_graphemes`` approximates Unicode's extended grapheme clusters (UAX #29)
closely enough to agree with the browser's ``Intl.Segmenter`` on Arabic with harakat, emoji with skin
tones, ZWJ sequences and flags, so the characters-left counter and the server agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from akhbar.arabic.normalize import clean_display_text, normalize_for_search

ZWJ = "\u200d"
# Directional embeddings, overrides and isolates: tools for spoofing the order text is shown in.
BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible marks that keyboards and copy-paste leave behind; removed silently from comment bodies.
# ZWJ and ZWNJ are kept in bodies (emoji sequences, Persian words) and removed from names and titles.
_BODY_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200e\u200f\u061c\ufeff\u2060"))
_C0_ALLOWED = frozenset("\t\n\r")
_SURROGATES = re.compile("[\ud800-\udfff]")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|biz|ru|xyz|top|io|ly|me)\b", re.I)
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")


def _extends(ch: str) -> bool:
    """Characters that join the cluster before them: marks, variation selectors, skin tones, tag chars."""
    code = ord(ch)
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    return (
        0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
        or ch == "\u200c"
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def count_graphemes(text: str) -> int:
    """Count user-perceived characters: a letter with its harakat, an emoji with its modifiers and ZWJ
    parts, a flag (two regional indicators) and CR LF each count once."""
    count = 0
    previous = ""
    joined = False
    regional_open = False
    for ch in text:
        if count and (_extends(ch) or ch == ZWJ):
            joined = ch == ZWJ
            previous = ch
            continue
        if joined:
            joined = False
            previous = ch
            continue
        if previous == "\r" and ch == "\n":
            previous = ch
            continue
        if _regional(ch):
            if regional_open:
                regional_open = False
                previous = ch
                continue
            regional_open = True
        else:
            regional_open = False
        count += 1
        previous = ch
    return count


def has_forbidden_controls(text: str) -> bool:
    """True for NUL and other C0/C1 control characters (tab and newlines aside) and lone surrogates."""
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and ch not in _C0_ALLOWED) or 0x7F <= code < 0xA0:
            return True
    return bool(_SURROGATES.search(text))


def has_bidi_override(text: str) -> bool:
    """True when the text holds a directional embedding, override or isolate control."""
    return any(ch in BIDI_OVERRIDES for ch in text)


def has_markup(text: str) -> bool:
    """True when the text holds an HTML tag, comment or entity (comments are plain text)."""
    return bool(_MARKUP.search(text))


def count_links(text: str) -> int:
    """How many web addresses the text holds (with or without a scheme)."""
    return len(_LINK.findall(text))


def clean_line(text: str) -> str:
    """A name or a title as it will be shown: controls, bidi and zero-width characters removed,
    whitespace collapsed (akhbar.arabic's display cleaning)."""
    return clean_display_text(text)


def clean_body(text: str) -> str:
    """A comment body as it will be shown: invisible marks removed, lines kept, at most one blank line
    between paragraphs, NFC, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BODY_INVISIBLE)
    text = "".join(ch for ch in text if ch not in BIDI_OVERRIDES)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACES.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def body_fingerprint(text: str) -> str:
    """A hash of the body as search sees it, so spelling-variant reposts count as duplicates."""
    folded = " ".join(normalize_for_search(text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
