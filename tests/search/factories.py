"""Factories for search tests: articles with given words, published through Wagtail so the index follows."""

from __future__ import annotations

from datetime import datetime

from akhbar.news.models import ArticlePage, SectionPage
from tests.factories import make_article


def make_story(
    section: SectionPage,
    title: str,
    body: str = "",
    *,
    summary: str = "",
    published: datetime | None = None,
    **fields,
) -> ArticlePage:
    """A live article with this headline and body text, indexed as on publish."""
    body_blocks = [("paragraph", f"<p>{p}</p>") for p in body.split("\n") if p] if body else []
    return make_article(section, title, summary=summary, body=body_blocks, published=published, **fields)
