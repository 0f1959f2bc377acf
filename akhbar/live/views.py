"""/live/masthead/: the small, briefly cached fragment every page's script refreshes."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from akhbar.live.breaking import BREAKING_SECONDS, active_breaking, today
from akhbar.network.models import SiteProfile


@require_safe
@cache_control(public=True, max_age=BREAKING_SECONDS, s_maxage=BREAKING_SECONDS)
def masthead(request):
    site = Site.find_for_request(request)
    profile = SiteProfile.for_site(site) if site else None
    return JsonResponse(
        {"date": today(profile), "breaking": active_breaking(site.pk if site else None)},
        json_dumps_params={"ensure_ascii": False},
    )
