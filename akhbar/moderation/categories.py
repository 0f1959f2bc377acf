"""The publishing terms as categories, with the Arabic labels moderators see.

One definition, imported by the policy (reasons), the models (choices) and the comments' admin views.
Kept free of Django and of the other moderation modules so that nothing imports in a circle.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a string for translation (makemessages finds this name) without needing Django settings."""
    return message


CATEGORIES = ("insult_person", "insult_religion", "sectarian", "racist", "threat", "obscenity", "spam")

# Arabic labels shown to moderators: marked for translation here, translated where they are shown.
CATEGORY_LABELS = {
    "insult_person": gettext_noop("إهانة شخص"),
    "insult_religion": gettext_noop("إساءة إلى الدين أو المقدسات"),
    "sectarian": gettext_noop("تحريض طائفي"),
    "racist": gettext_noop("تحريض عنصري"),
    "threat": gettext_noop("تهديد أو تمني الموت"),
    "obscenity": gettext_noop("بذاءة"),
    "spam": gettext_noop("رسائل دعائية وروابط"),
}
