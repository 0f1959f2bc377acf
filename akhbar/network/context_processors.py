"""Template context every reader page shares: the site profile, the group and the network's sites."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from akhbar.network.accents import accent_css_url
from akhbar.network.brand import brand_for
from akhbar.network.directory import (
    network_last_change,
    network_sites,
    request_network_settings,
    request_site_profile,
)

MENU_KEY = "akhbar:menu:{}:{}"
MENU_SECONDS = 300


def _profile(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return request_site_profile(request, site)


def site_sections(home: Page, request=None) -> list:
    """The live sections of a site in menu order. Cached under the network clock, which moves on
    every publish and unpublish, so a new or withdrawn section shows at once; at most MENU_SECONDS
    old otherwise (a moved or deleted section)."""
    from akhbar.news.models import SectionPage

    memo = getattr(request, "_akhbar_sections", None) if request is not None else None
    if memo is not None and home.pk in memo:
        return memo[home.pk]
    changed = network_last_change(request)
    key = MENU_KEY.format(home.pk, int(changed.timestamp() * 1_000_000) if changed else 0)
    sections = cache.get(key)
    if sections is None:
        sections = list(
            SectionPage.objects.live()
            .child_of(home)
            .order_by("menu_order", "pk")
            .only("title", "slug", "url_path", "path", "depth", "content_type")
        )
        cache.set(key, sections, MENU_SECONDS)
    if request is not None:
        if memo is None:
            memo = request._akhbar_sections = {}
        memo[home.pk] = sections
    return sections


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return site_sections(site.root_page, request)


def network(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    return {
        "site_profile": SimpleLazyObject(lambda: _profile(request)),
        "brand": SimpleLazyObject(lambda: brand_for(_profile(request))),
        "network": SimpleLazyObject(lambda: request_network_settings(request)),
        "network_sites": SimpleLazyObject(network_sites),
        "network_last_change": SimpleLazyObject(lambda: network_last_change(request)),
        "menu_sections": SimpleLazyObject(lambda: _sections(request)),
        "accent_css_url": SimpleLazyObject(accent_css_url),
    }
