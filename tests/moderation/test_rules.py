import pytest

from akhbar.moderation.rules import check


def rules_of(text: str) -> set[str]:
    return {hit.rule for hit in check(text)}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("زوروا https://example.com/offer", "link"),
        ("موقعي www.example.net", "link"),
        ("شاهد bit.ly/abc", "link"),
        ("a.com b.net c.org كلها عروض", "links"),
        ("راسلوني على ahmad@example.com", "email"),
        ("اتصل على 0612345678", "phone"),
        ("واتساب +212 612 345 678", "phone"),
        ("اتصل ٠٥٥٥١٢٣٤٥٦", "phone"),
        ("THIS IS THE BEST OFFER EVER BUY NOW", "caps"),
        ("اششششششششششششششششششش", "repeated_char"),
        (" ".join(["اشتروا"] * 12), "repeated_word"),
        ("#ا #ب #ج #د #ه", "hashtags"),
        ("ابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابابا", "long_run"),
        ("نص \ufffd مكسور", "bad_encoding"),
    ],
)
def test_spam_rule_fires(text, rule):
    assert rule in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "حرب 1948 1967 1973 غيرت المنطقة",  # years are not a phone number
        "هههههههههههههههههههههههههههه مضحك",  # laughter
        "😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂😂",  # emoji
        "RT @USER: @USER @USER URL يا رب يا رب يا رب",  # anonymized tweet placeholders
        "NASA و FIFA و UNESCO",  # a few acronyms
        "مقال جيد ومفيد، شكرا للكاتب.",
    ],
)
def test_ordinary_comments_pass_the_spam_rules(text):
    assert rules_of(text) == set()


def test_three_links_reject_and_one_link_holds():
    assert {hit.action for hit in check("https://a.com https://b.com https://c.com")} == {"banned"}
    assert {hit.action for hit in check("المصدر https://a.com")} == {"suspect"}
