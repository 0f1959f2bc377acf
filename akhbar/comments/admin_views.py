"""The moderators' side in the Wagtail admin: the queue, bulk actions, commenter history, audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from akhbar.arabic.plurals import Noun, count_phrase
from akhbar.moderation.policy import CATEGORY_LABELS
from akhbar.network.params import parse_id

from . import services
from .models import AuditEntry, Ban, Comment

PERMISSION = "comments.moderate_comment"
PAGE_SIZE = 50
REPORTS = Noun(one="بلاغ واحد", two="بلاغان", few="بلاغات", many="بلاغًا", other="بلاغ")
BULK_ACTIONS = [
    (AuditEntry.APPROVE, gettext_lazy("نشر")),
    (AuditEntry.REJECT, gettext_lazy("رفض")),
    (AuditEntry.SPAM, gettext_lazy("رسالة دعائية")),
    (AuditEntry.HOLD, gettext_lazy("إعادة إلى المراجعة")),
    (AuditEntry.BAN_EMAIL, gettext_lazy("حظر البريد الإلكتروني ورفض")),
    (AuditEntry.BAN_IP, gettext_lazy("حظر العنوان ورفض")),
]
STATUS_TABS = [
    ("held", gettext_lazy("بانتظار المراجعة")),
    ("reported", gettext_lazy("منشورة عليها بلاغات")),
    ("approved", gettext_lazy("منشورة")),
    ("rejected", gettext_lazy("مرفوضة")),
    ("spam", gettext_lazy("دعائية")),
]


def can_moderate(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(PERMISSION)))


class ModeratorView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    base_crumbs = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("الرئيسية")},
        {"url": reverse_lazy("comments_admin:queue"), "label": gettext_lazy("التعليقات")},
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.base_crumbs, {"url": "", "label": self.get_page_title()}]


def decorate(comments) -> None:
    """Arabic labels for the categories of each comment, for the templates."""
    for comment in comments:
        comment.category_labels = [_(CATEGORY_LABELS.get(c, c)) for c in comment.categories or []]
        comment.report_label = count_phrase(comment.report_count, REPORTS)


class QueueView(ModeratorView):
    """Held comments first by risk (score, then reports), with their reasons; bulk actions."""

    template_name = "comments/admin/queue.html"
    page_title = gettext_lazy("قائمة مراجعة التعليقات")

    def get_queryset(self, tab: str, site: Site | None = None):
        comments = Comment.objects.select_related("article")
        if site is not None:
            comments = comments.filter(article__path__startswith=site.root_page.path)
        if tab == "reported":
            return comments.filter(status=Comment.APPROVED, report_count__gt=0).order_by(
                "-report_count", "-score"
            )
        if tab in (Comment.APPROVED, Comment.REJECTED, Comment.SPAM):
            return comments.filter(status=tab).order_by("-created_at")
        return comments.filter(status=Comment.HELD).order_by("-score", "-report_count", "created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("status", "held")
        tab = tab if tab in dict(STATUS_TABS) else "held"
        sites = list(Site.objects.select_related("root_page").order_by("hostname"))
        site_id = self.request.GET.get("site", "")
        site = next((s for s in sites if str(s.pk) == site_id), None)
        page = Paginator(self.get_queryset(tab, site), PAGE_SIZE).get_page(self.request.GET.get("p"))
        decorate(page.object_list)
        counts = Comment.objects.aggregate(
            held=Count("pk", filter=Q(status=Comment.HELD)),
            reported=Count("pk", filter=Q(status=Comment.APPROVED, report_count__gt=0)),
        )
        context.update(
            tab=tab,
            tabs=STATUS_TABS,
            page_obj=page,
            comments=page.object_list,
            actions=BULK_ACTIONS,
            counts=counts,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        ids = [pk for pk in map(parse_id, request.POST.getlist("comment")) if pk is not None]
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("comments_admin:queue")
        if action not in dict(BULK_ACTIONS):
            messages.error(request, _("اختر إجراءً من القائمة."))
            return redirect(back)
        if not ids:
            messages.error(request, _("اختر تعليقًا واحدًا على الأقل."))
            return redirect(back)
        comments = list(Comment.objects.filter(pk__in=ids))
        changed = services.moderate(
            comments, action, request.user, request.POST.get("reason", "").strip()[:1000]
        )
        messages.success(
            request,
            _("تم تنفيذ «%(action)s» على %(count)s من التعليقات.")
            % {"action": dict(BULK_ACTIONS)[action], "count": changed},
        )
        return redirect(back)


class HistoryView(ModeratorView):
    """Everything one commenter sent (by email, or by address hash), the decisions and the bans."""

    template_name = "comments/admin/history.html"
    page_title = gettext_lazy("سجل المعلّق")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        email = self.request.GET.get("email", "").strip().lower()
        ip = self.request.GET.get("ip", "").strip()
        if not email and not ip:
            raise Http404
        wanted = Q(email=email) if email else Q(ip_hash=ip)
        comments = list(
            Comment.objects.filter(wanted).select_related("article").order_by("-created_at")[:200]
        )
        decorate(comments)
        totals = dict(Comment.objects.filter(wanted).values_list("status").annotate(n=Count("pk")))
        bans = Ban.objects.filter(Q(kind=Ban.EMAIL, value=email) if email else Q(kind=Ban.IP, value=ip))
        context.update(
            email=email,
            ip=ip,
            comments=comments,
            totals=[(label, totals.get(key, 0)) for key, label in Comment.STATUS_CHOICES],
            bans=bans,
            actions=BULK_ACTIONS,
            next=self.request.get_full_path(),
        )
        return context


class AuditView(ModeratorView):
    """Every moderation action, newest first: who, when, what, why."""

    template_name = "comments/admin/audit.html"
    page_title = gettext_lazy("سجل الإشراف")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = AuditEntry.objects.select_related("user", "comment")
        comment_id = parse_id(self.request.GET.get("comment"))
        if comment_id is not None:
            entries = entries.filter(comment_id=comment_id)
        page = Paginator(entries, PAGE_SIZE).get_page(self.request.GET.get("p"))
        statuses = dict(Comment.STATUS_CHOICES)
        for entry in page.object_list:
            entry.from_label = statuses.get(entry.from_status, "")
            entry.to_label = statuses.get(entry.to_status, "")
        context.update(page_obj=page, entries=page.object_list)
        return context
