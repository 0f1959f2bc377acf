"""Date stamps, clocks and digits on reader pages, formatted by akhbar.arabic in each site's convention."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.html import format_html

from akhbar.arabic.dates import DateStyle, format_datetime, format_hijri, format_time
from akhbar.arabic.digits import localize_digits

register = template.Library()
DEFAULT_STYLE = DateStyle()


def _profile(context):
    profile = context.get("site_profile")
    return profile if profile else None


def _style_and_zone(context) -> tuple[DateStyle, str]:
    profile = _profile(context)
    if profile is None:
        return DEFAULT_STYLE, "GMT"
    return profile.date_style, profile.stamp_zone


@register.simple_tag(takes_context=True)
def stamp(context, value: datetime | None, css_class: str = "stamp"):
    """`الثلاثاء 26 كانون الأول / ديسمبر 2017 - 14:23 GMT` inside a machine-readable <time>."""
    if not value:
        return ""
    style, zone = _style_and_zone(context)
    profile = _profile(context)
    label = None if zone == "GMT" else (f"بتوقيت {profile.city}" if profile else None)
    text = format_datetime(value, style, tz=zone, tz_label=label)
    return format_html('<time class="{}" datetime="{}">{}</time>', css_class, value.isoformat(), text)


@register.simple_tag(takes_context=True)
def clock(context, value: datetime | None):
    """The header's "last updated" clock: hh:mm:ss GMT."""
    if not value:
        return ""
    style, _zone = _style_and_zone(context)
    text = format_time(value, DateStyle(digits=style.digits, clock=24), tz="GMT", seconds=True)
    return format_html('<time datetime="{}">{} GMT</time>', value.isoformat(), text)


@register.simple_tag(takes_context=True)
def hijri(context, value: datetime | None):
    if not value:
        return ""
    style, zone = _style_and_zone(context)
    return format_hijri(value, style, tz=zone)


@register.filter
def site_digits(value, digits: str = "latin") -> str:
    return localize_digits(str(value), digits or "latin")


@register.filter
def lede(article, limit: int = 240) -> str:
    """The story's summary, or the start of its first paragraph (akhbar.news.lede)."""
    from akhbar.news.lede import lede as article_lede

    return article_lede(article, int(limit))
