"""Highlighted snippets cut from the original text, using the analyzer's offsets (no re-tokenizing of
the highlighted words: each index term carries the [start, end) of the word it came from)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from akhbar.arabic.analyzer import INDEX_ANALYZER
from akhbar.arabic.tokenize import WORD_RE

ELLIPSIS = "…"


def _matches(text: str, terms: set[str]) -> list[tuple[int, int, int]]:
    """(position, start, end) of every word of ``text`` whose terms meet ``terms`` (positions and offsets
    as akhbar.arabic.analyzer.index_terms gives them, read straight from the analyzer's memo)."""
    out = []
    word_terms = INDEX_ANALYZER.word_terms
    for position, match in enumerate(WORD_RE.finditer(text)):
        for term in word_terms(match.group()):
            if term in terms:
                out.append((position, match.start(), match.end()))
                break
    return out


def highlight(text: str, terms: set[str]) -> SafeString:
    """The whole of ``text``, escaped, with matching words in <mark>."""
    return _render(text, 0, len(text), [(s, e) for _, s, e in _matches(text, terms)])


def snippet(text: str, terms: set[str], length: int = 220) -> SafeString:
    """About ``length`` characters of ``text`` around its densest cluster of matching words, escaped,
    with the matches in <mark>; the start of the text when nothing matches."""
    if not text:
        return mark_safe("")
    matches = _matches(text, terms)
    if not matches:
        return _render(text, 0, _cut_end(text, 0, length), [])
    best, best_key = matches[0], (-1, 0)
    for i, (_pos, start, _end) in enumerate(matches):
        window = [m for m in matches[i:] if m[2] - start <= length]
        distinct = len({text[s:e] for _, s, e in window})
        key = (distinct, len(window))
        if key > best_key:
            best, best_key = matches[i], key
    # Start a little before the first match, on a word boundary.
    start = max(0, best[1] - length // 5)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = _cut_end(text, start, length)
    return _render(text, start, end, [(s, e) for _, s, e in matches if s >= start and e <= end])


def _cut_end(text: str, start: int, length: int) -> int:
    end = start + length
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end


def _render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> SafeString:
    parts = []
    cursor = start
    for s, e in marks:
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    prefix = ELLIPSIS + " " if start > 0 else ""
    suffix = " " + ELLIPSIS if end < len(text) else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)
