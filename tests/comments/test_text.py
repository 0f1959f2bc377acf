"""Counting and cleaning what readers type (pure Python)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.comments import text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("مرحبا", 5),
        ("مَرْحَبًا", 5),  # harakat ride on their letters
        ("ســـلام", 7),  # tatweel is a visible character of its own
        ("👍", 1),
        ("👍🏽", 1),  # skin tone modifier
        ("👨\u200d👩\u200d👧", 1),  # ZWJ family
        ("❤️", 1),  # variation selector
        ("🇲🇦🇹🇳", 2),  # two flags
        ("a\r\nb", 3),
        ("", 0),
    ],
)
def test_count_graphemes_counts_what_a_reader_sees(value, expected):
    assert text.count_graphemes(value) == expected


@given(st.text(max_size=200))
def test_count_graphemes_never_exceeds_code_points(value):
    assert 0 <= text.count_graphemes(value) <= len(value)


def test_nul_and_c0_controls_are_forbidden_but_newlines_are_not():
    assert text.has_forbidden_controls("abc\x00")
    assert text.has_forbidden_controls("abc\x1b[31m")
    assert not text.has_forbidden_controls("سطر\nسطر\tآخر")


def test_bidi_overrides_are_detected():
    assert text.has_bidi_override("اسم\u202egnp.exe")
    assert text.has_bidi_override("\u2067اسم\u2069")
    assert not text.has_bidi_override("اسم\u200fعادي")


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "<b>x</b>", "<img src=x onerror=alert(1)>", "&lt;", "&#60;"]
)
def test_markup_is_detected(value):
    assert text.has_markup(value)


@pytest.mark.parametrize("value", ["3 < 5 و 7 > 2", "سعر الدولار < 10 دراهم", "a<b"])
def test_comparisons_are_not_markup(value):
    assert not text.has_markup(value)


def test_links_are_counted_with_or_without_scheme():
    assert text.count_links("زوروا https://a.example/x و www.b.example و c-shop.com") == 3
    assert text.count_links("لا روابط هنا") == 0


def test_clean_line_strips_zero_width_and_controls_and_collapses_spaces():
    assert text.clean_line("  سل\u200bمى \u200f  بن\u200dعلي ") == "سلمى بنعلي"


def test_clean_body_keeps_paragraphs_and_emoji_sequences():
    body = "الفقرة الأولى   \r\n\r\n\r\n\r\nالثانية \u200b👨\u200d👩\u200d👧\ufeff"
    assert text.clean_body(body) == "الفقرة الأولى\n\nالثانية 👨\u200d👩\u200d👧"


def test_fingerprint_ignores_spelling_variants_and_spacing():
    assert text.body_fingerprint("إن الأمر  مهم جدا") == text.body_fingerprint("ان الامر مهم جداً")
    assert text.body_fingerprint("تعليق") != text.body_fingerprint("تعليق آخر")
