import pytest
from hypothesis import given
from hypothesis import strategies as st

from akhbar.moderation.normalize import arabizi_to_arabic, deobfuscate, squeeze, strip_controls, tokens


@pytest.mark.parametrize(
    ("obfuscated", "plain"),
    [
        ("كـــلـــب", "كلب"),  # tatweel
        ("كَلْبٌ", "كلب"),  # harakat
        ("ك.ل.ب", "كلب"),  # dots inside the word
        ("ك-ل-ب", "كلب"),
        ("ك*ل*ب", "كلب"),
        ("ك ل ب", "كلب"),  # spaced letters
        ("ش - ر - م - و - ط - ة", "شرموطه"),
        ("ك🔥ل🔥ب", "كلب"),  # emoji padding
        ("ك\u200bل\u200dب", "كلب"),  # zero-width characters
        ("\u202eكلب\u202c", "كلب"),  # bidi override
        ("حمl,ر", "حمار"),  # Latin look-alike of alef, then a comma
        ("ﻛﻠﺐ", "كلب"),  # presentation forms
        ("گواد", "كواد"),  # gaf folded to kaf
        ("إبن", "ابن"),  # alef with hamza folded
    ],
)
def test_obfuscated_word_is_restored(obfuscated, plain):
    assert squeeze(deobfuscate(obfuscated)) == plain


def test_repeated_letters_are_kept_at_two_and_squeezed_to_one():
    assert deobfuscate("كلللللللب") == "كللب"
    assert squeeze(deobfuscate("كلللللللب")) == "كلب"


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [("7mar", "حمار"), ("3ayb", "عايب"), ("sharmoo6a", "شارموطه"), ("5ara", "خاره")],
)
def test_arabizi_digits_are_transliterated(arabizi, arabic):
    assert arabizi_to_arabic(arabizi) == arabic
    assert deobfuscate(f"يا {arabizi}") == f"يا {arabic}"


def test_plain_latin_words_and_numbers_are_not_transliterated():
    assert deobfuscate("Hello World 2024 3D") == "hello world 2024 3d"


def test_ordinary_sentence_keeps_its_words():
    assert tokens(deobfuscate("مقالٌ رائعٌ، شكراً للكاتب.")) == ["مقال", "رايع", "شكرا", "للكاتب"]


def test_single_letter_words_are_not_glued_to_their_neighbours():
    assert tokens(deobfuscate("و الله ما رأيت")) == ["و", "الله", "ما", "رايت"]


def test_strip_controls_removes_nul_and_invisible_characters():
    assert strip_controls("a\x00b\u200fc\ufeffd\u2066e") == "abcde"


@given(st.text())
def test_deobfuscate_accepts_any_text(text):
    result = deobfuscate(text)
    assert isinstance(result, str)
    assert "\x00" not in result
    assert "\u202e" not in result
    assert result == result.strip()
