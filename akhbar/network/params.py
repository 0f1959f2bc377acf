"""Reading request parameters a visitor controls: ids, page numbers, dates and free text.

One place decides what a usable value is, so that no view hands a 30-digit id to the database driver
(SQLite raises OverflowError past 64 bits, PostgreSQL rejects values past its column type), a far-future
date to date arithmetic, or a NUL to a full-text parser. A bad id is simply not found; a bad page
number or date is a ``BadParameter`` whose Arabic message the view shows with a 400.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.urls import register_converter

# The largest primary key any table of this project can hold on every supported database
# (PostgreSQL's ``integer`` AutoField; Wagtail's pages use it too).
MAX_ID = 2**31 - 1
# Dates readers may filter on: wide enough for any archive, narrow enough that a day added or a time
# zone applied never leaves the range ``datetime`` can represent.
MIN_YEAR = 1800
MAX_YEAR = 2200

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadParameter(ValueError):
    """A request parameter that cannot be used; its message is shown to the reader (Arabic)."""


def parse_id(value: object) -> int | None:
    """A positive database id written in ASCII digits, or None (a caller treats it as "not found")."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def parse_int(value: object, message: str, minimum: int = 1, maximum: int = MAX_ID) -> int:
    """An integer between ``minimum`` and ``maximum`` inclusive; ``BadParameter(message)`` otherwise."""
    text = str(value).strip() if value is not None else ""
    if text.startswith("-"):
        digits = text[1:]
    else:
        digits = text.removeprefix("+")
    if not digits.isascii() or not digits.isdigit() or len(digits) > len(str(max(abs(minimum), maximum))):
        raise BadParameter(message)
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadParameter(message)
    return number


def parse_date(value: object, message: str) -> date:
    """A calendar day written YYYY-MM-DD between MIN_YEAR and MAX_YEAR; ``BadParameter`` otherwise."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii():
        raise BadParameter(message)
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise BadParameter(message) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BadParameter(message)
    return day


def clean_text(value: object) -> str:
    """Free text with the control characters a parser or a database may choke on (NUL above all)
    replaced by spaces, and the surrounding space stripped."""
    return _CONTROL_RE.sub(" ", str(value or "")).strip()


class IdConverter:
    """``<id:name>`` in URL patterns: a database id that fits every database, else the URL does not
    match (a 404) instead of reaching the database with a number it cannot hold."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
