"""Normalization rules, each protected by a real example from ../shared/data/news (article id in the
case id; JawharaFM is ANT Corpus v1.1, AlArabiya items are ANT multisource)."""

import pytest

from akhbar.arabic import (
    clean_display_text,
    fold_digits,
    fold_letters,
    nfkc_presentation,
    normalize_for_search,
    strip_controls,
    strip_harakat,
    strip_tatweel,
)

REAL_EXAMPLES = [
    # (function, input as found in the corpus, expected, what the case protects)
    pytest.param(strip_harakat, "أيْضا", "أيضا", id="JA-culture-1: sukun dropped, hamza letter kept"),
    pytest.param(strip_harakat, "حيّ", "حي", id="JA-culture-1: shadda dropped"),
    pytest.param(strip_harakat, "وُه", "وه", id="JA-culture-10: damma dropped"),
    pytest.param(strip_harakat, "تحُد", "تحد", id="ARCD question: damma inside a verb"),
    pytest.param(strip_tatweel, 'بـ"الفضيحة"', 'ب"الفضيحة"', id="JA-culture-113: tatweel after a clitic"),
    pytest.param(strip_tatweel, "لـ11", "ل11", id="JA-culture-14: tatweel before digits"),
    pytest.param(
        nfkc_presentation, "اﻷمنية", "الأمنية", id="JA-localNews-4244: lam-alef-hamza ligature split"
    ),
    pytest.param(
        nfkc_presentation, "اﻹعلام", "الإعلام", id="JA-localNews-4606: lam-alef-hamza-below ligature"
    ),
    pytest.param(nfkc_presentation, "x²", "x²", id="non-Arabic compatibility characters are left alone"),
    pytest.param(strip_controls, "\u200fمعظمها", "معظمها", id="JA-diverse-201: right-to-left mark removed"),
    pytest.param(
        strip_controls, "السائقين.\u200b", "السائقين.", id="JA-diverse-347: zero-width space removed"
    ),
    pytest.param(strip_controls, "\u061cأ\u2067ب\u2069\ufeff", "أب", id="ALM, isolates and BOM removed"),
    pytest.param(fold_letters, "آمال", "امال", id="JA-culture-12: alef madda folded"),
    pytest.param(fold_letters, "بٱن", "بان", id="JA-localNews-1117: alef wasla folded"),
    pytest.param(fold_letters, "على", "علي", id="JA-culture-1: alef maqsura folded to yeh"),
    pytest.param(fold_letters, "مؤسسة", "مؤسسه", id="JA-culture-100: teh marbuta folded, hamza seat kept"),
    pytest.param(fold_letters, "الاسلامیة", "الاسلاميه", id="JA-internationalNews-1121: Farsi yeh folded"),
    pytest.param(fold_digits, "٥٦ عاما", "56 عاما", id="AL-culture-229: Arabic-Indic digits to Latin"),
    pytest.param(fold_digits, "۱۳۹۶", "1396", id="Persian digits to Latin"),
]


@pytest.mark.parametrize(("step", "text", "expected"), REAL_EXAMPLES)
def test_normalization_step_on_real_text(step, text, expected):
    assert step(text) == expected


def test_hamza_seats_fold_only_when_asked():
    assert fold_letters("سيؤمنه") == "سيؤمنه"  # JA-culture-103
    assert fold_letters("سيؤمنه", hamza_seats=True) == "سيومنه"
    assert fold_letters("الطائرة", hamza_seats=True) == "الطايره"


def test_search_normalization_chains_every_step():
    text = "\u200fاﻷمنيّـــة ٢٠١٧ Demain"
    assert normalize_for_search(text) == "الامنيه 2017 demain"


def test_search_normalization_keeps_arabic_punctuation_as_is():
    assert normalize_for_search("قال، ثم سأل؟ نعم؛") == "قال، ثم سال؟ نعم؛"


def test_display_text_keeps_letters_as_written_and_drops_invisible_junk():
    assert clean_display_text("  أيْضا\u200f\x00  حيّ\n\nعلي ") == "أيْضا حيّ علي"
    assert clean_display_text("\ud800ليلى\u202e") == "ليلى"


def test_display_text_of_nothing_is_empty():
    assert clean_display_text("\u200b \x00\t") == ""
