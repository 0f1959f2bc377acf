"""/api/v2/pages/ and /api/v2/images/."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from akhbar.api.views import SiteImagesAPIViewSet, SitePagesAPIViewSet

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", SitePagesAPIViewSet)
router.register_endpoint("images", SiteImagesAPIViewSet)

urlpatterns = [path("api/v2/", router.urls)]
