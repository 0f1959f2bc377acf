"""An article's lede: what describes it where a short text is needed (meta description, feeds, API)."""

from __future__ import annotations

import html
import re

from django.utils.html import strip_tags

_SPACES_RE = re.compile(r"\s+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!؟?])\s")


def _plain(value: str) -> str:
    text = html.unescape(strip_tags(value))
    return _SPACES_RE.sub(" ", text).strip()


def first_paragraph(article) -> str:
    """The plain text of the body's first paragraph block, or "" when the body has none."""
    raw = article.body.raw_data if hasattr(article.body, "raw_data") else article.body
    for block in raw or []:
        if isinstance(block, dict) and block.get("type") == "paragraph":
            text = _plain(str(block.get("value") or ""))
            if text:
                return text
    return ""


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters: whole sentences when they fit, else whole words and an ellipsis."""
    text = _SPACES_RE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(cut)]
    if ends and ends[-1] >= limit // 2:
        return cut[: ends[-1]].strip()
    words = cut[:limit].rsplit(" ", 1)[0].rstrip("،,;:؛ ")
    return f"{words}…"


def lede(article, limit: int = 300) -> str:
    """The editor's summary; when it is empty, the start of the first paragraph (the inverted pyramid)."""
    summary = (article.summary or "").strip()
    return shorten(summary or first_paragraph(article), limit)
