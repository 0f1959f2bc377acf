"""The comments section: the published thread, its count and the reader's form.

Under an article (cached, the same for every reader) the form is a shell without CSRF token, security
check or outcome notice; comments.js fills those in from the form-state endpoint. On the comment page
(``standalone``, never cached) the whole form is rendered for readers without JavaScript.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from akhbar.arabic.plurals import Noun, count_phrase

from .. import security, services
from ..forms import CommentForm

register = template.Library()

LETTERS = Noun(one="حرف واحد", two="حرفان", few="أحرف", many="حرفًا", other="حرف")
COMMENTS = Noun(one="تعليق واحد", two="تعليقان", few="تعليقات", many="تعليقًا", other="تعليق")


def script_strings() -> dict[str, str]:
    """Every sentence comments.js shows, translated here (placeholders filled in by the script)."""
    return {
        "left": _("الأحرف المتبقية: {left} من {limit}"),
        "over": _("تجاوزت الحد الأقصى بـ {over}، احذف بعض النص."),
        "working": _("جارٍ التحقق الأمني في متصفحك…"),
        "done": _("✓ تم التحقق الأمني تلقائيًا."),
        "failed": _("تعذّر التحقق التلقائي في متصفحك. أجب عن السؤال، وسيراجع المشرفون تعليقك قبل نشره."),
        "pending_submit": _("جارٍ التحقق الأمني، سيُرسل التعليق بعد لحظة…"),
        "load_failed": _("تعذّر تحميل نموذج التعليق. استخدم صفحة التعليقات."),
        "your_pending": _("تعليقك كما وصلنا:"),
    }


def _reply_target(tops, value: str):
    return next((c for c in tops if str(c.pk) == value), None) if value.isdigit() else None


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article, standalone: bool = False) -> dict:
    """Everything comments/section.html needs; a bound form with errors comes from the post view."""
    request = context.get("request")
    profile = context.get("site_profile")
    max_length = getattr(profile, "comment_max_length", 1000) or 1000
    digits = getattr(profile, "digits", "latin") or "latin"
    tops, count = services.thread(article.pk)
    form = context.get("comment_form") if standalone else None
    reply_to = None
    if form is None:
        initial = {}
        if standalone and request is not None:
            reply_to = _reply_target(tops, request.GET.get("reply_to", ""))
            if reply_to is not None:
                initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial, max_length=max_length)
    else:
        reply_to = _reply_target(tops, form.data.get("parent", ""))
    network = context.get("network")
    return {
        "request": request,
        "site_profile": profile,
        "article": article,
        "standalone": standalone,
        "comments": tops,
        "count_label": count_phrase(count, COMMENTS, digits, zero=_("لا تعليقات بعد")),
        "form": form,
        "challenge": security.new_challenge() if standalone else None,
        "max_length": max_length,
        "max_length_label": count_phrase(max_length, LETTERS, digits),
        "reply_to": reply_to,
        "outcome": context.get("comment_outcome") if standalone else None,
        "terms_url": getattr(network, "terms_url", "") or reverse("comments:terms"),
        "post_url": reverse("comments:post", args=[article.pk]),
        "page_url": reverse("comments:page", args=[article.pk]),
        "form_url": reverse("comments:form", args=[article.pk]),
        "strings": script_strings(),
    }
