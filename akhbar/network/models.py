"""The media group and its sites: network-wide settings and one profile per site."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting

from akhbar.arabic.dates import DateStyle
from akhbar.network.svg import validate_svg_logo

MONTH_CHOICES = [
    ("levantine", _("شامية: كانون الثاني، شباط…")),
    ("egyptian", _("مصرية/قياسية: يناير، فبراير…")),
    ("moroccan", _("مغربية: يناير… ماي، يوليوز، غشت…")),
    ("maghreb", _("جزائرية/تونسية: جانفي، فيفري…")),
    ("mauritanian", _("موريتانية")),
]
DIGIT_CHOICES = [("latin", _("أرقام لاتينية 0123")), ("arabic", _("أرقام هندية ٠١٢٣"))]
CLOCK_CHOICES = [(24, _("24 ساعة")), (12, _("12 ساعة (ص/م)"))]
ZONE_LABEL_CHOICES = [("gmt", _("بتوقيت غرينتش (GMT)")), ("local", _("بالتوقيت المحلي للموقع"))]

hex_color = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("أدخل لونًا بصيغة #RRGGBB."))


def validate_site_url(value: str) -> None:
    """An absolute http(s) address, or a path on the site itself (/about/corrections/)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"], message=_("أدخل رابطًا كاملًا (https://…) أو مسارًا يبدأ بـ /."))(
        value
    )


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("منطقة زمنية غير معروفة: %(zone)s"), params={"zone": value})


@register_setting(icon="globe")
class NetworkSettings(BaseGenericSetting):
    """What every site of the group shares: the group's name and the footer."""

    group_name = models.CharField(_("اسم المجموعة"), max_length=120, default="مجموعة أخبار الإعلامية")
    maintained_by = models.CharField(
        _("سطر الصيانة والتطوير"),
        max_length=200,
        default="تتولى مجموعة أخبار الإعلامية صيانة الشبكة وتطويرها",
    )
    address = models.CharField(_("العنوان"), max_length=255, blank=True)
    copyright_holder = models.CharField(
        _("صاحب حقوق النشر"), max_length=120, default="مجموعة أخبار الإعلامية"
    )
    terms_url = models.CharField(_("رابط شروط الاستخدام"), max_length=255, blank=True)

    panels = [
        FieldPanel("group_name"),
        FieldPanel("maintained_by"),
        FieldPanel("address"),
        FieldPanel("copyright_holder"),
        FieldPanel("terms_url"),
    ]

    class Meta:
        verbose_name = _("إعدادات الشبكة")


@register_setting(icon="site")
class SiteProfile(BaseSiteSetting):
    """One site of the network: its names, place, clock and calendar conventions, and colour."""

    name_ar = models.CharField(_("الاسم بالعربية"), max_length=80)
    name_latin = models.CharField(_("الاسم بالحروف اللاتينية"), max_length=80, blank=True)
    tagline = models.CharField(_("الشعار"), max_length=160, blank=True)
    city = models.CharField(_("المدينة"), max_length=80)
    country = models.CharField(_("البلد"), max_length=80)
    time_zone = models.CharField(
        _("المنطقة الزمنية"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    month_convention = models.CharField(
        _("أسماء الأشهر"), max_length=16, choices=MONTH_CHOICES, default="egyptian"
    )
    second_months = models.CharField(
        _("أسماء الأشهر الثانية (الصيغة المزدوجة)"),
        max_length=16,
        choices=MONTH_CHOICES,
        blank=True,
        help_text=_("اتركه فارغًا لاسم واحد للشهر، أو اختر تقويمًا ثانيًا ليظهر «كانون الأول / ديسمبر»."),
    )
    digits = models.CharField(_("الأرقام"), max_length=8, choices=DIGIT_CHOICES, default="latin")
    clock = models.PositiveSmallIntegerField(_("نظام الساعة"), choices=CLOCK_CHOICES, default=24)
    zone_label = models.CharField(_("توقيت الطوابع"), max_length=8, choices=ZONE_LABEL_CHOICES, default="gmt")
    show_hijri = models.BooleanField(_("إظهار التاريخ الهجري"), default=False)
    accent_color = models.CharField(
        _("اللون المميز"), max_length=7, default="#b3121d", validators=[hex_color]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("الشعار (صورة)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "صورة عريضة للشعار (PNG بخلفية شفافة يفضَّل). تظهر في الترويسة، ومنها تُصنع نسخة PNG "
            "لا تتجاوز 600×60 لمحركات البحث."
        ),
    )
    logo_svg = models.FileField(
        _("الشعار (SVG)"),
        upload_to="logos/",
        blank=True,
        validators=[validate_svg_logo],
        help_text=_("اختياري: نسخة متجهة للترويسة. تُرفض الملفات التي تحتوي على نصوص برمجية أو روابط خارجية."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("صورة المشاركة الافتراضية"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("تظهر عند مشاركة الصفحة الرئيسية والأقسام وكل صفحة بلا صورة (1200×630 يفضَّل)."),
    )
    publishing_principles_url = models.CharField(
        _("رابط مبادئ النشر"), max_length=255, blank=True, validators=[validate_site_url]
    )
    corrections_policy_url = models.CharField(
        _("رابط سياسة التصحيحات"), max_length=255, blank=True, validators=[validate_site_url]
    )
    comment_max_length = models.PositiveIntegerField(_("الحد الأقصى لطول التعليق"), default=1000)
    comment_approve_below = models.FloatField(
        _("حد النشر التلقائي للتعليقات"),
        default=0.25,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("يُنشر التعليق تلقائيًا إذا قلّت درجة خطورته عن هذا الحد، وإلا انتظر مراجعة المشرفين."),
    )
    comment_reject_above = models.FloatField(
        _("حد الرفض التلقائي للتعليقات"),
        default=0.9,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("يُرفض التعليق تلقائيًا إذا بلغت درجة خطورته هذا الحد أو تجاوزته."),
    )
    comment_reports_to_hold = models.PositiveSmallIntegerField(
        _("عدد البلاغات لإعادة التعليق إلى المراجعة"), default=3, validators=[MinValueValidator(1)]
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_ar"), FieldPanel("name_latin"), FieldPanel("tagline")], heading=_("الهوية")
        ),
        MultiFieldPanel(
            [FieldPanel("city"), FieldPanel("country"), FieldPanel("time_zone")], heading=_("المكان")
        ),
        MultiFieldPanel(
            [
                FieldPanel("month_convention"),
                FieldPanel("second_months"),
                FieldPanel("digits"),
                FieldPanel("clock"),
                FieldPanel("zone_label"),
                FieldPanel("show_hijri"),
            ],
            heading=_("التاريخ والأرقام"),
        ),
        FieldPanel("accent_color"),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("logo_svg"),
                FieldPanel("social_image"),
                FieldPanel("publishing_principles_url"),
                FieldPanel("corrections_policy_url"),
            ],
            heading=_("الشعار والسياسات"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("comment_max_length"),
                FieldPanel("comment_approve_below"),
                FieldPanel("comment_reject_above"),
                FieldPanel("comment_reports_to_hold"),
            ],
            heading=_("التعليقات"),
        ),
    ]

    class Meta:
        verbose_name = _("ملف الموقع")

    @property
    def date_style(self) -> DateStyle:
        return DateStyle(
            months=self.month_convention,
            second_months=self.second_months or None,
            digits=self.digits,
            clock=self.clock,
        )

    def clean(self) -> None:
        super().clean()
        if self.comment_approve_below > self.comment_reject_above:
            raise ValidationError({"comment_reject_above": _("يجب ألا يقل حد الرفض عن حد النشر التلقائي.")})

    @property
    def stamp_zone(self) -> str:
        """The zone date stamps are written in: GMT like the reference page, or the site's own."""
        return "GMT" if self.zone_label == "gmt" else self.time_zone
