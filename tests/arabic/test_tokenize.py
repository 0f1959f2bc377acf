"""Tokens carry offsets into the original text and a kind, on real corpus sentences."""

import pytest

from akhbar.arabic import tokenize


def kinds(text):
    return [(t.text, t.kind) for t in tokenize(text)]


def test_tokens_keep_the_journalists_spelling_and_offsets():
    text = 'استضاف برنامج "سينما سينما" الأربعاء 18 جانفي 2017، أبطال "غدوة حيّ"'  # JA-culture-1
    tokens = tokenize(text)
    assert [t.text for t in tokens][-2:] == ["غدوة", "حيّ"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "الأربعاء 18 جانفي",
            [("الأربعاء", "arabic"), ("18", "number"), ("جانفي", "arabic")],
            id="JA-culture-1: numbers",
        ),
        pytest.param(
            "Demain Dès l'Aube",
            [("Demain", "latin"), ("Dès", "latin"), ("l", "latin"), ("Aube", "latin")],
            id="JA-culture-1: French title",
        ),
        pytest.param(
            "#صناع_الأمل",
            [("#صناع_الأمل", "hashtag")],
            id="JA-internationalNews-388: hashtag with underscore",
        ),
        pytest.param("لـ11", [("لـ11", "mixed")], id="JA-culture-14: Arabic clitic on digits"),
        pytest.param(
            "٥٦ عاما", [("٥٦", "number"), ("عاما", "arabic")], id="AL-culture-229: Arabic-Indic number"
        ),
        pytest.param("3.5 مليون", [("3.5", "number"), ("مليون", "arabic")], id="decimal number"),
        pytest.param(
            "قال، ثم سأل؟",
            [("قال", "arabic"), ("ثم", "arabic"), ("سأل", "arabic")],
            id="Arabic punctuation separates",
        ),
        pytest.param(
            "كت\u200cاب", [("كت\u200cاب", "arabic")], id="zero-width non-joiner inside a word stays in it"
        ),
        pytest.param(
            "\u200fمعظمها", [("معظمها", "arabic")], id="JA-diverse-201: leading RLM not part of the word"
        ),
    ],
)
def test_token_kinds(text, expected):
    assert kinds(text) == expected


def test_empty_and_punctuation_only_text_has_no_tokens():
    assert tokenize("") == []
    assert tokenize(" ،؛؟!… ") == []
