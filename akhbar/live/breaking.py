"""What the masthead shows that changes on its own: the date of the day and the breaking-news lines.

Both are cheap to read and cached for a few seconds per site, so every page (itself cached much
longer) can show them and the page's script can refresh them from /live/masthead/ without purging
anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from akhbar.arabic.dates import DateStyle, format_date, format_hijri

BREAKING_KEY = "akhbar:breaking:{}"
BREAKING_SECONDS = 2


def active_breaking(site_id: int | None, now: datetime | None = None) -> list[dict]:
    """The lines in force on this site, newest first, as plain data (cached ``BREAKING_SECONDS``)."""
    from akhbar.live.models import BreakingNews

    now = now or timezone.now()
    key = BREAKING_KEY.format(site_id or 0)
    lines = cache.get(key)
    if lines is None:
        lines = [
            {"id": b.pk, "text": b.text, "url": b.url, "expires": b.expires_at.isoformat()}
            for b in BreakingNews.objects.active(now).for_site(site_id)[:3]
        ]
        cache.set(key, lines, BREAKING_SECONDS)
    return [line for line in lines if parse_datetime(line["expires"]) > now]


def forget_breaking(**_kwargs) -> None:
    from wagtail.models import Site

    keys = [BREAKING_KEY.format(pk) for pk in Site.objects.values_list("pk", flat=True)]
    cache.delete_many([*keys, BREAKING_KEY.format(0)])


def day_label(day, style: DateStyle) -> dict[str, str]:
    """The Gregorian and Hijri dates of ``day`` in the site's style and digits, e.g.
    «الثلاثاء 1 كانون الأول / ديسمبر 2026» and «21 جمادى الآخرة 1448 هـ»."""
    return {"gregorian": format_date(day, style), "hijri": format_hijri(day, style)}


def today(profile, now: datetime | None = None) -> dict:
    """Today's dates in the site's time zone, tomorrow's, and the instant (UTC) the first turn into the
    second, so a page cached before midnight still changes its date right at midnight."""
    now = now or timezone.now()
    style = profile.date_style if profile else DateStyle()
    zone = ZoneInfo(profile.time_zone if profile else "UTC")
    day = now.astimezone(zone).date()
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return {
        "today": day_label(day, style),
        "tomorrow": day_label(midnight.date(), style),
        "midnight": midnight.astimezone(UTC).isoformat(),
    }
