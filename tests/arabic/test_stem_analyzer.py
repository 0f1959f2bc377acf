"""Light stemmer rules and the analyzer chains."""

import ast
from pathlib import Path

import pytest

from akhbar.arabic import STOPWORDS, analyze, index_terms, light_stem, normalize_for_search, query_terms
from akhbar.arabic.stem import nisba_stem, snowball_stem


def stem(word: str) -> str:
    return light_stem(normalize_for_search(word))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("الفيلم", "فيلم", id="JA-culture-1: article removed"),
        pytest.param("والمغامرة", "مغامر", id="JA-culture-1: و + article, feminine ending"),
        pytest.param("بالمدرسة", "مدرس", id="ب + article"),
        pytest.param("للمشاهدين", "مشاهد", id="لل + plural ending ين"),
        pytest.param("الممثلين", "ممثل", id="JA-culture-1: plural ين"),
        pytest.param("المهرجانات", "مهرجان", id="plural ات; ان, earlier in the list, is not retried"),
        pytest.param("رئيسها", "رئيس", id="attached pronoun ها"),
        pytest.param("حكومتها", "حكوم", id="ة written ت before a pronoun meets حكومة"),
        pytest.param("الحكومة", "حكوم", id="JA: ة folded to ه then removed"),
        pytest.param("سياراتهم", "سيار", id="plural ات before a pronoun keeps its ت rule apart"),
        pytest.param("صوتها", "صوت", id="radical ت kept: the 3-letter guard"),
        pytest.param("ثابتة", "ثابت", id="ت of the word kept before a folded ة (not a pronoun)"),
        pytest.param("التونسي", "تونس", id="JA-culture-1: nisba adjective ي"),
        pytest.param("فيلم", "فيلم", id="short word unchanged"),
        pytest.param("هم", "هم", id="two letters never stemmed"),
        pytest.param("لبنان", "لبنان", id="protected: not لبن (milk)"),
        pytest.param("اللبنانية", "لبنان", id="derived form meets the protected name"),
        pytest.param("البحرين", "بحرين", id="protected: not بحر (sea)"),
        pytest.param("ماكرون", "ماكرون", id="protected name"),
    ],
)
def test_light_stem(word, expected):
    assert stem(word) == expected


def test_stem_never_shorter_than_guard():
    for word in ["بها", "وال", "والي", "لهم", "كتب"]:
        assert len(stem(word)) >= min(3, len(normalize_for_search(word)))


def test_snowball_stem_never_empty():
    assert snowball_stem("ال") != ""


def test_stopwords_are_normalized():
    assert all(normalize_for_search(w) == w for w in STOPWORDS)
    assert "علي" not in STOPWORDS  # على folds to the name Ali


def test_index_terms_slice_back_to_the_written_word():
    text = 'أكّد وزيرُ الصحّة، في تصريح لـ"الجوهرة"، أنّ المستشفيات جاهزة.'
    for term in index_terms(text):
        written = text[term.start : term.end]
        assert term.term in analyze(written)


def test_stopwords_leave_position_gaps():
    terms = index_terms("ذهب الوزير إلى المستشفى")
    positions = sorted({t.position for t in terms})
    assert positions == [0, 1, 3]


def test_light_and_snowball_stems_share_a_position():
    terms = index_terms("والمعلمون")
    assert len({t.position for t in terms}) == 1
    assert [t.term for t in terms] == ["معلم", snowball_stem("والمعلمون")]


def test_query_drops_question_words_and_clitic_stopwords():
    assert query_terms("بماذا اتهم أردوغان؟") == query_terms("اتهم أردوغان")
    assert query_terms("ماهي عاصمة تونس") == query_terms("عاصمة تونس")


def test_query_and_index_agree_on_spelling_variants():
    assert set(query_terms("الاسلامیة")) & set(analyze("الإسلامية"))
    assert query_terms("٢٠١٧") == analyze("2017") == ["2017"]


def test_latin_words_are_lowercased_not_stemmed():
    assert analyze("Demain Dès l'Aube") == ["demain", "dès", "l", "aube"]


def test_arabic_package_imports_no_django():
    package = Path(__file__).resolve().parents[2] / "akhbar" / "arabic"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("django", "wagtail") for n in names), path.name


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("البلدية", "بلدي"),
        ("بلدية", "بلدي"),
        ("البلديات", "بلدي"),
        ("البلدي", "بلدي"),
        ("والبلدية", "بلدي"),
        ("البلد", "بلد"),  # the country: its own stem
        ("البلدين", "بلد"),  # a dual, not a nisba
        ("الدولية", "دولي"),
        ("الدول", "دول"),
        ("الدولار", "دولار"),
    ],
)
def test_nisba_stem_keeps_the_relative_adjective_ending_the_light_stem_drops(word, expected):
    assert nisba_stem(normalize_for_search(word)) == expected
