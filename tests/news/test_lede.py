from types import SimpleNamespace

from akhbar.news.lede import first_paragraph, lede, shorten


def article(summary="", body=()):
    return SimpleNamespace(summary=summary, body=list(body))


def test_lede_is_the_summary_when_the_editor_wrote_one():
    story = article("ملخص كتبه المحرر.", [{"type": "paragraph", "value": "<p>فقرة أولى.</p>"}])
    assert lede(story) == "ملخص كتبه المحرر."


def test_lede_falls_back_to_the_first_paragraph_without_markup():
    story = article(
        "",
        [
            {"type": "quote", "value": {"quote": "تصريح", "speaker": "وزير"}},
            {"type": "paragraph", "value": "<p>أعلنت <b>البلدية</b> &amp; الولاية خطة جديدة.</p>"},
        ],
    )
    assert lede(story) == "أعلنت البلدية & الولاية خطة جديدة."


def test_lede_of_an_empty_article_is_empty():
    assert lede(article()) == ""
    assert first_paragraph(article()) == ""


def test_shorten_keeps_whole_sentences_then_whole_words():
    text = "الجملة الأولى قصيرة. والجملة الثانية أطول بكثير من أن تدخل في الحد المسموح به هنا"
    assert shorten(text, 40) == "الجملة الأولى قصيرة."
    cut = shorten("كلمة " * 30, 23)
    assert cut.endswith("…") and len(cut) <= 24 and "كلم…" not in cut
