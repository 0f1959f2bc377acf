"""The masthead fragment every page's script refreshes, and the beacon that counts article views."""

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from akhbar.live.breaking import BREAKING_SECONDS, active_breaking, today
from akhbar.live.counting import count_view, is_automated, parse_page_id, site_of_page
from akhbar.network.models import SiteProfile
from akhbar.network.views import json_methods


@json_methods("GET")
@cache_control(public=True, max_age=BREAKING_SECONDS, s_maxage=BREAKING_SECONDS)
def masthead(request):
    site = Site.find_for_request(request)
    profile = SiteProfile.for_site(site) if site else None
    return JsonResponse(
        {"date": today(profile), "breaking": active_breaking(site.pk if site else None)},
        json_dumps_params={"ensure_ascii": False},
    )


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@never_cache
@json_methods("POST")
def seen(request):
    """navigator.sendBeacon(…, page id) after an article loads: 204 whether it counted or not."""
    body = request.body[:64].decode("ascii", "replace")
    page_id = parse_page_id(body.removeprefix("page="))
    if page_id is None:
        return _error(_("رقم المقال غير صالح."), 400)
    site_id = site_of_page(page_id)
    if site_id is None:
        return _error(_("لا مقال منشورًا بهذا الرقم."), 404)
    if not is_automated(request):
        count_view(request, page_id, site_id)
    return HttpResponse(status=204)


@json_methods("GET")
def coverage(request, page_id: int):
    """The entries of one live coverage page as JSON, with an ETag so unchanged polls cost a 304."""
    from django.utils.cache import get_conditional_response, patch_cache_control

    from akhbar.live.coverage import LiveCoveragePage
    from akhbar.live.presenting import POLL_SECONDS, etag, payload

    site = Site.find_for_request(request)
    page = LiveCoveragePage.objects.live().public().filter(pk=page_id).first()
    if page is None or site is None or not page.path.startswith(site.root_page.path):
        return _error(_("لا تغطية مباشرة بهذا الرقم على هذا الموقع."), 404)
    tag = etag(page)
    response = get_conditional_response(request, etag=tag)
    if response is None:
        response = JsonResponse(payload(page, request), json_dumps_params={"ensure_ascii": False})
    response["ETag"] = tag
    patch_cache_control(response, public=True, max_age=POLL_SECONDS // 3, s_maxage=POLL_SECONDS // 3)
    return response
