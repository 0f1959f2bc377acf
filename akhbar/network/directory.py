"""A cached directory of the network's sites, for the footer, the strip and cross-site links."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

DIRECTORY_KEY = "akhbar:network-directory"
LAST_CHANGE_KEY = "akhbar:network-last-change"
PROFILES_KEY = "akhbar:site-profiles"
SITES_KEY = "akhbar:sites"
NETWORK_SETTINGS_KEY = "akhbar:network-settings"
SETTINGS_SECONDS = 600


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
    """Receiver for changes to a Site, a SiteProfile or the NetworkSettings (see network/apps.py)."""
    cache.delete_many([DIRECTORY_KEY, SITES_KEY, PROFILES_KEY, NETWORK_SETTINGS_KEY])


def request_site_profile(request, site):
    """The site's profile for this request: from the request, else the cache, else the database (and
    left on the request where ``SiteProfile.for_request`` finds it)."""
    from akhbar.network.models import SiteProfile

    attr = SiteProfile.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    profiles = cache.get(PROFILES_KEY) or {}
    profile = profiles.get(site.pk)
    if profile is None:
        profile = SiteProfile.for_site(site)
        cache.set(PROFILES_KEY, {**profiles, site.pk: profile}, SETTINGS_SECONDS)
    profile._request = request
    setattr(request, attr, profile)
    return profile


def request_network_settings(request):
    """The group's settings for this request, cached like the site profiles."""
    from akhbar.network.models import NetworkSettings

    attr = NetworkSettings.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    settings = cache.get(NETWORK_SETTINGS_KEY)
    if settings is None:
        settings = NetworkSettings.load()
        cache.set(NETWORK_SETTINGS_KEY, settings, SETTINGS_SECONDS)
    setattr(request, attr, settings)
    return settings


def network_last_change(request=None):
    """When anything in the network was last published (the header's clock); read once per request
    when the request is given."""
    if request is not None and hasattr(request, "_akhbar_last_change"):
        return request._akhbar_last_change
    value = cache.get(LAST_CHANGE_KEY)
    if value is None:
        from django.db.models import Max
        from wagtail.models import Page

        value = Page.objects.live().aggregate(latest=Max("last_published_at"))["latest"] or False
        cache.set(LAST_CHANGE_KEY, value, 600)
    if request is not None:
        request._akhbar_last_change = value or None
    return value or None


def forget_last_change(**_kwargs) -> None:
    cache.delete(LAST_CHANGE_KEY)
