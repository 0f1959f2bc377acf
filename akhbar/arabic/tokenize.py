"""Tokenization with offsets into the original string.

Tokens are found on the text exactly as it was written (harakat, tatweel and zero-width characters
inside a word stay part of the word), so ``text[t.start:t.end] == t.text`` always holds and a search
snippet can highlight the journalist's own spelling. Arabic punctuation (، ؛ ؟) separates tokens like
any other punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TOKEN_KINDS", "Token", "WORD_RE", "tokenize"]

TOKEN_KINDS = ("arabic", "latin", "number", "hashtag", "mixed")

# Arabic letters, tatweel and Arabic combining marks; digits (U+0660-U+0669, U+06F0-U+06F9) and Arabic
# punctuation (U+060C, U+061B, U+061F, U+066A-U+066D, U+06D4) are not in it.
_ARABIC = (
    "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0870-\u089f\u08a0-\u08ff\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
# Zero-width and bidi controls: allowed inside a word (they are often pasted there), never at its edges.
_JOINERS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"
_A = f"[{_ARABIC}]"
_L = f"(?:[^\\W\\d_{_ARABIC}]|[\u0300-\u036f])"  # letters of other scripts, with Latin accents
_D = r"\d"
_W = f"(?:[^\\W_]|[{_ARABIC}\u0300-\u036f])"  # any word character
_J = f"[{_JOINERS}]"

_TOKEN_PATTERN = (
    f"(?P<hashtag>#(?:{_W}|_)++(?:{_J}++(?:{_W}|_)++)*+)"
    f"|(?P<number>{_D}++(?:[.,\u066b\u066c]{_D}++)*+)(?!{_W})"
    f"|(?P<arabic>{_A}++(?:{_J}++{_A}++)*+)(?!{_W})"
    f"|(?P<latin>{_L}++(?:{_J}++{_L}++)*+)(?!{_W})"
    f"|(?P<mixed>{_W}++(?:{_J}++{_W}++)*+)"
)
TOKEN_RE = re.compile(_TOKEN_PATTERN)
# Words only (no kinds, no hashtag grouping): what the analyzers run over.
WORD_RE = re.compile(f"{_W}++(?:{_J}++{_W}++)*+")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text as written, its [start, end) offsets in the original string and its kind
    ("arabic", "latin", "number", "hashtag" or "mixed")."""

    text: str
    start: int
    end: int
    kind: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with offsets into the original string."""
    return [Token(m.group(), m.start(), m.end(), m.lastgroup or "mixed") for m in TOKEN_RE.finditer(text)]
