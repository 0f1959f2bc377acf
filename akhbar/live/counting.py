"""Counting a reader's view of an article from the beacon the page sends after it loads.

Privacy: no cookie is read or set, and neither the address nor the user agent is stored. They are
only mixed, with a secret and a salt that changes every day, into a short client hash that the
per-client limits keep for minutes (counters.py). Bots, link previews and prefetches are not counted.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from akhbar.live.counters import get_counter

PAGE_SITE_KEY = "akhbar:page-site:{}"
PAGE_SITE_SECONDS = 600
MAX_PAGE_ID = 2**53
BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|preview|facebookexternalhit|whatsapp|telegram|headless|"
    r"python|curl|wget|httpclient|okhttp|go-http|java/|lighthouse|pingdom|monitor",
    re.IGNORECASE,
)


def is_automated(request) -> bool:
    """Crawlers, link-preview fetchers, scripts and prefetches: none of them is a reader."""
    agent = request.headers.get("User-Agent", "")
    purpose = f"{request.headers.get('Sec-Purpose', '')} {request.headers.get('Purpose', '')}".lower()
    return not agent or bool(BOT_RE.search(agent)) or "prefetch" in purpose or "prerender" in purpose


def client_hash(request, day: str) -> str:
    """A short keyed hash of who sent the beacon, different every day; never stored beyond the limits."""
    from akhbar.comments.security import client_ip

    material = f"{day}\x1f{client_ip(request)}\x1f{request.headers.get('User-Agent', '')}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).hexdigest()[:20]


def site_of_page(page_id: int) -> int | None:
    """The site of a live article (cached), or None when there is no such live article."""
    key = PAGE_SITE_KEY.format(page_id)
    site_id = cache.get(key)
    if site_id is None:
        from akhbar.network.directory import network_sites
        from akhbar.news.models import ArticlePage

        path = ArticlePage.objects.live().filter(pk=page_id).values_list("path", flat=True).first()
        roots = [s for s in network_sites() if path and path.startswith(s.root_path)]
        site_id = max(roots, key=lambda s: len(s.root_path)).site_id if roots else 0
        cache.set(key, site_id, PAGE_SITE_SECONDS)
    return site_id or None


def parse_page_id(raw: str) -> int | None:
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 16:
        return None
    value = int(raw)
    return value if 0 < value < MAX_PAGE_ID else None


def count_view(request, page_id: int, site_id: int) -> None:
    """Count one view unless this client already counted this page lately or spent its budget."""
    now = timezone.now()
    get_counter().record(site_id, page_id, client_hash(request, f"{now:%Y-%m-%d}"), now)
