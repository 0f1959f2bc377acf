"""Readable Arabic slugs for URLs."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .digits import to_latin
from .normalize import nfkc_presentation, strip_controls, strip_harakat, strip_tatweel

__all__ = ["slugify_arabic"]

# Only the hamza-carrying alef forms are folded (أ إ آ ٱ -> ا): the same headline typed with or without
# hamzas gets the same slug. ة and ى are kept: folding them would make a slug look misspelled.
_SLUG_FOLDS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"})
# What a slug keeps: Arabic letters (U+0621-U+064A, U+066E-U+06D3, U+06D5), Latin letters and digits.
_ACCENTED_LATIN_RE = re.compile("[\u00c0-\u024f]+")
_NOT_SLUG_RE = re.compile("[^a-z0-9\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5]+")


def _strip_accents(match: re.Match[str]) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", match.group()) if not unicodedata.combining(c))


def slugify_arabic(text: str, max_length: int = 80) -> str:
    """A URL slug that keeps Arabic letters as written (harakat, tatweel and controls removed, alef
    variants folded), lower-case Latin letters (accents dropped) and Latin digits, words joined by hyphens, cut at a word
    boundary to ``max_length``. Never empty: text with nothing sluggable gets "خبر-" and a short hash.
    The result matches Django's unicode slug pattern ``[-\\w]+``."""
    slug = strip_tatweel(strip_harakat(strip_controls(nfkc_presentation(text))))
    slug = to_latin(slug.translate(_SLUG_FOLDS)).lower()
    slug = _ACCENTED_LATIN_RE.sub(_strip_accents, slug)
    slug = _NOT_SLUG_RE.sub("-", slug).strip("-")
    max_length = max(int(max_length), 1)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[1:] else slug[:max_length]
        slug = slug[:max_length].strip("-")
    if not slug:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        slug = f"خبر-{digest[:8]}"[:max_length].strip("-") or digest[:max_length]
    return slug
