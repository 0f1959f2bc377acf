"""Template context every reader page shares: the site profile, the group and the network's sites."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from akhbar.network.brand import brand_for
from akhbar.network.directory import network_last_change, network_sites
from akhbar.network.models import NetworkSettings, SiteProfile


def _profile(request):
    if Site.find_for_request(request) is None:
        return None
    return SiteProfile.for_request(request)


def _sections(request):
    from akhbar.news.models import SectionPage

    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(
        SectionPage.objects.live()
        .child_of(site.root_page)
        .order_by("menu_order", "pk")
        .only("title", "url_path", "path")
    )


def network(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    return {
        "site_profile": SimpleLazyObject(lambda: _profile(request)),
        "brand": SimpleLazyObject(lambda: brand_for(_profile(request))),
        "network": SimpleLazyObject(lambda: NetworkSettings.load(request_or_site=request)),
        "network_sites": SimpleLazyObject(network_sites),
        "network_last_change": SimpleLazyObject(network_last_change),
        "menu_sections": SimpleLazyObject(lambda: _sections(request)),
    }
