"""The second stage of ranking: query words close together, in order, saturating once over the story,
and named early in its lede count for more."""

from dataclasses import replace

from akhbar.search.query import parse_query
from akhbar.search.rerank import DEFAULT_RERANK, Features, combine, features, lookup_for, nisba_forms

SMALL_WINDOW = replace(DEFAULT_RERANK, window=6)


def features_of(question: str, *fields: str, weights=None) -> Features:
    words = parse_query(question).words
    weights = weights or [1.0] * len(words)
    return features(list(fields), weights, lookup_for(words), SMALL_WINDOW)


def test_words_together_score_higher_proximity_than_words_far_apart():
    together = features_of("تأسيس جامعة القاهرة", "", "", "تم تأسيس جامعة القاهرة في بداية القرن")
    apart = features_of(
        "تأسيس جامعة القاهرة", "", "", "تم تأسيس " + "كلام " * 20 + "جامعة " + "كلام " * 20 + "القاهرة"
    )
    assert together.coverage == apart.coverage == 1.0  # both cover every word
    assert together.proximity == 1.0 and apart.proximity < 0.5


def test_pairs_need_the_query_order():
    in_order = features_of("جامعة القاهرة", "", "", "زار جامعة القاهرة")
    reversed_order = features_of("جامعة القاهرة", "", "", "القاهرة مدينة فيها جامعة")
    assert in_order.pairs == 1.0
    assert reversed_order.pairs == 0.0


def test_rare_words_weigh_more_in_the_shares():
    f = features_of("تأسيس جامعة", "", "", "جامعة كبيرة", weights=[3.0, 1.0])
    assert f.coverage == 0.25


def test_words_match_in_any_of_their_forms():
    f = features_of("الجامعات", "", "", "وجامعة القاهرة")
    assert f.coverage == 1.0


def test_lede_counts_how_early_the_words_come_after_the_headline():
    early = features_of("مهرجان قرطاج", "", "افتتح مهرجان قرطاج مساء أمس", "تفاصيل كثيرة")
    late = features_of("مهرجان قرطاج", "", "", "كلام " * 40 + "مهرجان قرطاج")
    headline_only = features_of("مهرجان قرطاج", "مهرجان قرطاج", "", "كلام كثير")
    assert early.lede > 0.5 > late.lede > 0
    assert headline_only.lede == 0.0  # the headline is not the lede


def test_full_length_bm25_saturates_over_the_whole_story():
    once = features_of("قرطاج", "", "", "قرطاج " + "كلام " * 10)
    everywhere = features_of("قرطاج", "قرطاج", "قرطاج", "قرطاج " + "كلام " * 10)
    padded = features_of("قرطاج", "", "", "قرطاج " + "كلام " * 400)
    assert everywhere.bm25_full < 2.2 * 1.0  # bounded by (k1 + 1) · idf however often it repeats
    assert once.bm25_full > padded.bm25_full  # a long story earns less for one mention


def test_combine_keeps_the_first_stage_order_when_evidence_is_equal_and_never_lowers_a_score():
    f = Features(coverage=1.0, proximity=0.5, pairs=0.5, bm25_full=1.0, lede=0.2)
    assert combine(2.0, f) > combine(1.0, f) >= 1.0
    zero = Features(0.0, 0.0, 0.0, 0.0, 0.0)
    assert combine(3.0, zero) == 3.0
    assert combine(1.0, f) > combine(1.0, f._replace(lede=0.0))


def test_a_nisba_word_matched_only_through_its_shorter_stem_counts_less():
    """«البلدية» (municipal) is light-stemmed to «بلد» as «البلد» (the country) is: a story that has only
    the country counts the word at nisba_discount of its weight, one with the word's own forms fully."""
    query = parse_query("الانتخابات البلدية")
    discounted = replace(DEFAULT_RERANK, nisba_discount=0.5)
    lookup, nisba = lookup_for(query.words), nisba_forms(query.words, discounted)
    own = features(["الانتخابات البلدية في المدينة", "", ""], [1.0, 1.0], lookup, discounted, nisba=nisba)
    stem_only = features(["الانتخابات في البلد", "", ""], [1.0, 1.0], lookup, discounted, nisba=nisba)
    assert own.proximity == 1.0 and stem_only.proximity == 0.75
    assert combine(1.0, own, discounted) > combine(1.0, stem_only, discounted)
    off = replace(DEFAULT_RERANK, nisba_discount=1.0)
    assert features(["الانتخابات في البلد", "", ""], [1.0, 1.0], lookup, off, nisba=nisba).proximity == 1.0


def test_a_word_matched_only_through_its_heavy_stem_counts_less_with_a_stem_discount():
    """The light stem is the strong evidence, Snowball's heavier stem recall: «مباراة» (a match) and
    «مبارك» (a name) share Snowball's «مبار» but not their light stems, so a story naming only Mubarak
    counts the query word at stem_discount of its weight."""
    query = parse_query("مباراة الترجي")
    discounted = replace(DEFAULT_RERANK, stem_discount=0.5)
    lookup = lookup_for(query.words)
    light = features(["", "", "مباراة الترجي"], [1.0, 1.0], lookup, discounted)
    heavy = features(["", "", "مبارك الترجي"], [1.0, 1.0], lookup, discounted)
    assert light.coverage == 1.0 and heavy.coverage == 0.75
    assert combine(1.0, light, discounted) > combine(1.0, heavy, discounted)
    off = replace(DEFAULT_RERANK, stem_discount=1.0)
    assert features(["", "", "مبارك الترجي"], [1.0, 1.0], lookup, off).coverage == 1.0


def test_lookup_prefers_a_words_light_term_over_another_words_heavy_one():
    words = parse_query("الجامعات تونس").words
    lookup = lookup_for(words)
    assert lookup[words[0].light] == 1 and lookup[words[1].light] == 3
    assert all(lookup[t] % 2 == 0 for t in words[0].extra if t not in {w.light for w in words})


def test_a_verb_with_another_person_prefix_matches_in_the_second_stage():
    """A question's «يقع» ("it lies") and a text's «تقع» ("she lies") keep their prefixes through both
    stems; the second stage matches the word's surface variant, as a heavy match (not a light one)."""
    query = parse_query("أين يقع المغرب")
    text = ["", "", "المغرب دولة عربية تقع في شمال أفريقيا"]
    full = replace(DEFAULT_RERANK, stem_discount=1.0)
    matched = features(text, [1.0, 1.0], lookup_for(query.words), full)
    unmatched = features(text, [1.0, 1.0], lookup_for(query.words, variants=False), full)
    assert matched.coverage == 1.0 and unmatched.coverage == 0.5
    discounted = replace(DEFAULT_RERANK, stem_discount=0.5)
    assert features(text, [1.0, 1.0], lookup_for(query.words), discounted).coverage == 0.75


def test_a_four_letter_word_matches_without_its_clitic_in_the_second_stage():
    """«لكأس» ("for the cup") keeps its ل through the light stemmer's length guard; «كأس» in a text is
    the same word."""
    query = parse_query("لكأس العالم")
    full = replace(DEFAULT_RERANK, stem_discount=1.0)
    f = features(["", "", "نهائي كأس العالم"], [1.0, 1.0], lookup_for(query.words), full)
    assert f.coverage == 1.0 and f.pairs == 1.0


def test_a_words_own_terms_win_over_another_words_variant():
    words = parse_query("تقع يقع").words
    lookup = lookup_for(words)
    assert lookup[words[0].light] == 1 and lookup[words[1].light] == 3
