"""The unsubscribe link of comment notification emails (notifications.py).

GET shows a confirmation with one button; POST unsubscribes: from that button, or straight from a mail
client's one-click unsubscribe (RFC 8058: ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``), which
carries no cookie and no CSRF token, so the signed token in the address is the only credential. The
pages are never cached, set no cookie and send no Referer (the token is in the address).
"""

from __future__ import annotations

import logging

from django.core import signing
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from akhbar.caching.dblock import db_guard

from . import notifications

log = logging.getLogger(__name__)


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    response = TemplateResponse(request, "comments/unsubscribe.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        key = notifications.read_token(token)
    except signing.SignatureExpired:
        message = _("انتهت صلاحية رابط إلغاء الاشتراك. استخدم الرابط الموجود في أحدث رسالة وصلتك منا.")
        return _page(request, {"state": "error", "message": message}, 400)
    except signing.BadSignature:
        message = _("رابط إلغاء الاشتراك غير صحيح أو ناقص. انسخ الرابط كاملًا من الرسالة ثم أعد المحاولة.")
        return _page(request, {"state": "error", "message": message}, 400)
    if request.method != "POST":
        return _page(request, {"state": "confirm"})
    try:
        with db_guard():
            notifications.unsubscribe(key)
    except DatabaseError:
        log.exception("comments: unsubscribe not stored")
        message = _("تعذّر إلغاء الاشتراك الآن بسبب عطل مؤقت. أعد المحاولة بعد قليل.")
        return _page(request, {"state": "error", "message": message, "retry": True}, 503)
    return _page(request, {"state": "done"})
