"""Breaking-news lines: one site's or the whole network's, with a link and an expiry."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from akhbar.live.coverage import LiveCoveragePage, LiveEntry  # noqa: E402,F401  (page types of this app)

TEXT_MAX = 160
DEFAULT_MINUTES = 60


def default_expiry():
    return timezone.now() + timedelta(minutes=DEFAULT_MINUTES)


def validate_link(value: str) -> None:
    """A link on our own site ("/...") or an http(s) address; nothing a browser would run."""
    if (
        value
        and not (value.startswith("/") and not value.startswith("//"))
        and not value.startswith(("https://", "http://"))
    ):
        raise ValidationError(_("اكتب رابطًا يبدأ بـ / أو https://"))


class BreakingQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, expires_at__gt=now)

    def for_site(self, site_id: int | None):
        """Lines of this site and the network-wide ones."""
        return self.filter(models.Q(site__isnull=True) | models.Q(site_id=site_id))


class BreakingNews(models.Model):
    text = models.CharField(_("نص الخبر العاجل"), max_length=TEXT_MAX)
    url = models.CharField(
        _("الرابط"), max_length=500, blank=True, validators=[validate_link], help_text=_("اختياري.")
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("الموقع"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("اتركه فارغًا ليظهر الخبر على كل مواقع الشبكة."),
    )
    starts_at = models.DateTimeField(_("يبدأ الظهور"), default=timezone.now)
    expires_at = models.DateTimeField(_("ينتهي الظهور"), default=default_expiry, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BreakingQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("url"),
        FieldPanel("site"),
        FieldPanel("starts_at"),
        FieldPanel("expires_at"),
    ]

    class Meta:
        verbose_name = _("خبر عاجل")
        verbose_name_plural = _("الأخبار العاجلة")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        self.text = " ".join((self.text or "").split())
        if not self.text:
            raise ValidationError({"text": _("اكتب نص الخبر العاجل.")})
        if self.expires_at and self.starts_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("يجب أن ينتهي الظهور بعد بدايته.")})


class PageViewCount(models.Model):
    """Views of one article in one hour (UTC), written in batches: never a row per view, and nothing
    about who read it."""

    site_id = models.PositiveIntegerField()
    page_id = models.PositiveBigIntegerField()
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page_id", "hour"], name="live_view_count_page_hour")]
        indexes = [models.Index(fields=["site_id", "hour"], name="live_view_count_site_hour")]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.hour:%Y-%m-%d %H}h: {self.count}"
