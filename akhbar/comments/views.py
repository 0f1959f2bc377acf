"""Reader-facing comment views: post, report, a fresh security check, the terms of use."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from akhbar.network.models import SiteProfile
from akhbar.news.models import ArticlePage

from . import security, services
from .forms import CommentForm
from .models import Comment

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
        return TemplateResponse(request, "comments/refused.html", {"message": message}, status=403)


arabic_csrf_protect = decorator_from_middleware(ArabicCsrf)


def _site_article(request: HttpRequest, article_id: int) -> ArticlePage:
    site = Site.find_for_request(request)
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if site is None or article is None or not article.path.startswith(site.root_page.path):
        raise Http404
    return article


def _profile(request: HttpRequest) -> SiteProfile:
    return SiteProfile.for_request(request)


def render_with_form(request, article: ArticlePage, form: CommentForm, status: int) -> TemplateResponse:
    """The article page again, with the reader's form, its errors beside each field, and their text."""
    request.is_preview = False
    context = article.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, article.get_template(request), context, status=status)


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
        return render_with_form(request, article, form, 400)
    check = security.verify(
        request.POST.get("token", ""), request.POST.get("pow_number", ""), request.POST.get("answer", "")
    )
    valid = form.is_valid()
    if not check.ok:
        form.add_error("answer", check.error)
    if not valid or not check.ok:
        return render_with_form(request, article, form, 400)
    data = form.cleaned_data
    submission = services.Submission(
        article_id=article.pk,
        name=data["name"],
        email=data["email"],
        title=data["title"],
        body=data["body"],
        ip=security.client_ip(request),
        challenge_id=check.challenge_id,
        parent_id=data.get("parent"),
    )
    try:
        comment = services.submit(submission, profile)
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return render_with_form(request, article, form, refused.status)
    anchor = f"comment-{comment.pk}" if comment.status == Comment.APPROVED else "comments-status"
    url = f"{article.get_url(request)}?comment={OUTCOME_STATUS[comment.status]}#{anchor}"
    return HttpResponseRedirect(url, status=303)


@csrf_exempt
@arabic_csrf_protect
@require_POST
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=comment_id, status=Comment.APPROVED)
    article = _site_article(request, comment.article_id)
    services.report(comment, security.client_ip(request), _profile(request))
    return HttpResponseRedirect(f"{article.get_url(request)}?comment=reported#comments-status", status=303)


@never_cache
@require_GET
def challenge(request: HttpRequest) -> JsonResponse:
    """A fresh single-use security check for comments.js (same origin, never cached)."""
    return JsonResponse(security.new_challenge().as_dict())


@require_GET
def terms(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "comments/terms.html", {})
