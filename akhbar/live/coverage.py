"""Live coverage of a developing story: a page of short timestamped entries that readers see arrive
without reloading (polling a cacheable JSON endpoint with an ETag), one of them pinned."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

ENTRY_FEATURES = ["bold", "italic", "link"]


class LiveCoveragePage(Page):
    """A developing story. It is live from ``coverage_start`` until editors set ``coverage_end``."""

    summary = models.TextField(_("الملخص"), max_length=600, blank=True)
    coverage_start = models.DateTimeField(_("بداية التغطية"), default=timezone.now)
    coverage_end = models.DateTimeField(
        _("نهاية التغطية"), null=True, blank=True, help_text=_("اتركه فارغًا ما دامت التغطية مستمرة.")
    )
    demonstration = models.BooleanField(
        _("تغطية توضيحية"), default=False, help_text=_("تُعرض للقراء على أنها عرض توضيحي لا تغطية حقيقية.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("coverage_start"), FieldPanel("coverage_end")], heading=_("مدة التغطية")),
        FieldPanel("demonstration"),
        InlinePanel("entries", label=_("المستجدات")),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []
    template = "live/coverage_page.html"

    class Meta:
        verbose_name = _("تغطية مباشرة")
        verbose_name_plural = _("التغطيات المباشرة")

    @property
    def is_live(self) -> bool:
        return self.coverage_end is None or self.coverage_end > timezone.now()

    def ordered_entries(self) -> list[LiveEntry]:
        """Newest first, with the pinned entry (the newest one marked pinned) on top."""
        entries = sorted(self.entries.all(), key=lambda e: (e.posted_at, e.pk or 0), reverse=True)
        pinned = next((e for e in entries if e.pinned), None)
        for entry in entries:
            entry.shown_pinned = entry is pinned
        return [pinned, *(e for e in entries if e is not pinned)] if pinned else entries

    def clean(self) -> None:
        super().clean()
        if self.coverage_end and self.coverage_start and self.coverage_end < self.coverage_start:
            raise ValidationError({"coverage_end": _("يجب أن تنتهي التغطية بعد بدايتها.")})

    def get_context(self, request, *args, **kwargs):
        from akhbar.live.presenting import coverage_context

        context = super().get_context(request, *args, **kwargs)
        context.update(coverage_context(self, request))
        return context


class LiveEntry(Orderable):
    """One update: text, and optionally an image, an embed or an attributed quote."""

    page = ParentalKey(LiveCoveragePage, related_name="entries", on_delete=models.CASCADE)
    posted_at = models.DateTimeField(_("وقت النشر"), default=timezone.now)
    heading = models.CharField(_("عنوان قصير"), max_length=120, blank=True)
    text = RichTextField(_("النص"), features=ENTRY_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("صورة"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(_("رابط محتوى مضمّن"), blank=True, help_text=_("تغريدة أو فيديو، اختياري."))
    quote = models.TextField(_("تصريح"), blank=True)
    quote_speaker = models.CharField(_("صاحب التصريح"), max_length=120, blank=True)
    pinned = models.BooleanField(_("مثبّت في الأعلى"), default=False)
    correction = models.CharField(
        _("تصحيح"),
        max_length=300,
        blank=True,
        help_text=_("إن صُحّح هذا المستجد فاكتب ما الذي صُحّح؛ يظهر للقراء مع وقت التصحيح."),
    )
    corrected_at = models.DateTimeField(_("وقت التصحيح"), null=True, blank=True)

    panels = [
        FieldPanel("posted_at"),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("embed_url"),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_speaker")], heading=_("تصريح منسوب")),
        FieldPanel("pinned"),
        MultiFieldPanel([FieldPanel("correction"), FieldPanel("corrected_at")], heading=_("تصحيح")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("مستجد")
        verbose_name_plural = _("المستجدات")

    def clean(self) -> None:
        super().clean()
        if not strip_tags(self.text or "").strip():
            raise ValidationError({"text": _("اكتب نص المستجد.")})
        if self.quote.strip() and not self.quote_speaker.strip():
            raise ValidationError({"quote_speaker": _("اذكر صاحب التصريح.")})
        if self.correction.strip() and self.corrected_at is None:
            self.corrected_at = timezone.now()
