"""Spam and link rules: the parts of the terms that are about form rather than words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .normalize import strip_controls


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired: its category, its action ("banned" rejects, "suspect" holds), and why."""

    rule: str
    category: str
    action: str
    detail: str = ""


_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9][a-z0-9\-]{0,62}\.(?:com|net|org|info|biz|io|co|me|ly|tk|xyz|top|site|online|"
    r"shop|link|click|ru|cn|sa|ae|eg|ma|tn|dz|lb|jo|iq|kw|qa|bh|om|ye|sy|sd|ps)\b(?:/\S*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+\-]{1,64}@[\w\-]{1,63}\.[\w.\-]{2,63}")  # bounded: no quadratic backtracking
_PHONE = re.compile(r"(?<![\d])(?:\+|00)?\d(?:[\s\-.]?\d){7,14}(?![\d])")
_YEAR_LIST = re.compile(r"^(?:(?:19|20)\d\d[\s\-.]?)+$")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_REPEATED_CHAR = re.compile(r"([^\W_])\1{14,}")
_RUNS = re.compile(r"(.)\1{2,}")
_LAUGHTER = set("هخحاوي ")
_WORD = re.compile(r"\w+")
_LONG_RUN = re.compile(r"\S{60,}")
_HASHTAGS = re.compile(r"#\w+")
# Placeholders that anonymized data sets put in place of mentions and links, and retweet marks.
_PLACEHOLDERS = re.compile(r"@\w+|<LF>|\bURL\b|\bUSER\b|\bRT\b")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

LINKS_HOLD = 1
LINKS_REJECT = 3
REPEATED_WORD_MIN = 10


def check(text: str) -> list[RuleHit]:
    """Run every spam rule on a raw comment."""
    text = strip_controls(text).translate(_DIGITS)
    hits: list[RuleHit] = []
    links = _URL.findall(text)
    if len(links) >= LINKS_REJECT:
        hits.append(RuleHit("links", "spam", "banned", str(len(links))))
    elif len(links) >= LINKS_HOLD:
        hits.append(RuleHit("link", "spam", "suspect", links[0][:80]))
    if "@" in text and _EMAIL.search(text):
        hits.append(RuleHit("email", "spam", "suspect"))
    for match in _PHONE.finditer(text):
        if not _YEAR_LIST.match(match.group(0)):
            hits.append(RuleHit("phone", "spam", "suspect"))
            break
    text = _PLACEHOLDERS.sub(" ", text)
    latin = _LATIN_LETTERS.findall(text)
    if len(latin) >= 20 and sum(ch.isupper() for ch in latin) >= 0.8 * len(latin):
        hits.append(RuleHit("caps", "spam", "suspect"))
    for match in _REPEATED_CHAR.finditer(text):
        if match.group(1) not in _LAUGHTER:
            hits.append(RuleHit("repeated_char", "spam", "suspect"))
            break
    words = [word for word in _WORD.findall(text.lower()) if len(word) >= 3]
    if len(words) >= REPEATED_WORD_MIN:
        most = Counter(words).most_common(1)[0][1]
        if most >= REPEATED_WORD_MIN and most >= 0.5 * len(words):
            hits.append(RuleHit("repeated_word", "spam", "suspect"))
    if _LONG_RUN.search(_RUNS.sub(r"\1", _URL.sub(" ", text))):
        hits.append(RuleHit("long_run", "spam", "suspect"))
    if len(_HASHTAGS.findall(text)) >= 5:
        hits.append(RuleHit("hashtags", "spam", "suspect"))
    if "\ufffd" in text:
        hits.append(RuleHit("bad_encoding", "spam", "suspect"))
    return hits
