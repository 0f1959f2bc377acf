"""Plural categories, counted nouns, digits and slugs."""

import re

import pytest
from babel import Locale

from akhbar.arabic import (
    count_phrase,
    localize_digits,
    plural_category,
    slugify_arabic,
    to_arabic_indic,
    to_latin,
)

from .factories import make_comment_noun


def test_plural_categories_agree_with_cldr():
    rule = Locale.parse("ar").plural_form
    assert all(plural_category(n) == rule(n) for n in range(0, 1200))


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "تعليق واحد"),
        (2, "تعليقان"),
        (3, "3 تعليقات"),
        (10, "10 تعليقات"),
        (11, "11 تعليقًا"),
        (99, "99 تعليقًا"),
        (100, "100 تعليق"),
        (102, "102 تعليق"),
        (103, "103 تعليقات"),
        (111, "111 تعليقًا"),
    ],
)
def test_counted_comments(n, expected):
    assert count_phrase(n, make_comment_noun()) == expected


def test_zero_comments_default_and_custom():
    assert count_phrase(0, make_comment_noun()) == "لا تعليقات"
    assert count_phrase(0, make_comment_noun(), zero="كن أول من يعلّق") == "كن أول من يعلّق"


def test_counted_nouns_in_arabic_digits():
    assert count_phrase(11, make_comment_noun(), digits="arabic") == "١١ تعليقًا"


def test_digit_styles():
    assert to_arabic_indic("26/12/2017") == "٢٦/١٢/٢٠١٧"
    assert to_latin("٥٦ عاما و۱۳") == "56 عاما و13"
    assert localize_digits("14:23", "arabic") == "١٤:٢٣"
    with pytest.raises(ValueError):
        localize_digits("1", "roman")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            'مخرج "غدوة حيّ" : الفيلم يجمع التشويق',
            "مخرج-غدوة-حي-الفيلم-يجمع-التشويق",
            id="JA-culture-1: harakat and quotes go",
        ),
        pytest.param(
            "أبطال الفيلم بـ«الفضيحة»",
            "ابطال-الفيلم-ب-الفضيحة",
            id="alef hamza folded, tatweel and guillemets go",
        ),
        pytest.param("اﻷمنية في ٢٠١٧", "الامنية-في-2017", id="ligature split, digits Latin, ة kept"),
        pytest.param(
            "Demain Dès l'Aube", "demain-des-l-aube", id="JA-culture-1: Latin lower-cased, accents dropped"
        ),
    ],
)
def test_slugs_are_readable_arabic(title, expected):
    assert slugify_arabic(title) == expected


def test_slug_cut_at_a_word_boundary():
    slug = slugify_arabic("الحكومة التونسية تعلن إجراءات جديدة لدعم المؤسسات الصغرى", max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-")
    assert slug == "الحكومة-التونسية-تعلن-اجراءات"


def test_slug_is_never_empty_and_always_url_safe():
    for text in ["", "!!!", "\u200f\u200b", "🙂🙂", "\ud800"]:
        slug = slugify_arabic(text)
        assert slug and re.fullmatch(r"[-\w]+", slug)
    assert slugify_arabic("!!!") != slugify_arabic("???")
