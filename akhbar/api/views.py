"""The content API's endpoints: Wagtail's pages and images endpoints, made read-only JSON, scoped to
one site, limited per client, cacheable, and answering every malformed request with a 4xx."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from akhbar.api.errors import localize_error_payload
from akhbar.api.fields import ImageRenditionsField
from akhbar.api.throttle import ClientRateThrottle

MAX_ID = 2**63 - 1  # the largest primary key any backend stores
TEXT_PARAMETERS = frozenset({"search", "fields", "order", "type", "site", "html_path", "locale"})


def _digits(value: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts «²» and «①», which ``int()`` refuses."""
    return value.isascii() and value.isdigit()


def _find_site(value: str) -> Site | None:
    value = value.strip()
    if _digits(value):
        return Site.objects.filter(pk=int(value)).first() if int(value) <= MAX_ID else None
    hostname, _sep, port = value.partition(":")
    sites = Site.objects.filter(hostname__iexact=hostname)
    if port:
        if not _digits(port) or int(port) > 65535:
            return None
        sites = sites.filter(port=int(port))
    return sites.order_by("-is_default_site", "pk").first()


class SiteScopedAPIMixin:
    """What both endpoints share: the site, the guards, the rate limit and the cache headers."""

    renderer_classes = [JSONRenderer]
    authentication_classes: list = []  # every caller is anonymous: public content only, cacheable
    permission_classes: list = []
    throttle_classes = [ClientRateThrottle]

    def requested_site(self) -> Site:
        """?site=<hostname[:port] or id>, else the site the request's host name selects."""
        if not hasattr(self, "_site"):
            value = self.request.GET.get("site")
            if value is None:
                site = Site.find_for_request(self.request._request)
                if site is None:
                    raise Http404(_("لا يوجد موقع لهذا العنوان."))
            else:
                site = _find_site(value)
                if site is None:
                    raise BadRequestError(
                        _("لا يوجد موقع بهذا الاسم أو المعرّف: %(site)s") % {"site": value[:80]}
                    )
            self._site = site
        return self._site

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            if "\x00" in name or "\x00" in value:
                raise BadRequestError(_("المعاملات لا تقبل المحرف الفارغ (NUL)."))
            if name in TEXT_PARAMETERS:
                continue
            number = value.strip().lstrip("-")
            if _digits(number) and int(number) > MAX_ID:
                raise BadRequestError(_("القيمة %(name)s أكبر من المسموح.") % {"name": name})
        if request.GET.get("search_operator", "or") not in ("and", "or"):
            raise BadRequestError(_("search_operator يقبل and أو or فقط."))
        if int(kwargs.get("pk") or 0) > MAX_ID:
            raise Http404(_("غير موجود."))

    def find_object(self, queryset, request):
        value = request.GET.get("id")
        if value is not None and not _digits(value.strip()):
            raise BadRequestError(_("المعرّف id يجب أن يكون عددًا صحيحًا موجبًا."))
        return super().find_object(queryset, request)

    def throttled(self, request, wait):
        raise Throttled(wait=wait)

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            seconds = int(exc.wait or 1)
            message = _("طلبات كثيرة من العنوان نفسه. أعد المحاولة بعد %(seconds)s ثانية.") % {
                "seconds": seconds
            }
            response = Response(
                {"message": message},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(seconds)},
            )
            response["Cache-Control"] = "no-store"
            return response
        response = super().handle_exception(exc)
        if response.status_code >= 400 and isinstance(response.data, dict):
            response.data = localize_error_payload(response.data, status=response.status_code)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            seconds = int(getattr(settings, "CONTENT_API_CACHE_SECONDS", 60))
            patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
        return response


class SitePagesAPIViewSet(SiteScopedAPIMixin, PagesAPIViewSet):
    """Live, public pages of one site (its host name, or ?site=)."""

    def get_base_queryset(self):
        site = self.requested_site()
        return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)

    def get_root_page(self):
        return self.requested_site().root_page

    def author_url(self, slug: str) -> str:
        site = self.requested_site()
        if not hasattr(self, "_home"):
            self._home = site.root_page.specific
        return f"{site.root_url}/{self._home.reverse_subpage('author', args=[slug])}"

    @classmethod
    def get_listing_default_fields(cls, model):
        from akhbar.news.models import ArticlePage

        fields = super().get_listing_default_fields(model)
        if issubclass(model, ArticlePage):
            fields += ["lede", "first_published", "last_updated"]
        return fields


class SiteImagesAPIViewSet(SiteScopedAPIMixin, ImagesAPIViewSet):
    """Images that live, public pages of the site show: lead images, the logo and the share image."""

    known_query_parameters = ImagesAPIViewSet.known_query_parameters.union(["site"])
    body_fields = ImagesAPIViewSet.body_fields + [
        APIField("renditions", serializer=ImageRenditionsField(source="*"))
    ]

    def get_queryset(self):
        from akhbar.network.models import SiteProfile
        from akhbar.news.models import ArticlePage

        site = self.requested_site()
        articles = ArticlePage.objects.live().public().descendant_of(site.root_page)
        profile = SiteProfile.objects.filter(site=site).only("logo_id", "social_image_id").first()
        identity = [pk for pk in (profile.logo_id, profile.social_image_id) if pk] if profile else []
        return super().get_queryset().filter(Q(pk__in=articles.values("lead_image_id")) | Q(pk__in=identity))
