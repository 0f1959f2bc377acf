"""The comments section under an article: the published thread, its count and the reader's form."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akhbar.arabic.plurals import Noun, count_phrase

from .. import security, services
from ..forms import CommentForm

register = template.Library()

LETTERS = Noun(one="حرف واحد", two="حرفان", few="أحرف", many="حرفًا", other="حرف")
COMMENTS = Noun(one="تعليق واحد", two="تعليقان", few="تعليقات", many="تعليقًا", other="تعليق")
OUTCOMES = {
    "published": ("success", gettext_lazy("تم نشر تعليقك. شكرًا لمشاركتك.")),
    "held": ("info", gettext_lazy("وصل تعليقك وهو بانتظار مراجعة المشرفين قبل نشره.")),
    "rejected": ("warning", gettext_lazy("لم يُنشر تعليقك لأنه يخالف شروط النشر.")),
    "reported": ("info", gettext_lazy("شكرًا، وصل بلاغك إلى المشرفين.")),
}


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article) -> dict:
    """Everything comments/section.html needs; a bound form with errors comes from the post view."""
    request = context.get("request")
    profile = context.get("site_profile")
    max_length = getattr(profile, "comment_max_length", 1000) or 1000
    digits = getattr(profile, "digits", "latin") or "latin"
    tops, count = services.thread(article.pk)
    form = context.get("comment_form")
    reply_to = None
    if form is None:
        initial = {}
        if request is not None and request.GET.get("reply_to", "").isdigit():
            reply_to = next((c for c in tops if str(c.pk) == request.GET["reply_to"]), None)
            if reply_to is not None:
                initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial, max_length=max_length)
    elif form.data.get("parent", "").isdigit():
        reply_to = next((c for c in tops if str(c.pk) == form.data["parent"]), None)
    outcome = (
        OUTCOMES.get(request.GET.get("comment", ""))
        if request is not None and form.is_bound is False
        else None
    )
    network = context.get("network")
    return {
        "request": request,
        "site_profile": profile,
        "article": article,
        "comments": tops,
        "count_label": count_phrase(count, COMMENTS, digits, zero=_("لا تعليقات بعد")),
        "form": form,
        "challenge": security.new_challenge(),
        "max_length": max_length,
        "max_length_label": count_phrase(max_length, LETTERS, digits),
        "reply_to": reply_to,
        "outcome": outcome,
        "terms_url": getattr(network, "terms_url", "") or reverse("comments:terms"),
        "post_url": reverse("comments:post", args=[article.pk]),
        "challenge_url": reverse("comments:challenge"),
    }
