"""Dates in every site convention, checked against reference strings (not against Babel itself)."""

from datetime import date, datetime, timedelta

import pytest

from akhbar.arabic import (
    MONTH_CONVENTIONS,
    DateStyle,
    format_date,
    format_datetime,
    format_hijri,
    format_relative,
    format_time,
    month_name,
    weekday_name,
)
from akhbar.arabic.dates import tabular_hijri

from .factories import make_style, make_utc

REFERENCE_MONTHS = {
    "levantine": "كانون الثاني،شباط،آذار،نيسان،أيار،حزيران،تموز،آب،أيلول،تشرين الأول،تشرين الثاني،كانون الأول",
    "egyptian": "يناير،فبراير،مارس،أبريل،مايو،يونيو،يوليو،أغسطس،سبتمبر،أكتوبر،نوفمبر،ديسمبر",
    "moroccan": "يناير،فبراير،مارس،أبريل،ماي،يونيو،يوليوز،غشت،شتنبر،أكتوبر،نونبر،دجنبر",
    "maghreb": "جانفي،فيفري،مارس،أفريل،ماي،جوان،جويلية،أوت،سبتمبر،أكتوبر،نوفمبر،ديسمبر",
    "mauritanian": "يناير،فبراير،مارس،إبريل،مايو،يونيو،يوليو،أغشت،شتمبر،أكتوبر،نوفمبر،دجمبر",
}


@pytest.mark.parametrize("convention", MONTH_CONVENTIONS)
def test_month_names_match_each_countrys_usage(convention):
    assert [month_name(m, convention) for m in range(1, 13)] == REFERENCE_MONTHS[convention].split("،")


def test_tunisian_months_are_the_algerian_ones_in_cldr():
    from babel.dates import get_month_names

    assert list(get_month_names("wide", locale="ar_TN").values()) == REFERENCE_MONTHS["maghreb"].split("،")


def test_jawharafm_dateline_month_is_the_maghreb_one():
    # JA-culture-1: "الأربعاء 18 جانفي 2017"
    assert format_date(date(2017, 1, 18), make_style(months="maghreb")) == "الأربعاء 18 جانفي 2017"


def test_reference_page_stamp_with_dual_months():
    style = make_style(months="levantine", second_months="egyptian")
    assert format_datetime(make_utc(), style) == "الثلاثاء 26 كانون الأول / ديسمبر 2017 - 14:23 GMT"


def test_dual_months_in_the_other_order():
    style = make_style(months="egyptian", second_months="levantine", weekday=False)
    assert format_date(make_utc(), style) == "26 ديسمبر / كانون الأول 2017"


def test_dual_form_collapses_when_both_names_agree():
    style = make_style(months="egyptian", second_months="mauritanian", weekday=False)
    assert format_date(date(2017, 10, 1), style) == "1 أكتوبر 2017"


def test_arabic_indic_digits_and_12_hour_clock():
    style = make_style(months="moroccan", digits="arabic", clock=12)
    assert format_datetime(make_utc(), style) == "الثلاثاء ٢٦ دجنبر ٢٠١٧ - ٢:٢٣ م GMT"
    assert format_time(make_utc(hour=0, minute=5), style) == "١٢:٠٥ ص"


def test_time_with_seconds_for_the_last_updated_clock():
    assert format_time(make_utc(hour=9, minute=5, second=7), seconds=True) == "09:05:07"


def test_site_time_zone_moves_the_date_and_drops_the_gmt_label():
    style = make_style(months="levantine")
    stamp = format_datetime(make_utc(hour=23, minute=30), style, tz="Asia/Beirut", tz_label="بتوقيت بيروت")
    assert stamp == "الأربعاء 27 كانون الأول 2017 - 01:30 بتوقيت بيروت"
    assert format_datetime(make_utc(), style, tz="Asia/Beirut").endswith("16:23")


def test_naive_datetimes_are_utc():
    assert format_datetime(datetime(2017, 12, 26, 14, 23)) == format_datetime(make_utc())


def test_weekday_names():
    names = [weekday_name(date(2017, 12, 24) + timedelta(days=i)) for i in range(7)]
    assert names == ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]


def test_no_bidi_marks_in_any_output():
    for convention in MONTH_CONVENTIONS:
        for clock in (12, 24):
            for digits in ("latin", "arabic"):
                style = DateStyle(months=convention, second_months="levantine", digits=digits, clock=clock)
                text = format_datetime(make_utc(), style) + format_hijri(make_utc(), style)
                text += format_relative(make_utc() - timedelta(hours=3), make_utc(), style)
                assert not set(text) & {"\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u2066", "\u2067"}


def test_hijri_umm_al_qura():
    assert format_hijri(make_utc()) == "8 ربيع الآخر 1439 هـ"
    assert format_hijri(date(2024, 3, 11), make_style(digits="arabic")) == "١ رمضان ١٤٤٥ هـ"


def test_hijri_outside_umm_al_qura_range_is_marked_approximate():
    text = format_hijri(date(1900, 1, 1))
    assert text.endswith("هـ تقريبًا")
    assert text.startswith("28 شعبان 1317")


def test_tabular_fallback_stays_within_two_days_of_umm_al_qura():
    from hijridate import Hijri

    for year in (1350, 1400, 1439, 1499):
        for month in (1, 6, 12):
            gregorian = Hijri(year, month, 15).to_gregorian()
            y, m, d = tabular_hijri(date(gregorian.year, gregorian.month, gregorian.day))
            assert (y, m) == (year, month) and abs(d - 15) <= 2


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (timedelta(seconds=20), "منذ لحظات"),
        (timedelta(minutes=1), "منذ دقيقة"),
        (timedelta(minutes=2), "منذ دقيقتين"),
        (timedelta(minutes=3), "منذ 3 دقائق"),
        (timedelta(minutes=11), "منذ 11 دقيقة"),
        (timedelta(minutes=100), "منذ 100 دقيقة"),
        (timedelta(hours=2), "منذ ساعتين"),
        (timedelta(hours=5), "منذ 5 ساعات"),
        (timedelta(hours=23, minutes=59), "منذ 23 ساعة"),
        (timedelta(days=1), "منذ يوم"),
        (timedelta(days=2), "منذ يومين"),
        (timedelta(days=6), "منذ 6 أيام"),
        (timedelta(days=7), "الثلاثاء 19 ديسمبر 2017"),
    ],
)
def test_relative_times_use_arabic_plural_forms(ago, expected):
    now = make_utc()
    assert format_relative(now - ago, now) == expected


def test_relative_time_in_arabic_digits_and_future_clock_skew():
    now = make_utc()
    assert format_relative(now - timedelta(minutes=11), now, make_style(digits="arabic")) == "منذ ١١ دقيقة"
    assert format_relative(now + timedelta(seconds=30), now) == "منذ لحظات"
    assert format_relative(now + timedelta(days=1), now) == "الأربعاء 27 ديسمبر 2017"


@pytest.mark.parametrize(
    "call",
    [
        lambda: month_name(13, "egyptian"),
        lambda: month_name(1, "syrian"),
        lambda: DateStyle(months="iraqi"),
        lambda: DateStyle(digits="persian"),
        lambda: DateStyle(clock=11),
        lambda: format_datetime(make_utc(), tz="Mars/Olympus"),
    ],
)
def test_unknown_names_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        format_date("2017-12-26")
    with pytest.raises(TypeError):
        format_time(date(2017, 12, 26))
    with pytest.raises(TypeError):
        month_name("1", "egyptian")


def test_month_number_reads_back_every_convention_and_its_spelling_variants():
    from akhbar.arabic.dates import MONTH_CONVENTIONS, month_name, month_number

    for convention in MONTH_CONVENTIONS:
        for month in range(1, 13):
            assert month_number(month_name(month, convention)) == month
    assert month_number("ابريل") == month_number("إبريل") == month_number("أبريل") == 4
    assert month_number("كانون ثاني") == 1 and month_number("تشرين  أوّل") == 10
    assert month_number("ديسمبر ") == 12
    assert month_number("janvier") is None and month_number("") is None
