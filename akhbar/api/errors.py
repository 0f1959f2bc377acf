"""Arabic messages for the content API's errors.

Wagtail's API v2 raises its 400s and 404s with English text that is not marked for translation
(wagtail/api/v2/filters.py, pagination.py, views.py). A client developer reading our JSON sees the
reason in Arabic under "message"; Wagtail's original sentence stays under "detail" so an English
stack trace or a Wagtail issue can still be matched. Each pattern below is one of Wagtail 7.4's
sentences; an unknown sentence (a newer Wagtail) still gets a generic Arabic message.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

# (Wagtail's sentence as a regex with named parts, our Arabic sentence with the same names)
_PATTERNS = [
    (
        r"query parameter is not an operation or a recognised field: (?P<name>.*)",
        _("معامل غير معروف في الطلب: %(name)s"),
    ),
    (r"unknown fields: (?P<name>.*)", _("حقول غير معروفة: %(name)s")),
    (r"fields error: (?P<name>.*)", _("خطأ في قائمة الحقول: %(name)s")),
    (r"'(?P<name>.*)' does not support nested fields", _("الحقل %(name)s لا يقبل حقولًا متداخلة.")),
    (
        r"field filter error\. '(?P<value>.*)' is not a valid value for (?P<name>\S+) .*",
        _("القيمة «%(value)s» غير صالحة للحقل %(name)s."),
    ),
    (
        r"field filter error\. null characters are not allowed for (?P<name>.*)",
        _("الحقل %(name)s لا يقبل المحرف الفارغ (NUL)."),
    ),
    (
        r"(?P<name>offset|limit|child_of|descendant_of|ancestor_of|translation_of) must be a positive integer",
        _("المعامل %(name)s يجب أن يكون عددًا صحيحًا موجبًا."),
    ),
    (r"limit cannot be higher than (?P<value>\d+)", _("المعامل limit لا يتجاوز %(value)s.")),
    (
        r"(?P<name>parent|descendant|ancestor|translation_of) page doesn't exist",
        _("الصفحة المشار إليها في الطلب غير موجودة."),
    ),
    (r"type doesn't exist", _("نوع الصفحة المطلوب غير موجود.")),
    (r"cannot order by '(?P<name>.*)' \((?:unknown|invalid) field\)", _("لا يمكن الترتيب حسب %(name)s.")),
    (r"cannot order by '(?P<name>.*)' while searching .*", _("لا يمكن الترتيب حسب %(name)s مع البحث.")),
    (r"cannot filter by '(?P<name>.*)' while searching .*", _("لا يمكن التصفية حسب %(name)s مع البحث.")),
    (r"random ordering .*", _("الترتيب العشوائي لا يُجمع مع الإزاحة أو مع حقول أخرى.")),
    (
        r"filtering by descendant_of with child_of is not supported",
        _("لا يُجمع descendant_of مع child_of في طلب واحد."),
    ),
    (r"filtering by tag with a search query is not supported", _("لا تُجمع التصفية بالوسم مع البحث.")),
    (r"search is disabled", _("البحث غير متاح في هذه الواجهة.")),
    (r"Your query returned multiple sites\..*", _("الطلب يطابق أكثر من موقع: أضف رقم المنفذ.")),
    (r"No .* matches the given query\.", _("غير موجود.")),
]
_COMPILED = [(re.compile(pattern, re.S), message) for pattern, message in _PATTERNS]
_LIMIT = 80  # characters of a reader-supplied value quoted back


def _clip(value: str) -> str:
    return value if len(value) <= _LIMIT else value[:_LIMIT] + "…"


def arabic_message(english: str, *, status: int) -> str:
    """Our Arabic sentence for one of Wagtail's English error sentences."""
    for pattern, message in _COMPILED:
        match = pattern.fullmatch(english.strip())
        if match:
            return str(message) % {key: _clip(value) for key, value in match.groupdict().items()}
    if status == 404:
        return str(_("غير موجود."))
    return str(_("طلب غير صالح: راجع معاملات الطلب."))


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


_BY_STATUS = {
    401: _("هذه الواجهة لا تحتاج إلى تسجيل دخول."),
    403: _("غير مسموح بهذا الطلب."),
    405: _("هذه الواجهة للقراءة فقط: تقبل GET وHEAD وOPTIONS."),
    406: _("هذه الواجهة تجيب بصيغة JSON فقط."),
    415: _("صيغة الطلب غير مدعومة."),
}


def localize_error_payload(data: dict, *, status: int) -> dict:
    """{"message": English} -> {"message": Arabic, "detail": English}; Arabic messages pass as they are.

    Django REST framework's own errors ({"detail": "Method \"POST\" not allowed."}) get a message too.
    """
    message = data.get("message")
    if message is None and isinstance(data.get("detail"), str):
        text = _BY_STATUS.get(status)
        return {**data, "message": str(text) if text else arabic_message(data["detail"], status=status)}
    if not isinstance(message, str) or is_arabic(message):
        return data
    return {**data, "message": arabic_message(message, status=status), "detail": message}
