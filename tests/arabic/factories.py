"""Small factories for the Arabic core's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from akhbar.arabic import DateStyle, Noun


def make_style(**overrides) -> DateStyle:
    """A site's date style; Egyptian months, Latin digits, 24 h unless overridden."""
    return DateStyle(**overrides)


def make_utc(
    year: int = 2017, month: int = 12, day: int = 26, hour: int = 14, minute: int = 23, second: int = 0
):
    """An aware UTC datetime; the default is the reference page's stamp (26 Dec 2017, 14:23 GMT)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def make_comment_noun() -> Noun:
    return Noun("تعليق واحد", "تعليقان", "تعليقات", "تعليقًا", "تعليق")
