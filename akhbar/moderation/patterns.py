"""Patterns of the publishing terms that a list of fixed words cannot cover: combinations and verb forms.

Three kinds, all on normalized, squeezed words (``normalize`` then ``squeeze``), all "suspect" (they
hold a comment for a moderator, never reject it on their own):

- a people, an origin or a faith named next to a dehumanizing word (السوريين جراثيم, كلاب الشيعة,
  الأفارقة حشرات): racist or sectarian, whichever the group is. A comparison (يعاملون اللاجئين
  كالحيوانات, "treated like animals") is a complaint, not an insult, and does not count;
- "death to ..." (الموت لـ...), a wish for God to take, destroy or kill someone (الله ياخذهم, يا رب
  يموت, ربي يهلكهم), and a first-person threat to kill, slaughter, burn or shoot the reader in any
  dialect's future form (سأحرقك, حنقتلك, رح ادبحك, غنقتلك, بطخك): threat;
- nothing else: obscenity and personal insults are words, and live in the word lists.

The word lists are in this module rather than in ``data/lexicon.json`` because they are not terms a
moderator switches on or off one by one: each is half of a pattern. docs/moderation.md gives the reasons.
"""

from __future__ import annotations

import re

from .lexicon import Hit, word_forms
from .normalize import normalize, squeeze, tokens

# Peoples, origins and migrants (plural or collective forms, without the article).
_PEOPLES = frozenset(
    squeeze(normalize(w))
    for w in """
    عرب اعراب افارقه افريقيين افريقيون سود زنوج سوريين سوريون سوريه مصريين مصريون مصاروه فلسطينيين
    فلسطينيون لبنانيين لبنانيون اردنيين عراقيين خليجيين سعوديين سعوديه كويتيين قطريين اماراتيين يمنيين
    يمنيه سودانيين ليبيين توانسه تونسيين جزائريين دزيريين مغاربه مغربيين موريتانيين اكراد كرد امازيغ بربر
    اتراك ترك فرس ايرانيين هنود باكستانيين بنغال غجر لاجئين لاجئون مهاجرين مهاجرون نازحين اجانب
    امريكان امريكيين روس صينيين اوروبيين فرنسيين يهود صهاينه بدو صعايده شوام حضارمه
    فلسطينيه لبنانيه جزايريه جزايريين احباش اثيوبيين افغان فلبينيين بنغاليه
    افريقي زنجي سوري مصري فلسطيني لبناني عراقي سعودي خليجي يمني سوداني ليبي تونسي جزائري مغربي كردي
    تركي فارسي ايراني هندي يهودي لاجئ
    """.split()
)
# Faiths, sects and their members: an insult to them is sectarian incitement.
_FAITHS = frozenset(
    squeeze(normalize(w))
    for w in """
    شيعه سنه روافض رافضه نواصب علويين علويه نصيريه دروز مسيحيين مسيحيون نصارى اقباط موارنه ايزيديين
    يزيديين وهابيه وهابيين سلفيين صوفيه مسلمين مسلمون ملحدين بهائيين اسماعيليين اباضيه متاوله
    شيعي علوي درزي مسيحي نصراني قبطي ماروني وهابي سلفي رافضي ناصبي
    """.split()
)
# Words that deny a group its humanity or cleanliness.
_DEHUMANIZING = frozenset(
    squeeze(normalize(w))
    for w in """
    كلاب خنازير قرود قرده حمير بهايم حيوانات جراثيم حشرات صراصير جرذان فئران ديدان طفيليات وسخين
    انجاس نجس قذرين اوباش همج رعاع لقطاء كلب خنزير قرد جرثومه حشره قذر وسخ حثاله وحوش وساخه
    """.split()
)
# With the article, squeezed as the text is (اللاجئين reads الاجين, so stripping ال loses a letter).
_PEOPLES_DEFINITE = frozenset(squeeze("ال" + w) for w in _PEOPLES)
_FAITHS_DEFINITE = frozenset(squeeze("ال" + w) for w in _FAITHS)
_DEHUMANIZING_DEFINITE = frozenset(squeeze("ال" + w) for w in _DEHUMANIZING)
# Words that make a dehumanizing word a comparison rather than a label.
_COMPARISONS = frozenset("مثل متل زي زى كما كان كانهم كانهن شبه يعاملون يعاملوا يعامل عاملوهم".split())
_WINDOW = 3

# "Death to X": the word after الموت carries the preposition ل; function words are not a target.
_NOT_TARGETS = frozenset("لا لم لن لدى لدي له لها لهم لهن لنا لي لك لكم لكن لذلك لان لانه لانها".split())

# "May God take / kill / destroy him": the caller, then a third- or second-person verb.
# Words are squeezed, so الله reads اله and انشالله reads انشاله (and Latin allah reads alah).
_CALLERS = frozenset(
    "اله الهم ربي ربنا يارب عسى عساه عساهم عساك انشاله نشاله شاله alah rabi rabna yarab".split()
)
# Tunisian يهزك ("may God carry you off"), Levantine يقبرك ("may God bury you"), يبليك ("afflict you"),
# Levantine indicative بتموت, and the passive forms (Egyptian تتشل, squeezed to تشل; Levantine تنشل) too.
_WISH = re.compile(
    r"^(?:ب?[يت]موت\w*|يميت\w+|يهلك\w*|يدمر\w+|يبيد\w+|يحرق\w+|ياخذ\w+|ياخد\w+|يشل\w+|يعمي\w+|يهز\w+"
    r"|يقبر\w+|يبلي\w+|[يت](?:شل|نشل|نحرق|نقتل|ولع)\w*)$"
)
# "God willing he takes it (the cup)", "take me", "take us": not wishes on someone else. Levantine
# تقبرني / الله يقبرني قبلك ("may I die before you") is a term of affection.
_WISH_NOT = frozenset("ياخذها ياخدها ياخذنا ياخدنا ياخذني ياخدني يقبرني يقبرنا يهزني يهزنا يهزها".split())
# First-person threat: optional future marker, the first-person prefix, a verb of killing, "you".
_THREAT = re.compile(
    r"^(?:و|ف)?(?P<marker>لا|س|ح|ه|ب|غ)?(?P<person>[ان])?(?:قتل|ذبح|دبح|حرق|طخ|فجر|سلخ|دفن|فرم|شنق|نحر|دعس|خنق|قوص|سحل|قبر)"
    r"(?:ك|كي|كم|كو|ج|كن)$"
)
# "I'll kill you" built on موت (Egyptian هموتك, Levantine/Egyptian حموتك, سأموتك): only with a future
# marker, since بموتك also reads "by your death" (فجعنا بموتك).
_KILL = re.compile(r"^(?:و|ف)?(?:سا|سن|ح|ه|غ)(?:موت|اموت)(?:ك|كي|كم|كو|كن)$")
_FUTURE = frozenset("رح راح ح حا ه غادي".split())


def _stems(word: str) -> frozenset[str]:
    """The word and its clitic-stripped forms (والسوريين → سوريين, هالسوريين → سوريين)."""
    forms = word_forms(word)[1]
    if word.startswith("هال") and len(word) > 5:
        forms |= word_forms(word[1:])[1]
    return forms


def _group(word: str) -> str | None:
    stems = _stems(word)
    if stems & _FAITHS or stems & _FAITHS_DEFINITE:
        return "sectarian"
    if stems & _PEOPLES or stems & _PEOPLES_DEFINITE:
        return "racist"
    return None


def _label(word: str, before: bool) -> bool:
    """A dehumanizing word used as a label: bare or with و, and with the article only after the group.

    كلاب الشيعة (a construct, before the group) has no article; الكلاب على المهاجرين ("dogs set on the
    migrants") and بالسرطان, كالحيوانات (with a preposition) are not labels.
    """
    forms = {word, word[1:] if word.startswith("و") else word}
    return bool(forms & _DEHUMANIZING or (not before and forms & _DEHUMANIZING_DEFINITE))


def _group_hits(words: list[str], shown: list[str]) -> list[Hit]:
    hits: list[Hit] = []
    for i, word in enumerate(words):
        category = _group(word)
        if category is None:
            continue
        for j in range(max(0, i - 1), min(len(words), i + _WINDOW + 1)):
            if j == i or not _label(words[j], before=j < i):
                continue
            if any(_stems(p) & _COMPARISONS for p in words[max(0, j - 2) : j]):
                continue  # يعاملون اللاجئين كما الحيوانات: a complaint about treatment
            term = f"{shown[min(i, j)]} … {shown[max(i, j)]}"
            hits.append(Hit(term=term, category=category, action="suspect"))
            break
    return hits


def _death_hits(words: list[str], shown: list[str]) -> list[Hit]:
    hits: list[Hit] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if (
            word == "الموت"
            and following.startswith("ل")
            and len(following) >= 3
            and following not in _NOT_TARGETS
        ):
            hits.append(Hit(term=f"الموت {shown[i + 1]}", category="threat", action="suspect"))
        vocative = word == "يا" and following == "رب"
        if word in _CALLERS or vocative:
            k = i + 2 if vocative else i + 1
            nxt = words[k] if k < len(words) else ""
            if _WISH.match(nxt) and nxt not in _WISH_NOT:
                caller = "يا رب" if vocative else shown[i]
                hits.append(Hit(term=f"{caller} {shown[k]}", category="threat", action="suspect"))
    return hits


def _threat_hits(words: list[str], shown: list[str]) -> list[Hit]:
    hits: list[Hit] = []
    for i, word in enumerate(words):
        if _KILL.match(word):
            hits.append(Hit(term=shown[i], category="threat", action="suspect"))
            continue
        match = _THREAT.match(word)
        if match is None:
            continue
        future = i > 0 and words[i - 1] in _FUTURE
        if match.group("marker") or match.group("person") or future:
            term = f"{shown[i - 1]} {shown[i]}" if future else shown[i]
            hits.append(Hit(term=term, category="threat", action="suspect"))
    return hits


def find_normalized(normalized: str) -> list[Hit]:
    """Every pattern that fires in text already passed through ``normalize.normalize``."""
    words = tokens(squeeze(normalized))
    shown = tokens(normalized)  # the same words unsqueezed (الله, not اله), for the reasons
    if len(shown) != len(words):
        shown = words
    hits = _group_hits(words, shown) + _death_hits(words, shown) + _threat_hits(words, shown)
    return list(dict.fromkeys(hits))
