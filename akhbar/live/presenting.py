"""How live coverage reaches readers: entries rendered once on the server, as the page and as the JSON
its script polls, relative times in correct Arabic, and LiveBlogPosting structured data."""

from __future__ import annotations

import json

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from akhbar.arabic.dates import DAYS, HOURS, JUST_NOW, MINUTES, DateStyle, format_relative

POLL_SECONDS = 15


def _style(request):
    from akhbar.network.models import SiteProfile

    profile = SiteProfile.for_request(request)
    return (profile.date_style, profile.stamp_zone, profile) if profile else (DateStyle(), "GMT", None)


def entry_html(entry, request, now=None) -> str:
    style, zone, profile = _style(request)
    return render_to_string(
        "live/entry.html",
        {
            "entry": entry,
            "ago": format_relative(entry.posted_at, now or timezone.now(), style, tz=zone),
            "site_profile": profile,
        },
        request=request,
    )


def etag(page) -> str:
    """Changes with every publish (a new live revision) and when the coverage ends."""
    return f'"live-{page.pk}-{page.live_revision_id}-{int(page.is_live)}"'


def payload(page, request) -> dict:
    """What the page's script needs to bring itself up to date."""
    now = timezone.now()
    return {
        "live": page.is_live,
        "ended": page.coverage_end.isoformat() if page.coverage_end and not page.is_live else None,
        "entries": [
            {
                "id": e.pk,
                "posted": e.posted_at.isoformat(),
                "pinned": e.shown_pinned,
                "html": entry_html(e, request, now),
            }
            for e in page.ordered_entries()
        ],
    }


def relative_words(digits: str) -> str:
    """The words live.js needs to write «منذ دقيقتين», «منذ 5 دقائق»… (JSON for a data attribute)."""
    nouns = {"minutes": MINUTES, "hours": HOURS, "days": DAYS}
    return json.dumps(
        {
            "justNow": JUST_NOW,
            "ago": "منذ",
            "digits": digits,
            **{name: [n.one, n.two, n.few, n.many, n.other] for name, n in nouns.items()},
        },
        ensure_ascii=False,
    )


def structured_data(page, request, entries) -> str:
    """schema.org LiveBlogPosting with its coverage times and updates, safe inside <script>."""
    _style_, _zone, profile = _style(request)
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": page.title[:110],
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "ar",
        "coverageStartTime": page.coverage_start.isoformat(),
        "coverageEndTime": page.coverage_end.isoformat() if page.coverage_end else None,
        "datePublished": (page.first_published_at or page.coverage_start).isoformat(),
        "dateModified": max(
            [e.posted_at for e in entries] + [page.last_published_at or page.coverage_start]
        ).isoformat(),
        "publisher": {"@type": "NewsMediaOrganization", "name": profile.name_ar if profile else ""},
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": (e.heading or strip_tags(e.text))[:110],
                "datePublished": e.posted_at.isoformat(),
                "dateModified": (e.corrected_at or e.posted_at).isoformat(),
                "articleBody": strip_tags(e.text),
                "url": f"{url}#entry-{e.pk}",
            }
            for e in entries
        ],
    }
    text = json.dumps({k: v for k, v in data.items() if v not in (None, "", [])}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def coverage_context(page, request) -> dict:
    from django.urls import reverse

    entries = page.ordered_entries()
    now = timezone.now()
    style, _zone, _profile = _style(request)
    return {
        "entries": [(e, entry_html(e, request, now)) for e in entries],
        "section": page.get_parent(),
        "poll_url": reverse("live:coverage", args=[page.pk]),
        "poll_seconds": POLL_SECONDS,
        "etag": etag(page),
        "relative_words": relative_words(style.digits),
        "live_structured_data": structured_data(page, request, entries),
    }
