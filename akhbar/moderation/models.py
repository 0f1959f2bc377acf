"""Moderators' own terms, merged with the shipped word lists at decision time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .categories import CATEGORIES, CATEGORY_LABELS


class ModerationTerm(models.Model):
    """A word or phrase a moderator adds to a list, or an "allowed" entry that removes a shipped term."""

    class Action(models.TextChoices):
        BANNED = "banned", _("محظورة (رفض)")
        SUSPECT = "suspect", _("مشبوهة (انتظار المراجعة)")
        ALLOWED = "allowed", _("مسموح بها (تلغي القائمة المرفقة)")

    term = models.CharField(
        _("الكلمة أو العبارة"),
        max_length=200,
        help_text=_("تطابق الكلمة كاملة بعد التطبيع. أضف = في آخرها لمنع اللواحق."),
    )
    category = models.CharField(
        _("الفئة"), max_length=32, choices=[(c, _(CATEGORY_LABELS[c])) for c in CATEGORIES]
    )
    action = models.CharField(_("الإجراء"), max_length=16, choices=Action.choices, default=Action.SUSPECT)
    note = models.CharField(_("ملاحظة"), max_length=300, blank=True)
    active = models.BooleanField(_("مفعلة"), default=True)
    created_at = models.DateTimeField(_("أضيفت في"), auto_now_add=True)
    updated_at = models.DateTimeField(_("عدلت في"), auto_now=True)

    class Meta:
        verbose_name = _("كلمة إشراف")
        verbose_name_plural = _("كلمات الإشراف")
        ordering = ["category", "term"]
        constraints = [
            models.UniqueConstraint(fields=["term", "category"], name="moderation_term_unique_per_category")
        ]

    def __str__(self) -> str:
        return self.term
