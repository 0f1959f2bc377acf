"""Publication dates as real archives write them: one function, every form, no guessing."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from akhbar.arabic.dates import MONTH_CONVENTIONS, month_name
from akhbar.importers.dates import DateError, parse_published


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-01-20T21:43:00+01:00", datetime(2017, 1, 20, 21, 43, tzinfo=timezone(timedelta(hours=1)))),
        ("2017-01-22T185600", utc(2017, 1, 22, 18, 56)),
        ("2017-01-20 21:43Z", utc(2017, 1, 20, 21, 43)),
        ("2017-01-20", utc(2017, 1, 20)),
        (
            "Sun, 18 Feb 2018 21:35:43 +0400",
            datetime(2018, 2, 18, 21, 35, 43, tzinfo=timezone(timedelta(hours=4))),
        ),
        ("17/05/2015", utc(2015, 5, 17)),
        ("17-05-2015 14:30", utc(2015, 5, 17, 14, 30)),
        ("17.05.2015 14:30:15", utc(2015, 5, 17, 14, 30, 15)),
        ("17/05/2015 - 2:30 م", utc(2015, 5, 17, 14, 30)),
        ("2015/05/17", utc(2015, 5, 17)),
        ("١٧/٠٥/٢٠١٥ ١٤:٣٠", utc(2015, 5, 17, 14, 30)),
        ("17 مايو 2015", utc(2015, 5, 17)),
        ("١٧ مايو، ٢٠١٥", utc(2015, 5, 17)),
        ("الأحد 17 كانون الثاني 2016 - 14:30", utc(2016, 1, 17, 14, 30)),
        ("الاحد 17 كانون ثاني 2016", utc(2016, 1, 17)),
        ("17 أيار 2015 الساعة 09:05 صباحًا", utc(2015, 5, 17, 9, 5)),
        ("3 تشرين الأول 2016", utc(2016, 10, 3)),
        ("3 جانفي 2017", utc(2017, 1, 3)),
        ("03 أوت 2016 - 18:00 GMT+1", datetime(2016, 8, 3, 18, tzinfo=timezone(timedelta(hours=1)))),
        ("12 جويلية 2016", utc(2016, 7, 12)),
        ("5 شتنبر 2016", utc(2016, 9, 5)),
        ("5 دجمبر 2016", utc(2016, 12, 5)),
        ("5 إبريل 2016", utc(2016, 4, 5)),
        ("1er janvier 2017 à 14h30", utc(2017, 1, 1, 14, 30)),
        ("17 février 2015", utc(2015, 2, 17)),
        ("17 fevrier 2015", utc(2015, 2, 17)),
        ("le lundi 3 avril 2017", utc(2017, 4, 3)),
        ("dimanche, 12 déc. 2016", utc(2016, 12, 12)),
        ("12 sept 2016", utc(2016, 9, 12)),
        ("5 Jan 2017", utc(2017, 1, 5)),
    ],
)
def test_the_date_forms_of_real_archives_are_read(text, expected):
    assert parse_published(text) == expected


@pytest.mark.parametrize("convention", MONTH_CONVENTIONS)
def test_every_month_name_akhbar_writes_is_read_back(convention):
    for month in range(1, 13):
        assert parse_published(f"9 {month_name(month, convention)} 2016") == utc(2016, month, 9)


def test_times_without_a_zone_are_taken_in_the_zone_given():
    tunis = ZoneInfo("Africa/Tunis")
    assert parse_published("17/05/2015 14:30", tz=tunis) == datetime(2015, 5, 17, 13, 30, tzinfo=UTC)
    assert parse_published("2015-05-17T14:30", tz=tunis).utcoffset() == timedelta(hours=1)
    assert parse_published("2015-05-17T14:30Z", tz=tunis).utcoffset() == timedelta(0)


def test_numeric_dates_are_day_first_unless_asked_month_first():
    assert parse_published("03/04/2016") == utc(2016, 4, 3)
    assert parse_published("03/04/2016", day_first=False) == utc(2016, 3, 4)
    assert parse_published("05/17/2015", day_first=False) == utc(2015, 5, 17)


@pytest.mark.parametrize(
    "text",
    [
        "05/17/2015",  # not a day-first date: refused, never silently read month first
        "17/05/15",  # two-digit year
        "31/02/2015",
        "32 mai 2015",
        "17 foo 2015",
        "demain 17 mai 2015",
        "17 mai 2015 quelque chose",
        "yesterday",
        "",
        "0001-01-01",
        "9999-12-31T23:00-05:00",
        "2017-01-20T21:43:00+99:00",
        "17/05/2015 25:00",
        "17/05/2015 13:00 م",
    ],
)
def test_ambiguous_or_unreadable_dates_are_refused_with_the_value_in_the_message(text):
    with pytest.raises(DateError) as error:
        parse_published(text)
    assert text.strip()[:10] in str(error.value)


def test_a_date_that_is_not_text_is_refused():
    with pytest.raises(DateError):
        parse_published(20150517)
