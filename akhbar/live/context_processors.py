"""The masthead's date of the day and breaking-news lines, lazily, on every reader page."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from akhbar.live.breaking import active_breaking, today
from akhbar.live.mostread import most_read


def _site_id(request) -> int | None:
    site = Site.find_for_request(request)
    return site.pk if site else None


def masthead(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    from akhbar.network.models import SiteProfile

    def profile():
        return SiteProfile.for_request(request) if Site.find_for_request(request) else None

    return {
        "date_of_day": SimpleLazyObject(lambda: today(profile())),
        "breaking_news": SimpleLazyObject(lambda: active_breaking(_site_id(request))),
        "most_read": SimpleLazyObject(lambda: most_read(_site_id(request), request)),
    }
