from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from akhbar.network.accents import accent_stylesheet

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("accents.css", accent_stylesheet, name="accent-css")]
urlpatterns += [path("comments/", include("akhbar.comments.urls"))]
urlpatterns += [path("live/", include("akhbar.live.urls"))]
urlpatterns += [path("", include("akhbar.search.urls"))]
urlpatterns += [path("", include("akhbar.api.urls"))]
urlpatterns += [path("", include("akhbar.distribution.urls"))]
urlpatterns += [path("", include(wagtail_urls))]

handler500 = "akhbar.network.views.server_error"
handler404 = "akhbar.network.views.not_found"
