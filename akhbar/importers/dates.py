"""Publication dates as real news archives write them, read into aware datetimes.

Accepted (after Arabic-Indic and Persian digits are read as Latin ones):
- ISO 8601: "2017-01-20T21:43:00+01:00", "2017-01-20 21:43", "2017-01-22T185600", "2017-01-20", with
  or without a zone ("Z", "+01:00");
- RFC 2822: "Sun, 18 Feb 2018 21:35:43 +0400";
- numeric dates, day first: "17/05/2015", "17-05-2015", "17.05.2015", optionally followed by a time
  ("17/05/2015 14:30", "17/05/2015 - 2:30 م"); year first ("2015/05/17") is read as year, month, day;
- month names: "17 مايو 2015", "الأحد 17 كانون الثاني 2016 - 14:30", "3 جانفي 2017", "1er janvier 2017
  à 14h30", "17 février 2015", "5 Jan 2017" — Arabic names of every convention akhbar.arabic.dates
  knows (Levantine, Egyptian, Moroccan, Algerian/Tunisian, Mauritanian) and French and English names
  (wide and abbreviated, from CLDR through Babel, accents optional).

A time without a zone is taken in the zone given (UTC by default). Numeric dates are read day first (the
convention of Arabic and French archives); ``day_first=False`` reads them month first. A date that is
not valid in the order asked ("05/17/2015" read day first), a two-digit year, a year outside
1800-2200, or anything else is refused with a DateError whose (Arabic) message names the value: the
importer reports the line and skips it rather than guess a date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import cache

from babel.dates import get_day_names, get_month_names
from django.utils.translation import gettext as _

from akhbar.arabic.dates import month_number, weekday_names
from akhbar.arabic.normalize import fold_digits, fold_letters, strip_controls, strip_harakat, strip_tatweel

__all__ = ["DateError", "parse_published"]

MIN_YEAR, MAX_YEAR = 1800, 2200
_LATIN_LOCALES = ("fr", "en")

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[t ].*)?")
_NUMERIC_RE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[\sT,-]+(.*))?")
_NAMED_RE = re.compile(r"(?:(.*?)[\s,،]+)?(\d{1,2})(?:er)?[\s.-]+(.+?)[\s.,،-]+(\d{4})(?:[\s,،-]+(.*))?")
_TIME_RE = re.compile(
    r"(?:(?:à|a|at|le|الساعة|على الساعة|على)\s+)?"
    r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?"
    r"(?:\s*(am|pm|a\.m\.|p\.m\.|ص|م|صباحا|مساء|مساءا))?"
    r"(?:\s*(z|utc|gmt|[+-]\d{2}:?\d{2}|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?))?"
)
_TZ_RE = re.compile(r"(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?")
_PM = {"pm", "p.m.", "م", "مساء", "مساءا"}
_SKIP_WORDS = {"le", "الموافق", "بتاريخ", "يوم", "نشر", "في"}


class DateError(ValueError):
    """A publication date that cannot be read; the message (Arabic) names the value."""


def _fold_latin(text: str) -> str:
    """Lower case without accents: "Février" -> "fevrier", "Déc." -> "dec"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


@cache
def _latin_months() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _LATIN_LOCALES:
        for width in ("wide", "abbreviated"):
            for month, name in get_month_names(width, "format", locale=locale).items():
                names[_fold_latin(name)] = month
    names["sept"] = 9  # the common French abbreviation besides CLDR's "sept."
    return names


@cache
def _weekday_words() -> frozenset[str]:
    words = {_fold_latin(n) for loc in _LATIN_LOCALES for n in get_day_names("wide", locale=loc).values()}
    words |= {
        _fold_latin(n) for loc in _LATIN_LOCALES for n in get_day_names("abbreviated", locale=loc).values()
    }
    return frozenset(fold_letters(w) for w in words | set(weekday_names()) | _SKIP_WORDS)


def _month(text: str) -> int | None:
    return month_number(text) or _latin_months().get(_fold_latin(text))


def _clean(value: str) -> str:
    text = fold_digits(strip_tatweel(strip_harakat(strip_controls(value))))
    return " ".join(text.replace("\u060c", ",").lower().split())


def _zone(text: str | None, default: tzinfo) -> tzinfo:
    if not text or text in {"z", "utc", "gmt"}:
        return UTC if text else default
    match = _TZ_RE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    sign, hours, minutes = match.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset >= timedelta(hours=24):
        raise ValueError(text)
    return timezone(-offset if sign == "-" else offset)


def _time(text: str | None, default: tzinfo) -> tuple[int, int, int, tzinfo]:
    """(hour, minute, second, zone) of what follows the date; midnight in ``default`` if nothing does."""
    if not text:
        return 0, 0, 0, default
    match = _TIME_RE.fullmatch(text.strip(" -,"))
    if match is None:
        raise ValueError(text)
    hour, minute, second, period, zone = match.groups()
    hour = int(hour)
    if period:
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if period in _PM else 0)
    return hour, int(minute), int(second or 0), _zone(zone, default)


def _build(year: int, month: int, day: int, rest: str | None, default: tzinfo) -> datetime:
    hour, minute, second, zone = _time(rest, default)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def _numeric(match: re.Match, day_first: bool, default: tzinfo) -> datetime:
    first, _sep, middle, last, rest = match.groups()
    if len(first) == 4:  # 2015/05/17: year, month, day
        return _build(int(first), int(middle), int(last), rest, default)
    if len(last) != 4:
        raise ValueError("two-digit or misplaced year")
    day, month = (int(first), int(middle)) if day_first else (int(middle), int(first))
    return _build(int(last), month, day, rest, default)


def _named(match: re.Match, default: tzinfo) -> datetime:
    prefix, day, month_text, year, rest = match.groups()
    if prefix and any(fold_letters(w.strip(",.")) not in _weekday_words() for w in prefix.split()):
        raise ValueError(prefix)
    month = _month(month_text)
    if month is None:
        raise ValueError(month_text)
    return _build(int(year), month, int(day), rest, default)


def _read(text: str, day_first: bool, default: tzinfo) -> datetime:
    if _ISO_RE.fullmatch(text):
        parsed = datetime.fromisoformat(text.upper())
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=default)
    match = _NUMERIC_RE.fullmatch(text)
    if match:
        return _numeric(match, day_first, default)
    match = _NAMED_RE.fullmatch(text)
    if match:
        try:
            return _named(match, default)
        except ValueError:
            pass
    parsed = parsedate_to_datetime(text)  # RFC 2822; raises ValueError/TypeError otherwise
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=default)


def parse_published(value: str, *, day_first: bool = True, tz: tzinfo = UTC) -> datetime:
    """The aware datetime ``value`` writes (see the module docstring for the forms); DateError if it
    cannot be read without guessing."""
    if not isinstance(value, str):
        raise DateError(_("تاريخ النشر ليس نصًا"))
    text = _clean(value)
    try:
        parsed = _read(text, day_first, tz)
    except (ValueError, TypeError, IndexError, OverflowError):
        raise DateError(
            _("تاريخ النشر غير مفهوم أو غامض: %(value)s") % {"value": value.strip()[:40]}
        ) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise DateError(
            _("سنة تاريخ النشر خارج المدى %(low)s-%(high)s: %(value)s")
            % {"low": MIN_YEAR, "high": MAX_YEAR, "value": value.strip()[:40]}
        )
    return parsed
