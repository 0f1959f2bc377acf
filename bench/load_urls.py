"""bench/load.py's URLs: akhbar's, plus a bare Django view at /__bare__/.

The bare view renders a tiny template through the same middleware stack as the reader pages (as
bench/pages.py does), so the ratio to it is the cost of akhbar's own page work.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

BARE = engines["django"].from_string(
    "<!doctype html><html lang=ar dir=rtl><body><p>{{ text }}</p></body></html>"
)


def bare_view(request):
    return HttpResponse(BARE.render({"text": "مرحبا"}, request))


urlpatterns = [path("__bare__/", bare_view), path("", include("akhbar.urls"))]
