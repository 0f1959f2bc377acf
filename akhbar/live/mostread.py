"""«الأكثر قراءة»: a site's most-read articles over the last 24 hours (or 7 days when the day is quiet)."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from akhbar.live.counters import get_counter, warn_once_a_minute

MOST_READ_KEY = "akhbar:most-read:{}"
MOST_READ_SECONDS = 60
LIMIT = 5
WINDOWS = (24, 7 * 24)


def most_read(site_id: int | None, request=None) -> dict | None:
    """{"hours": 24 or 168, "stories": [{"url", "title", "views"}]}, cached a minute; None when empty."""
    if not site_id:
        return None
    key = MOST_READ_KEY.format(site_id)
    result = cache.get(key)
    if result is None:
        result = _compute(site_id, request) or {}
        cache.set(key, result, MOST_READ_SECONDS)
    return result or None


def _compute(site_id: int, request) -> dict | None:
    from akhbar.news.models import ArticlePage

    now = timezone.now()
    for hours in WINDOWS:
        try:
            ranked = get_counter().top(site_id, hours, LIMIT * 2, now)
        except Exception:
            warn_once_a_minute("most read: the counts could not be read")
            return None
        if len(ranked) >= LIMIT or hours == WINDOWS[-1]:
            break
    if not ranked:
        return None
    pages = (
        ArticlePage.objects.live().filter(pk__in=[pk for pk, _ in ranked]).only("title", "url_path", "path")
    )
    by_pk = {page.pk: page for page in pages}
    stories = [
        {"url": by_pk[pk].get_url(request), "title": by_pk[pk].title, "views": views}
        for pk, views in ranked
        if pk in by_pk
    ][:LIMIT]
    return {"hours": hours, "stories": stories} if stories else None
