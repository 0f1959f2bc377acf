"""Reading a JSON Lines archive: one line as an Item, bad lines as (number, reason), batches of items."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _

from .dates import DateError, parse_published

SUMMARY_MAX = 600


class BadLine(ValueError):
    """A line that cannot become an article; the message says why (Arabic, shown to the operator)."""


@dataclass(frozen=True, slots=True)
class Item:
    line: int
    id: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    category: str
    published: datetime | None
    author: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    page_ids: list[int] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated

    @property
    def processed(self) -> int:
        """Good lines handled so far: created, updated, or already imported exactly as they are."""
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class DateOptions:
    """How the dates of a file are read: numeric dates day first (or month first), and the zone of
    times written without one."""

    day_first: bool = True
    tz: tzinfo = UTC


DEFAULT_DATES = DateOptions()


def parse_date(value, options: DateOptions = DEFAULT_DATES) -> datetime | None:
    """The publication date of a line (None when it has none); BadLine when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_published(value, day_first=options.day_first, tz=options.tz)
    except DateError as error:
        raise BadLine(str(error)) from None


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadLine(_("الحقل %(key)s ليس نصًا") % {"key": key})
    return value.replace("\x00", "").strip()


def parse_line(number: int, line: str, dates: DateOptions = DEFAULT_DATES) -> Item | None:
    """One line as an Item (None for a blank line); BadLine when it cannot be imported."""
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(_("ليس JSON صالحًا (%(error)s)") % {"error": error.msg}) from None
    if not isinstance(row, dict):
        raise BadLine(_("السطر ليس كائن JSON"))
    raw_id = row.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        raise BadLine(_("المعرف id مفقود"))
    title = " ".join(_text(row, "title").split())
    if not title:
        raise BadLine(_("العنوان title مفقود"))
    text = _text(row, "text")
    paragraphs = tuple(p.strip() for p in text.splitlines() if p.strip())
    summary = " ".join(_text(row, "abstract").split())
    if not summary and paragraphs:
        summary = paragraphs[0]
    if len(summary) > SUMMARY_MAX:
        cut = summary.rfind(" ", 0, SUMMARY_MAX - 1)
        summary = summary[: cut if cut > 0 else SUMMARY_MAX - 1] + "…"
    return Item(
        line=number,
        id=str(raw_id).strip()[:200],
        title=title[:255],
        summary=summary,
        paragraphs=paragraphs,
        category=_text(row, "category"),
        published=parse_date(row.get("published"), dates),
        author=" ".join(_text(row, "author").split())[:120],
    )


def open_lines(path: str | Path) -> TextIO:
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def batches(
    lines: Iterable[str], report: ImportReport, size: int, dates: DateOptions
) -> Iterator[list[Item]]:
    batch: list[Item] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        try:
            item = parse_line(number, line, dates)
        except BadLine as error:
            report.errors.append((number, str(error)))
            continue
        if item is None:
            continue
        if item.id in seen:  # the same id twice in one batch: the later line wins
            batch[seen[item.id]] = item
            continue
        seen[item.id] = len(batch)
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch, seen = [], {}
    if batch:
        yield batch
