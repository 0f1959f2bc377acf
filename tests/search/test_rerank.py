"""The second stage of ranking: query words close together and in order count for more."""

from akhbar.search.query import parse_query
from akhbar.search.rerank import features, lookup_for


def features_of(question: str, text: str, weights=None):
    words = parse_query(question).words
    weights = weights or [1.0] * len(words)
    return features([text], weights, lookup_for(words), window=6)


def test_words_together_score_higher_proximity_than_words_far_apart():
    together = features_of("تأسيس جامعة القاهرة", "تم تأسيس جامعة القاهرة في بداية القرن")
    apart = features_of(
        "تأسيس جامعة القاهرة", "تم تأسيس " + "كلام " * 20 + "جامعة " + "كلام " * 20 + "القاهرة"
    )
    assert together[0] == apart[0] == 1.0  # both cover every word
    assert together[1] == 1.0 and apart[1] < 0.5


def test_pairs_need_the_query_order():
    in_order = features_of("جامعة القاهرة", "زار جامعة القاهرة")
    reversed_order = features_of("جامعة القاهرة", "القاهرة مدينة فيها جامعة")
    assert in_order[2] == 1.0
    assert reversed_order[2] == 0.0


def test_rare_words_weigh_more_in_the_shares():
    coverage, _, _ = features_of("تأسيس جامعة", "جامعة كبيرة", weights=[3.0, 1.0])
    assert coverage == 0.25
