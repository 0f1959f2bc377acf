"""Arabic dates and times in each site's convention.

Taken from CLDR through Babel (checked against the reference strings in tests/arabic):
- Gregorian month names: Levantine/Iraqi from ar_LB (كانون الثاني ... كانون الأول), Egyptian/standard
  from ar_EG (يناير ... ديسمبر), Moroccan from ar_MA (... ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر),
  Algerian/Tunisian from ar_DZ (= ar_TN: جانفي فيفري مارس أفريل ماي جوان جويلية أوت ...), Mauritanian
  from ar_MR (... إبريل ... أغشت شتمبر ... دجمبر).
- Weekday names (الأحد ... السبت) and the 12-hour day periods (ص / م) from ar.
Written here: the layout of the stamps (no CLDR pattern is used, so none of CLDR's U+200F/U+061C marks
can reach the output), the digits (Babel prints Latin digits; they are converted explicitly), Hijri
month names (CLDR's Islamic calendar names, as Babel does not expose them: ربيع الآخر, جمادى الآخرة),
relative times, and the Hijri fallback outside hijridate's Umm al-Qura range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names, get_period_names
from hijridate import Gregorian

from .digits import DIGIT_STYLES, localize_digits
from .normalize import fold_letters, strip_controls, strip_harakat, strip_tatweel
from .plurals import Noun, count_phrase

__all__ = [
    "HIJRI_MONTHS",
    "MONTH_CONVENTIONS",
    "DateStyle",
    "format_date",
    "format_datetime",
    "format_hijri",
    "format_relative",
    "format_time",
    "month_name",
    "month_number",
    "weekday_name",
    "weekday_names",
]

MONTH_CONVENTIONS = ("levantine", "egyptian", "moroccan", "maghreb", "mauritanian")
CONVENTION_LOCALES = {
    "levantine": "ar_LB",
    "egyptian": "ar_EG",
    "moroccan": "ar_MA",
    "maghreb": "ar_DZ",
    "mauritanian": "ar_MR",
}
HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
HIJRI_SUFFIX = "هـ"
_GMT_NAMES = ("GMT", "UTC")


@dataclass(frozen=True)
class DateStyle:
    """How one site writes dates: month convention (and an optional second one for the dual form
    "كانون الأول / ديسمبر"), digits, 12- or 24-hour clock, and whether the weekday leads."""

    months: str = "egyptian"
    second_months: str | None = None
    digits: str = "latin"
    clock: int = 24
    weekday: bool = True

    def __post_init__(self) -> None:
        _check_convention(self.months)
        if self.second_months is not None:
            _check_convention(self.second_months)
        if self.digits not in DIGIT_STYLES:
            raise ValueError(f"unknown digit style {self.digits!r}; expected one of {DIGIT_STYLES}")
        if self.clock not in (12, 24):
            raise ValueError(f"clock must be 12 or 24, not {self.clock!r}")


def _check_convention(convention: str) -> None:
    if convention not in CONVENTION_LOCALES:
        raise ValueError(f"unknown month convention {convention!r}; expected one of {MONTH_CONVENTIONS}")


@cache
def _months(convention: str) -> tuple[str, ...]:
    names = get_month_names("wide", "format", locale=CONVENTION_LOCALES[convention])
    return tuple(strip_controls(names[m]) for m in range(1, 13))


@cache
def _weekdays() -> tuple[str, ...]:
    names = get_day_names("wide", "format", locale="ar")
    return tuple(strip_controls(names[d]) for d in range(7))  # Babel: 0 = Monday, as date.weekday()


@cache
def _periods() -> tuple[str, str]:
    names = get_period_names("abbreviated", "format", locale="ar")
    return strip_controls(names["am"]), strip_controls(names["pm"])


def month_name(month: int, convention: str) -> str:
    """The name of ``month`` (1-12) in a convention of MONTH_CONVENTIONS."""
    if isinstance(month, bool) or not isinstance(month, int):
        raise TypeError(f"month must be an int, not {type(month).__name__}")
    _check_convention(convention)
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    return _months(convention)[month - 1]


def _month_key(name: str) -> str:
    """A month name as looked up: harakat, tatweel and controls removed, hamza forms and ى folded,
    spaces collapsed (so "إبريل", "ابريل" and "أبريل" meet)."""
    return " ".join(fold_letters(strip_tatweel(strip_harakat(strip_controls(name)))).split())


@cache
def _month_numbers() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for convention in MONTH_CONVENTIONS:
        for month, name in enumerate(_months(convention), 1):
            key = _month_key(name)
            numbers[key] = month
            first, _, second = key.partition(" ")
            if second.startswith("ال"):  # "كانون ثاني", "تشرين أول": the Levantine names without the article
                numbers[f"{first} {second[2:]}"] = month
    return numbers


def month_number(name: str) -> int | None:
    """The month (1-12) that ``name`` names in any of MONTH_CONVENTIONS ("كانون الثاني", "يناير",
    "جانفي", "يوليوز", "إبريل" ... all read the same tables ``month_name`` writes from), spelling
    variants of hamza, harakat and tatweel included; None for anything else."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    return _month_numbers().get(_month_key(name))


def weekday_names() -> tuple[str, ...]:
    """The Arabic weekday names, Monday first (as ``date.weekday()``)."""
    return _weekdays()


def weekday_name(d: date) -> str:
    """The Arabic name of the day of the week of ``d``."""
    if not isinstance(d, date):
        raise TypeError(f"expected a date, not {type(d).__name__}")
    return _weekdays()[d.weekday()]


def _zone(tz: str) -> tzinfo:
    if not isinstance(tz, str):
        raise TypeError(f"tz must be a str, not {type(tz).__name__}")
    if tz.upper() in _GMT_NAMES:
        return UTC
    try:
        return ZoneInfo(tz)
    except Exception as error:  # ZoneInfoNotFoundError, or a malformed key
        raise ValueError(f"unknown time zone {tz!r}") from error


def _local(value: datetime, tz: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone(tz))


def _local_date(value: date | datetime, tz: str) -> date:
    if isinstance(value, datetime):
        return _local(value, tz).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, not {type(value).__name__}")


def _month_label(month: int, style: DateStyle) -> str:
    first = month_name(month, style.months)
    if style.second_months is None:
        return first
    second = month_name(month, style.second_months)
    return first if second == first else f"{first} / {second}"


def format_date(value: date | datetime, style: DateStyle = DateStyle(), *, tz: str = "GMT") -> str:
    """ "الثلاثاء 26 كانون الأول / ديسمبر 2017": weekday (if the style asks), day, month name(s), year.
    A datetime is first converted to ``tz`` (naive means UTC)."""
    d = _local_date(value, tz)
    text = f"{d.day} {_month_label(d.month, style)} {d.year}"
    if style.weekday:
        text = f"{weekday_name(d)} {text}"
    return localize_digits(text, style.digits)


def format_time(
    value: datetime, style: DateStyle = DateStyle(), *, tz: str = "GMT", seconds: bool = False
) -> str:
    """ "14:23" (24-hour) or "2:23 م" (12-hour, ص before noon and م after), in ``tz``."""
    t = _local(value, tz)
    tail = f":{t.second:02d}" if seconds else ""
    if style.clock == 24:
        text = f"{t.hour:02d}:{t.minute:02d}{tail}"
    else:
        am, pm = _periods()
        text = f"{(t.hour % 12) or 12}:{t.minute:02d}{tail} {am if t.hour < 12 else pm}"
    return localize_digits(text, style.digits)


def format_datetime(
    value: datetime, style: DateStyle = DateStyle(), *, tz: str = "GMT", tz_label: str | None = None
) -> str:
    """ "الثلاثاء 26 كانون الأول / ديسمبر 2017 - 14:23 GMT": date and time in ``tz`` (an IANA name, or
    GMT/UTC). The label is "GMT" for GMT/UTC; for other zones it is ``tz_label``, or nothing."""
    text = f"{format_date(value, style, tz=tz)} - {format_time(value, style, tz=tz)}"
    label = "GMT" if isinstance(tz, str) and tz.upper() in _GMT_NAMES else tz_label
    return f"{text} {label}" if label else text


# Tabular (arithmetic) Islamic calendar, civil epoch: 16 July 622 (Julian) = Julian day 1948440.
_ISLAMIC_EPOCH = 1948440
_ORDINAL_TO_JD = 1721425


def _tabular_to_jd(year: int, month: int, day: int) -> int:
    return day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + _ISLAMIC_EPOCH - 1


def tabular_hijri(d: date) -> tuple[int, int, int]:
    """Hijri (year, month, day) by the tabular Islamic calendar: the fallback outside Umm al-Qura's
    range. It can differ from the observed or Umm al-Qura date by a day or two."""
    jd = d.toordinal() + _ORDINAL_TO_JD
    year = (30 * (jd - _ISLAMIC_EPOCH) + 10646) // 10631
    month = min(12, math.ceil((jd - (29 + _tabular_to_jd(year, 1, 1))) / 29.5) + 1)
    month = max(month, 1)
    day = jd - _tabular_to_jd(year, month, 1) + 1
    return year, month, day


def hijri_date(d: date) -> tuple[int, int, int, bool]:
    """(year, month, day, exact): Umm al-Qura via hijridate for 1343-1500 AH (1924-08-01 to
    2077-11-16); outside it the tabular calendar, with ``exact`` False."""
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (OverflowError, ValueError):
        year, month, day = tabular_hijri(d)
        return year, month, day, False
    return h.year, h.month, h.day, True


def format_hijri(value: date | datetime, style: DateStyle = DateStyle(), *, tz: str = "GMT") -> str:
    """ "8 ربيع الآخر 1439 هـ" (Umm al-Qura). Outside 1343-1500 AH the date comes from the tabular
    Islamic calendar and is marked approximate with "تقريبًا" so no reader takes it as exact."""
    year, month, day, exact = hijri_date(_local_date(value, tz))
    text = f"{day} {HIJRI_MONTHS[month - 1]} {year} {HIJRI_SUFFIX}"
    if not exact:
        text = f"{text} تقريبًا"
    return localize_digits(text, style.digits)


# Forms after "منذ" (genitive): منذ دقيقة, منذ دقيقتين, منذ 3 دقائق, منذ 11 دقيقة, منذ 100 دقيقة.
MINUTES = Noun("دقيقة", "دقيقتين", "دقائق", "دقيقة", "دقيقة")
HOURS = Noun("ساعة", "ساعتين", "ساعات", "ساعة", "ساعة")
DAYS = Noun("يوم", "يومين", "أيام", "يومًا", "يوم")
JUST_NOW = "منذ لحظات"


def format_relative(
    value: datetime, now: datetime | None = None, style: DateStyle = DateStyle(), *, tz: str = "GMT"
) -> str:
    """How long ago ``value`` was: under a minute "منذ لحظات"; then minutes up to 119 ("منذ 100 دقيقة",
    rather than rounding 1 h 59 min down to an hour); then hours up to 23; then days up to 6; from a
    week on (or for a time more than a minute in the future) the full date, as ``format_date``."""
    value = _local(value, tz)
    now = _local(now if now is not None else datetime.now(UTC), tz)
    seconds = (now - value).total_seconds()
    if -60 < seconds < 60:
        return JUST_NOW
    if seconds < 0 or seconds >= timedelta(days=7).total_seconds():
        return format_date(value, style, tz=tz)
    minutes = int(seconds // 60)
    if minutes < 120:
        noun = MINUTES
        count = minutes
    elif minutes < 24 * 60:
        noun, count = HOURS, minutes // 60
    else:
        noun, count = DAYS, minutes // (24 * 60)
    return f"منذ {count_phrase(count, noun, style.digits)}"
