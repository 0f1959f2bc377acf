"""Property tests: the text functions are total, idempotent where they should be, and offsets hold."""

from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.arabic import (
    analyze,
    clean_display_text,
    fold_digits,
    fold_letters,
    index_terms,
    light_stem,
    nfkc_presentation,
    normalize_for_search,
    query_terms,
    slugify_arabic,
    strip_controls,
    strip_harakat,
    strip_tatweel,
    to_arabic_indic,
    to_latin,
    tokenize,
)

# Arabic blocks, presentation forms, digits, bidi/zero-width controls, Latin with accents, and
# anything else Python can hold (lone surrogates included).
ARABIC_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(
            list("\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\u061c\ufeff #_.,-'٫\x00")
        ),
        st.sampled_from(["\ud800", "\udbff", "\udc80", "\udfff"]),  # lone surrogates
        st.characters(min_codepoint=0x20, max_codepoint=0x24F),
        st.characters(),
    ),
    max_size=60,
)
ANY_TEXT = st.one_of(ARABIC_HEAVY, st.text(max_size=40))
STEPS = [nfkc_presentation, strip_harakat, strip_tatweel, strip_controls, fold_letters, fold_digits]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_normalization_is_idempotent(text):
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once
    for step in STEPS:
        assert step(step(text)) == step(text)
    cleaned = clean_display_text(text)
    assert clean_display_text(cleaned) == cleaned


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_token_offsets_slice_the_original_text(text):
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end and token.end > token.start
        assert token.kind in ("arabic", "latin", "number", "hashtag", "mixed")
        previous_end = token.end
    for term in index_terms(text):
        assert 0 <= term.start < term.end <= len(text)
        assert term.term


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, st.integers(min_value=1, max_value=120))
def test_nothing_raises_on_any_string(text, max_length):
    analyze(text)
    query_terms(text)
    light_stem(normalize_for_search(text))
    slug = slugify_arabic(text, max_length=max_length)
    assert slug and len(slug) <= max_length
    clean_display_text(text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_digits_round_trip(text):
    assert to_latin(to_arabic_indic(text)) == to_latin(text)
    assert to_arabic_indic(to_latin(text)) == to_arabic_indic(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_indic_numbers_read_back(n):
    assert int(to_latin(to_arabic_indic(str(n)))) == n
