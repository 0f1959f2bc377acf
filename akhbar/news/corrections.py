"""Corrections and updates attached to an article: dated notes readers see on it, in its feed item and in
its structured data."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticleCorrection(Orderable):
    CORRECTION = "correction"
    UPDATE = "update"
    KINDS = [(CORRECTION, _("تصحيح")), (UPDATE, _("تحديث"))]

    page = ParentalKey("news.ArticlePage", related_name="corrections", on_delete=models.CASCADE)
    kind = models.CharField(_("النوع"), max_length=12, choices=KINDS, default=CORRECTION)
    noted_at = models.DateTimeField(_("التاريخ"), default=timezone.now)
    text = models.TextField(_("النص"), max_length=600, help_text=_("ما الذي صُحّح أو أضيف، بجملة أو جملتين."))

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("تصحيح أو تحديث")
        verbose_name_plural = _("التصحيحات والتحديثات")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        self.text = (self.text or "").strip()
        if not self.text:
            raise ValidationError({"text": _("اكتب نص التصحيح أو التحديث.")})
