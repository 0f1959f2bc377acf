"""Reader-facing comment views: post, report, the comment page, the form's per-reader data, the terms.

The article page is the same for every anonymous reader (shared caches keep it): its comment form
carries no CSRF token, security check or outcome notice. comments.js fetches those from
``form_state`` (never cached); without JavaScript, a link leads to ``comment_page``, an uncached page
with the whole form. After a post or a report, the outcome travels in a short-lived signed cookie
scoped to /comments/, read (and dropped) by whichever of the two the reader sees next.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from akhbar.caching.backends import StateUnavailable
from akhbar.network.models import SiteProfile
from akhbar.network.views import json_methods
from akhbar.news.models import ArticlePage

from . import security, services
from .forms import CommentForm
from .models import Comment
from .outcomes import OUTCOMES

OUTCOME_STATUS = {
    Comment.APPROVED: "published",
    Comment.HELD: "held",
    Comment.REJECTED: "rejected",
    Comment.SPAM: "rejected",
}


class ArabicCsrf(CsrfViewMiddleware):
    """Django's CSRF check, answering a failure with a plain Arabic explanation."""

    def _reject(self, request, reason):
        message = _("انتهت صلاحية الصفحة أو وصل الطلب من غير نموذجها. أعد تحميل الصفحة ثم أرسل مرة أخرى.")
        context = {"message": message, "retry_url": _retry_url(request)}
        return TemplateResponse(request, "comments/refused.html", context, status=403)


def _retry_url(request: HttpRequest) -> str:
    """The comment page of the article the refused post was for (it carries a fresh form)."""
    kwargs = getattr(request.resolver_match, "kwargs", None) or {}
    article_id = kwargs.get("article_id")
    if article_id is None and kwargs.get("comment_id") is not None:
        article_id = (
            Comment.objects.filter(pk=kwargs["comment_id"]).values_list("article_id", flat=True).first()
        )
    return reverse("comments:page", args=[article_id]) if article_id else ""


arabic_csrf_protect = decorator_from_middleware(ArabicCsrf)


def _site_article(request: HttpRequest, article_id: int) -> ArticlePage:
    site = Site.find_for_request(request)
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if site is None or article is None or not article.path.startswith(site.root_page.path):
        raise Http404
    return article


def _profile(request: HttpRequest) -> SiteProfile:
    return SiteProfile.for_request(request)


OUTCOME_COOKIE = "akhbar_comment"
OUTCOME_SALT = "akhbar.comments.outcome"
OUTCOME_SECONDS = 600


def _cookie_path() -> str:
    """The outcome cookie goes only to the comment views (never to the cached pages)."""
    return reverse("comments:page", args=[0]).rsplit("0/", 1)[0]


def _set_outcome(response: HttpResponse, status: str, comment_id: int | None) -> HttpResponse:
    response.set_signed_cookie(
        OUTCOME_COOKIE, f"{status}:{comment_id or ''}", salt=OUTCOME_SALT, max_age=OUTCOME_SECONDS,
        path=_cookie_path(), httponly=True, samesite="Lax",
        secure=settings.CSRF_COOKIE_SECURE,
    )  # fmt: skip
    return response


def _read_outcome(request: HttpRequest, article: ArticlePage, response: HttpResponse) -> dict | None:
    """The reader's last outcome on this article (once: the cookie is dropped), with their own comment
    when it awaits review."""
    value = request.get_signed_cookie(
        OUTCOME_COOKIE, default=None, salt=OUTCOME_SALT, max_age=OUTCOME_SECONDS
    )
    if value is None:
        return None
    response.delete_cookie(OUTCOME_COOKIE, path=_cookie_path())
    status, _sep, comment_id = value.partition(":")
    if status not in OUTCOMES:
        return None
    comment = (
        Comment.objects.filter(pk=comment_id, article_id=article.pk)
        .only("pk", "title", "body", "status")
        .first()
        if comment_id.isascii() and comment_id.isdigit()
        else None
    )
    if comment_id and comment is None:
        return None
    level, message = OUTCOMES[status]
    outcome = {"status": status, "level": level, "message": str(message), "comment_id": None, "pending": None}
    if comment is not None and comment.status == Comment.APPROVED:
        outcome["comment_id"] = comment.pk
    elif comment is not None and comment.status == Comment.HELD:
        outcome["pending"] = {"title": comment.title, "body": comment.body}
    return outcome


def _back_to(request: HttpRequest, article: ArticlePage) -> str:
    """Where a post or report returns: the article (sent from its page by comments.js) or the comment page."""
    if request.POST.get("return") == "article":
        return f"{article.get_url(request)}#comments-status"
    return f"{reverse('comments:page', args=[article.pk])}#comments-status"


def render_comment_page(
    request: HttpRequest, article: ArticlePage, form: CommentForm | None = None, status: int = 200
) -> TemplateResponse:
    """The uncached comment page: the thread and the whole form (errors beside fields, the reader's
    text kept), the reader's outcome notice."""
    response = TemplateResponse(request, "comments/page.html", {}, status=status)
    outcome = _read_outcome(request, article, response) if form is None else None
    response.context_data = {
        "article": article,
        "section": article.get_parent(),
        "comment_form": form,
        "comment_outcome": outcome,
    }
    return response


@never_cache
@require_safe
def comment_page(request: HttpRequest, article_id: int) -> TemplateResponse:
    return render_comment_page(request, _site_article(request, article_id))


@never_cache
@json_methods("GET")
def form_state(request: HttpRequest, article_id: int) -> JsonResponse:
    """What the article's form needs for this reader: a CSRF token (its cookie comes with it), a fresh
    security check, and the outcome of their last post or report on this article."""
    article = _site_article(request, article_id)
    response = JsonResponse({})
    outcome = _read_outcome(request, article, response)
    response.content = JsonResponse(
        {
            "csrf_token": get_token(request),
            "challenge": security.new_challenge().as_dict(),
            "outcome": outcome,
        }
    ).content
    return response


@never_cache
@csrf_exempt
@arabic_csrf_protect
@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _site_article(request, article_id)
    profile = _profile(request)
    form = CommentForm(request.POST, max_length=profile.comment_max_length)
    if request.POST.get("website"):
        form.is_valid()
        form.add_error(None, _("تعذّر قبول التعليق. أعد تحميل الصفحة ثم أرسل مرة أخرى."))
        return render_comment_page(request, article, form, 400)
    # The address's limits come first (every try counts, right or wrong), then the check, which uses
    # the token up whatever its outcome.
    scripted = security.claims_script(request.POST.get("check", ""), request.POST.get("pow_number", ""))
    ip = security.client_ip(request)
    try:
        services.admit(ip, question=not scripted)
        try:
            check = security.verify(
                request.POST.get("token", ""), request.POST.get("pow_number", ""),
                request.POST.get("answer", ""), scripted=scripted,
            )  # fmt: skip
        except StateUnavailable as error:
            raise services.unavailable() from error
    except services.Refused as refused:
        form.is_valid()
        form.add_error(None, refused.message)
        return render_comment_page(request, article, form, refused.status)
    valid = form.is_valid()
    if not check.ok:
        form.add_error("answer", check.error)
    if not valid or not check.ok:
        return render_comment_page(request, article, form, 400)
    data = form.cleaned_data
    submission = services.Submission(
        article_id=article.pk,
        name=data["name"],
        email=data["email"],
        title=data["title"],
        body=data["body"],
        ip=ip,
        challenge_id=check.challenge_id,
        parent_id=data.get("parent"),
        notify=bool(data.get("notify")),
        check=check.method,
    )
    try:
        comment = services.submit(submission, profile)
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return render_comment_page(request, article, form, refused.status)
    response = HttpResponseRedirect(_back_to(request, article), status=303)
    return _set_outcome(response, OUTCOME_STATUS[comment.status], comment.pk)


@never_cache
@csrf_exempt
@arabic_csrf_protect
@require_POST
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=comment_id, status=Comment.APPROVED)
    article = _site_article(request, comment.article_id)
    services.report(comment, security.client_ip(request), _profile(request))
    return _set_outcome(HttpResponseRedirect(_back_to(request, article), status=303), "reported", None)


@never_cache
@json_methods("GET")
def challenge(request: HttpRequest) -> JsonResponse:
    """A fresh single-use security check (same origin, never cached)."""
    return JsonResponse(security.new_challenge().as_dict())


@require_safe
def terms(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "comments/terms.html", {})
