"""Which site a request is for, without a query per request.

Wagtail looks the site up in the database on every request (``Site.find_for_request``) and then loads
its home page's specific row. ``SiteMiddleware`` answers from a cached list of the network's sites,
their home pages already specific, with Wagtail's own order of preference (exact host and port, host
of the default site, the default site unless exactly one other site has the host, any site with the
host), and leaves the result where Wagtail looks first (``request._wagtail_site``). The list is kept
with the network clock it was built under, so any publish or unpublish (a home page's title, a site
going live) rebuilds it, and a change to a Site rebuilds it at once (akhbar.network.directory).
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from akhbar.network.directory import SITES_KEY, network_last_change

SITES_SECONDS = 300
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def cached_sites(request=None) -> list[Site]:
    changed = network_last_change(request)
    entry = cache.get(SITES_KEY)
    if entry is not None and entry[0] == changed:
        return entry[1]
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    for site in sites:
        site.root_page = site.root_page.specific
    cache.set(SITES_KEY, (changed, sites), SITES_SECONDS)
    return sites


def match_site(sites: list[Site], hostname: str, port: int) -> Site | None:
    """wagtail.models.sites.get_site_for_hostname over a list instead of a query."""

    def rank(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME

    candidates = sorted(
        (s for s in sites if s.hostname == hostname or s.is_default_site), key=lambda s: (rank(s), s.pk)
    )
    if not candidates:
        return None
    best = rank(candidates[0])
    if len(candidates) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


class SiteMiddleware:
    """Find the request's site in the cached list before Wagtail's page view asks the database (only
    for requests routed to that view: other views pay nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or hasattr(request, "_wagtail_site"):
            return None
        try:
            hostname = split_domain_port(request._get_raw_host())[0]
            port = int(request.get_port())
        except (DisallowedHost, ValueError):
            return None
        request._wagtail_site = match_site(cached_sites(request), hostname, port)
        return None
