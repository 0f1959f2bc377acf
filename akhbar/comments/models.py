"""Reader comments, bans, reports and the moderators' audit log.

A comment is stored once, with the moderation decision that placed it (score, categories, reasons).
Readers' addresses are kept only as salted hashes (see ``security.ip_hash``); emails are never shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    """One reader comment on one article, or a reply to one (replies are one level deep)."""

    APPROVED = "approved"
    HELD = "held"
    REJECTED = "rejected"
    SPAM = "spam"
    STATUS_CHOICES = [
        (APPROVED, _("منشور")),
        (HELD, _("بانتظار المراجعة")),
        (REJECTED, _("مرفوض")),
        (SPAM, _("رسالة دعائية")),
    ]

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="comments", verbose_name=_("المقال")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("ردًا على"),
    )
    name = models.CharField(_("الاسم"), max_length=80)
    email = models.EmailField(_("البريد الإلكتروني"), max_length=254, db_index=True)
    title = models.CharField(_("عنوان التعليق"), max_length=120)
    body = models.TextField(_("التعليق"))
    status = models.CharField(_("الحالة"), max_length=10, choices=STATUS_CHOICES, db_index=True)
    score = models.FloatField(_("درجة الخطورة"), default=0.0)
    categories = models.JSONField(_("الفئات"), default=list, blank=True)
    reasons = models.JSONField(_("الأسباب"), default=list, blank=True)
    ip_hash = models.CharField(_("بصمة العنوان"), max_length=64, db_index=True)
    challenge_id = models.CharField(max_length=64, unique=True, editable=False)
    body_hash = models.CharField(max_length=64, db_index=True, editable=False)
    report_count = models.PositiveIntegerField(_("عدد البلاغات"), default=0)
    created_at = models.DateTimeField(_("وقت الإرسال"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("وقت القرار"), null=True, blank=True)
    # The commenter asked to be emailed when this comment is published or answered (notifications.py);
    # the two flags record the emails already sent, so each is sent once whatever moderators do.
    notify = models.BooleanField(_("يريد إشعارًا بالبريد"), default=False)
    notified_published = models.BooleanField(default=False, editable=False)
    notified_parent = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("تعليق")
        verbose_name_plural = _("التعليقات")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["status", "-score"], name="comment_queue"),
        ]
        permissions = [("moderate_comment", _("يستطيع الإشراف على التعليقات"))]

    def __str__(self) -> str:
        return f"{self.name}: {self.title}"

    @property
    def is_published(self) -> bool:
        return self.status == self.APPROVED


class Ban(models.Model):
    """A banned email (lower-cased) or a banned address hash; checked before a comment is accepted."""

    EMAIL = "email"
    IP = "ip"
    KIND_CHOICES = [(EMAIL, _("بريد إلكتروني")), (IP, _("عنوان (بصمة)"))]

    kind = models.CharField(_("النوع"), max_length=8, choices=KIND_CHOICES)
    value = models.CharField(_("القيمة"), max_length=254)
    reason = models.CharField(_("السبب"), max_length=255, blank=True)
    active = models.BooleanField(_("ساري"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("بواسطة")
    )
    created_at = models.DateTimeField(_("التاريخ"), auto_now_add=True)

    class Meta:
        verbose_name = _("حظر")
        verbose_name_plural = _("المحظورون")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="ban_unique_kind_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        if self.kind == self.EMAIL:
            self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


class Report(models.Model):
    """A reader's report of a published comment; one per comment and address."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    ip_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("بلاغ")
        verbose_name_plural = _("البلاغات")
        constraints = [models.UniqueConstraint(fields=["comment", "ip_hash"], name="report_once_per_address")]

    def __str__(self) -> str:
        return f"{self.comment_id} ({self.created_at:%Y-%m-%d %H:%M})"


class AuditEntry(models.Model):
    """Who did what to which comment, when and why. ``user`` is empty for the system's own actions."""

    POSTED = "posted"
    APPROVE = "approve"
    REJECT = "reject"
    SPAM = "spam"
    HOLD = "hold"
    BAN_EMAIL = "ban_email"
    BAN_IP = "ban_ip"
    ACTION_CHOICES = [
        (POSTED, _("قرار آلي عند الإرسال")),
        (APPROVE, _("نشر")),
        (REJECT, _("رفض")),
        (SPAM, _("تصنيف كرسالة دعائية")),
        (HOLD, _("إعادة إلى المراجعة")),
        (BAN_EMAIL, _("حظر البريد")),
        (BAN_IP, _("حظر العنوان")),
    ]

    comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit",
        verbose_name=_("التعليق"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("المستخدم")
    )
    action = models.CharField(_("الإجراء"), max_length=16, choices=ACTION_CHOICES)
    reason = models.TextField(_("السبب"), blank=True)
    from_status = models.CharField(_("الحالة السابقة"), max_length=10, blank=True)
    to_status = models.CharField(_("الحالة الجديدة"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("الوقت"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("سجل إشراف")
        verbose_name_plural = _("سجل الإشراف")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class NotificationOptOut(models.Model):
    """An address that unsubscribed from comment notifications, kept as a hash of the address only.

    It stops the emails about every comment that address sent before ``created_at``; ticking the box
    again on a later comment is a new request, honoured for that comment.
    """

    email_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("وقت إلغاء الاشتراك"))

    class Meta:
        verbose_name = _("إلغاء اشتراك في إشعارات التعليقات")
        verbose_name_plural = _("إلغاءات الاشتراك في إشعارات التعليقات")

    def __str__(self) -> str:
        return f"{self.email_key[:12]}… ({self.created_at:%Y-%m-%d %H:%M})"
