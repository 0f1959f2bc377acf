"""The publishing-terms policy: one comment in, a decision with its reasons out.

Order of evidence: the word lists, the patterns (``patterns.py``: a group next to a dehumanizing word,
death wishes, first-person threats; they hold) and the spam rules first (a banned term or rule rejects,
a suspect one holds), then the classifier's score against the site's thresholds. The score reported is the
classifier's probability combined with the rule evidence, so a comment held or rejected by a rule also
sorts high in the moderator's queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import patterns, rules
from .categories import CATEGORIES, CATEGORY_LABELS, gettext_noop
from .classifier import Model, default_model
from .lexicon import Hit, Lexicon, default_lexicon
from .normalize import normalize, tokens

DECISIONS = ("approve", "hold", "reject")

RULE_LABELS = {
    "link": gettext_noop("رابط في التعليق"),
    "links": gettext_noop("روابط كثيرة في التعليق"),
    "email": gettext_noop("عنوان بريد إلكتروني في التعليق"),
    "phone": gettext_noop("رقم هاتف في التعليق"),
    "caps": gettext_noop("أحرف لاتينية كبيرة كلها"),
    "repeated_char": gettext_noop("حرف مكرر مرات كثيرة"),
    "repeated_word": gettext_noop("كلمة مكررة مرات كثيرة"),
    "long_run": gettext_noop("سلسلة طويلة بلا مسافات"),
    "hashtags": gettext_noop("وسوم كثيرة"),
    "bad_encoding": gettext_noop("نص بترميز غير صالح"),
}
BANNED_WORD = gettext_noop("كلمة محظورة ({category}): {term}")
SUSPECT_WORD = gettext_noop("كلمة مشبوهة ({category}): {term}")
RULE_REASON = gettext_noop("قاعدة ({category}): {rule}")
SCORE_REASON = gettext_noop("درجة المصنف {score:.2f}")
NO_MODEL = gettext_noop("المصنف غير متاح")

# How much a rule adds to the score, as the probability that it alone is right (noisy-or).
_EVIDENCE = {"banned": 0.95, "suspect": 0.5}
_MAX_REASONS_PER_CATEGORY = 3


def _t(message: str) -> str:
    """Translate through Django when it is configured; the Arabic literal otherwise."""
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            return gettext(message)
    except ImportError:  # pragma: no cover - Django is a dependency
        pass
    return message


@dataclass(frozen=True)
class Thresholds:
    """Per-site thresholds on the score: below ``approve_below`` approve, at or above ``reject_above`` reject.

    In between, the comment waits for a moderator. The defaults are explained in docs/moderation.md.
    """

    approve_below: float = 0.25
    reject_above: float = 0.9

    def __post_init__(self) -> None:
        if not 0.0 <= self.approve_below <= self.reject_above <= 1.0:
            raise ValueError("thresholds must satisfy 0 <= approve_below <= reject_above <= 1")


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Decision:
    """What to do with a comment, how likely it breaks the terms, and why."""

    decision: str
    score: float
    categories: tuple[str, ...] = field(default_factory=tuple)
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        """The JSON-ready form used by ``akhbar moderate`` and stored with comments."""
        return {
            "decision": self.decision,
            "score": round(self.score, 4),
            "categories": list(self.categories),
            "reasons": list(self.reasons),
        }


def _word_reasons(hits: list[Hit]) -> list[str]:
    reasons: list[str] = []
    per_category: dict[tuple[str, str], int] = {}
    shown: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.action != "banned", CATEGORIES.index(h.category), -len(h.term))):
        # A term inside a longer one already shown (شرموط in ابن الشرموطه) adds nothing for the moderator.
        if any(hit.category == other.category and hit.term in other.term for other in shown):
            continue
        shown.append(hit)
        key = (hit.category, hit.action)
        if per_category.get(key, 0) >= _MAX_REASONS_PER_CATEGORY:
            continue
        per_category[key] = per_category.get(key, 0) + 1
        template = BANNED_WORD if hit.action == "banned" else SUSPECT_WORD
        reasons.append(_t(template).format(category=_t(CATEGORY_LABELS[hit.category]), term=hit.term))
    return reasons


def decide(
    text: str,
    *,
    title: str = "",
    thresholds: Thresholds | None = None,
    lexicon: Lexicon | None = None,
    model: Model | None = None,
) -> Decision:
    """Decide approve / hold / reject for one comment (and its title), with the reasons.

    ``lexicon`` is the word lists in force: callers that honour the moderators' own terms pass
    ``store.active_lexicon()``; without it the shipped lists are used (no database is read here).
    ``model`` replaces the shipped classifier (benchmarks compare models trained on other sets).
    """
    thresholds = thresholds or DEFAULT_THRESHOLDS
    if lexicon is None:
        lexicon = default_lexicon()
    full = f"{title}\n{text}" if title else text
    normalized = normalize(full)
    word_hits = [hit for hit in lexicon.find_normalized(normalized) if hit.category in CATEGORY_LABELS]
    rule_hits = rules.check(full)

    model = model or default_model()
    if model is not None:
        # The classifier was trained with the word lists' findings as features, not the patterns'.
        extra = {f"{hit.category}:{hit.action}" for hit in word_hits}
        p = model.score_words(tokens(normalized), extra)
    else:
        p = 0.0
    # A pattern adds a reason only for a category the word lists did not already name.
    listed = {hit.category for hit in word_hits}
    hits = word_hits + [hit for hit in patterns.find_normalized(normalized) if hit.category not in listed]

    actions = [hit.action for hit in hits] + [hit.action for hit in rule_hits]
    score = p
    for action in actions:
        score = 1.0 - (1.0 - score) * (1.0 - _EVIDENCE[action])
    score = min(max(score, 0.0), 1.0)

    reasons = _word_reasons(hits)
    for hit in rule_hits:
        rule = _t(RULE_LABELS[hit.rule])
        reasons.append(_t(RULE_REASON).format(category=_t(CATEGORY_LABELS[hit.category]), rule=rule))
    reasons.append(_t(SCORE_REASON).format(score=p) if model is not None else _t(NO_MODEL))

    seen = {hit.category for hit in hits} | {hit.category for hit in rule_hits}
    categories = tuple(category for category in CATEGORIES if category in seen)

    if "banned" in actions or p >= thresholds.reject_above:
        decision = "reject"
    elif "suspect" in actions or p >= thresholds.approve_below:
        decision = "hold"
    else:
        decision = "approve"
    return Decision(decision=decision, score=score, categories=categories, reasons=tuple(reasons))
