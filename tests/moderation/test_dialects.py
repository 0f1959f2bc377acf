"""Dialect entries and patterns of 2026-12-01 (third session): each category in Levantine, Tunisian (Arabic
script and Arabizi), Gulf, Egyptian and Iraqi forms, and the near misses that must stay published.

Phrases written for these tests; none is taken from an evaluation set (bench/data/*.tsv)."""

import pytest

from akhbar.moderation import patterns
from akhbar.moderation.lexicon import default_lexicon
from akhbar.moderation.normalize import normalize
from akhbar.moderation.policy import decide

LEXICON = default_lexicon()


def decision_of(text: str) -> tuple[str, set[str]]:
    decision = decide(text, lexicon=LEXICON)
    return decision.decision, set(decision.categories)


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        # insults to a person
        ("اسكت يا جربوع", "insult_person", "hold"),
        ("انضب احسن لك", "insult_person", "hold"),
        ("يا صرصور روح نام", "insult_person", "hold"),
        ("ya kelb barra", "insult_person", "hold"),
        ("يا شلاكه ما تفهم شي", "insult_person", "hold"),
        ("انت واحد ابن ستين كلب", "insult_person", "reject"),
        ("سد بوزك ولا تعلق", "insult_person", "hold"),
        # religion
        ("يخرب بيت ربك شو ثقيل", "insult_religion", "reject"),
        ("خرا على دينك", "insult_religion", "reject"),
        # sectarian
        ("هدول ابناء المتعه", "sectarian", "reject"),
        ("يا لطام روح عالحسينية", "sectarian", "hold"),
        ("يا صفوي انت وجماعتك", "sectarian", "hold"),
        # racism and origin
        ("الاحباش وحوش ما بيتعاشروا", "racist", "hold"),
        ("الجزايريين حثاله", "racist", "hold"),
        ("شعب همج", "racist", "hold"),
        # threats and death wishes
        ("ربي يهزك انت وجماعتك", "threat", "hold"),
        ("الله يقبرك ويريحنا منك", "threat", "hold"),
        ("هموتك لو شفتك", "threat", "hold"),
        ("بدي اقتلك", "threat", "reject"),
        ("بدعسك بالسيارة", "threat", "hold"),
        ("نقتلوك كان نشدوك", "threat", "reject"),
        ("الله ياخذ روحك", "threat", "hold"),
        # obscenity, Levantine and Maghrebi, Arabic script and Latin
        ("ايرك بهالبلد", "obscenity", "reject"),
        ("zebi fikom lkol", "obscenity", "reject"),
        ("kos okhtak", "obscenity", "reject"),
        ("خرا عليك وعلى حزبك", "obscenity", "hold"),
    ],
)
def test_dialect_entries_by_category(text, category, expected):
    decision, categories = decision_of(text)
    assert category in categories
    assert decision == expected


@pytest.mark.parametrize(
    "text",
    [
        "تقبرني يا ستي شو طيبة",  # Levantine affection: "may you bury me"
        "الله يقبرني قبلك يا امي",  # the same, said of oneself
        "فجعنا بموتك يا استاذ، الله يرحمك",  # "by your death": condolences, not a threat
        "تذاكر يا بيه من فضلك",  # بيه (bey), not بيئه
        "هالة سرحان ضيفة البرنامج الليلة",  # the name هالة, not the article هال
        "هالحكومة ما عندها خطة للكهربا",  # هال + an ordinary word
        "الشعب عالمية الكرة أكبر من السياسة",
        "طيران اير فرانس يلغي رحلاته إلى بيروت",  # Air France: اير is not listed
        "يا عبد الله تعال ساعدنا",  # the name, not عبد
        "مخيمات اللاجئين تغرق في النفايات بعد المطر",  # not a label of the refugees
        "اللهم اهلك الظالمين بالظالمين واخرجنا منهم سالمين",  # a common prayer, no person named
        "ان شاء الله تحرق المراحل وتوصل للنهائي",  # "burn the stages": advance fast
        "ما شالله عليك يا بطل",  # admiration
        "الوزير لايرى أي أزمة في الكهرباء",  # لايرى: not the Levantine obscenity
        # older entries narrowed on the dev sets' and news sentences' innocent matches
        "يا ثورة يا ابدية",  # ثورة, not يا ثور
        "من عطائك يا امي تعلمنا",  # عطائك, not the Maghrebi slur عطاي
        "اللاعب تعرض لقطع في الرباط الصليبي",  # the cruciate ligament
        "سجلوا من الهجمات المرتدة هدفين",  # counter-attacks
        "وصل الركاب مرتدين سترات النجاة",  # "wearing"
        "حذاء نايكي الجديد غالي",  # Nike
        "عائلة العبيدي في بغداد",  # a surname
        "اجتمع قواد الجيش امس",  # commanders
        "الله يديك الصحة يا عم",  # Egyptian "God give you health"
        "الأنظمة الساقطة لا تعود",  # fallen regimes
    ],
)
def test_near_misses_stay_published(text):
    decision, categories = decision_of(text)
    assert decision == "approve", categories


def test_levantine_demonstrative_is_read_as_the_article():
    assert any(hit.term == "كلاب" for hit in LEXICON.find("هالكلاب ما بيستحوا"))
    assert any(hit.term == "كلاب" for hit in LEXICON.find("بهالكلاب"))
    assert not LEXICON.find("هالحكومة فاشلة")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ربي يهزهم الكل", True),
        ("الله يهزها", False),  # "God willing he takes it": no person wished away
        ("سأموتك", True),
        ("حموتكم", True),
        ("بموتكم", False),  # "by your death": no future marker
        ("رح خنقك", True),
        ("خنقك للحرية", False),  # a noun: "your stifling of freedom"
        ("اللهم شلهم واهلكهم", False),  # imperative curses are listed phrases, not this pattern
        ("يا رب تنشل ايدك", True),  # Levantine passive
        ("عسى ربي يبليه", True),  # Gulf: عسى, then ربي as the caller
        ("الله يبليه بمرض", True),
        ("ان شالله بيموت بكرا", True),  # Levantine indicative after "God willing"
        ("بكرا بقبرك بالطاولة", True),  # a first-person "bury you" is held, even in a game: a human decides
    ],
)
def test_new_threat_and_wish_forms(text, found):
    hits = [hit for hit in patterns.find_normalized(normalize(text)) if hit.category == "threat"]
    assert bool(hits) is found
