"""A cached directory of the network's sites, for the footer, the strip and cross-site links."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

DIRECTORY_KEY = "akhbar:network-directory"
LAST_CHANGE_KEY = "akhbar:network-last-change"


@dataclass(frozen=True)
class NetworkSite:
    site_id: int
    root_page_id: int
    root_path: str
    name: str
    name_latin: str
    city: str
    accent: str
    url: str


def network_sites() -> list[NetworkSite]:
    """Every site of the network with its profile, in a stable order (one query, then cached)."""
    sites = cache.get(DIRECTORY_KEY)
    if sites is None:
        from wagtail.models import Site

        from akhbar.network.models import SiteProfile

        profiles = {p.site_id: p for p in SiteProfile.objects.all()}
        sites = []
        for site in Site.objects.select_related("root_page").order_by("-is_default_site", "pk"):
            profile = profiles.get(site.pk)
            sites.append(
                NetworkSite(
                    site_id=site.pk,
                    root_page_id=site.root_page_id,
                    root_path=site.root_page.path,
                    name=profile.name_ar if profile else site.site_name or site.hostname,
                    name_latin=profile.name_latin if profile else "",
                    city=profile.city if profile else "",
                    accent=profile.accent_color if profile else "#b3121d",
                    url=site.root_url,
                )
            )
        cache.set(DIRECTORY_KEY, sites, 600)
    return sites


def forget_directory(**_kwargs) -> None:
    cache.delete(DIRECTORY_KEY)


def network_last_change():
    """When anything in the network was last published (the header's clock)."""
    value = cache.get(LAST_CHANGE_KEY)
    if value is None:
        from django.db.models import Max
        from wagtail.models import Page

        value = Page.objects.live().aggregate(latest=Max("last_published_at"))["latest"] or False
        cache.set(LAST_CHANGE_KEY, value, 600)
    return value or None


def forget_last_change(**_kwargs) -> None:
    cache.delete(LAST_CHANGE_KEY)
