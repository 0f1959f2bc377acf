"""Query parsing: words, phrases, exclusions, stopwords; and snippets cut from the original text."""

from akhbar.search.query import parse_query
from akhbar.search.snippets import highlight, snippet


def test_plain_words_become_analyzed_terms_and_stopwords_drop_out():
    query = parse_query("ما هي أخبار الاقتصاد في المغرب")
    lights = [w.light for w in query.words]
    assert "مغرب" in lights
    assert not any(w in lights for w in ("ما", "هي", "في"))


def test_quoted_text_is_a_phrase_in_any_quote_style():
    for text in ('"وزير الصحة"', "«وزير الصحة»", "“وزير الصحة”"):
        query = parse_query(text)
        assert len(query.phrases) == 1 and len(query.phrases[0]) == 2, text
        assert query.words == []


def test_minus_excludes_a_word_or_a_phrase():
    query = parse_query('انتخابات -البلدية -"مجلس النواب"')
    assert [w.light for w in query.words] == [parse_query("انتخابات").words[0].light]
    assert len(query.excluded_words) == 1
    assert len(query.excluded_phrases) == 1


def test_a_hyphen_inside_a_word_is_not_an_exclusion():
    query = parse_query("كوفيد-19")
    assert query.excluded_words == []
    assert len(query.words) == 2


def test_only_stopwords_or_only_exclusions_is_an_empty_query():
    assert parse_query("من في إلى").is_empty
    assert parse_query("-رياضة").is_empty
    assert parse_query("").is_empty


def test_an_unclosed_quote_still_makes_a_phrase():
    query = parse_query('"مهرجان قرطاج')
    assert len(query.phrases) == 1


def test_snippet_marks_the_words_as_written_with_their_prefixes_and_vowels():
    text = "اجتمعت الحكومةُ أمس. وقال متحدث باسم الحكومة إن القرارات الحكومية نهائية."
    terms = parse_query("حكومة").highlight_terms()
    cut = snippet(text, terms)
    assert "<mark>الحكومةُ</mark>" in cut
    assert "<mark>الحكومية</mark>" in cut


def test_snippet_is_escaped_and_cut_near_the_matches():
    text = "<b>" + "كلام لا علاقة له بالموضوع " * 30 + "ثم جاء ذكر البرلمان هنا. " + "نص آخر " * 30
    cut = snippet(text, parse_query("البرلمان").highlight_terms(), length=120)
    assert "<mark>البرلمان</mark>" in cut
    assert "<b>" not in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) < 200


def test_highlight_without_matches_returns_the_escaped_text():
    assert highlight("أ < ب", {"غير"}) == "أ &lt; ب"


def test_a_partly_typed_word_is_also_tried_without_its_article():
    from akhbar.search.analysis import prefix_terms

    assert prefix_terms("البن") == ["البن", "بن"]  # the reader may be typing البنك (index term بنك)
    assert prefix_terms("الاقتصا") == ["اقتصا"]
    assert prefix_terms("مهرج") == ["مهرج"]
    assert prefix_terms("الب") == ["الب"]  # one letter left is too little to search on


def test_question_frame_words_are_dropped_only_right_after_a_question_word():
    """«ما اسم», «في أي عام», «كم عدد» ask for a name, a year, a number: the answer rarely has the word."""
    assert words_of("في أي عام تأسست جامعة القاهرة؟") == words_of("تأسست جامعة القاهرة")
    assert words_of("ما هو اسم عاصمة تونس") == words_of("عاصمة تونس")
    assert words_of("كم عدد سكان مصر") == words_of("سكان مصر")
    assert words_of("عدد سكان مصر") != words_of("سكان مصر")  # no question: an ordinary word
    assert words_of("عام 2011 في تونس") == words_of("عام 2011 تونس")
    assert words_of("الاحتجاجات من عام 2011")[0][1] == parse_query("عام").words[0]  # "from", not "who"
    assert words_of("متى زار الوزير تونس عام 2011") == words_of("زار الوزير تونس عام 2011")
    assert words_of('ما "اسم الوردة"') == words_of('"اسم الوردة"')  # a quoted phrase keeps its words


def test_question_words_and_clitic_stopwords_are_not_searched_for():
    assert words_of("من هو رئيس تونس؟") == words_of("رئيس تونس")
    assert words_of("بماذا اتهم الوزير") == words_of("اتهم الوزير")


def words_of(text: str) -> tuple[list, list]:
    query = parse_query(text)
    return query.words, query.phrases


def test_surface_variants_are_for_the_second_stage_only():
    """A query word's other conjugations (يقع: تقع) and its form without a clitic (لكأس: كأس) are read by
    the second stage; the index is searched for the word's own terms only (both engines)."""
    from akhbar.search.backends.sqlite.query import match_expression

    query = parse_query("يقع لكأس")
    assert "تقع" in query.words[0].variants and "كاس" in query.words[1].variants
    expression = match_expression(query)
    assert "تقع" not in expression and '"كاس"' not in expression
    assert parse_query("الولايات").words[0].variants == ()  # the article's alef is not a verb prefix
