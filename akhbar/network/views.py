"""Error pages that never need the database: a 500 must render even when the database is down.

Under the JSON endpoints (the APIs, the live fragments, the comment form's per-reader data) a 404 or
a 500 is answered in JSON with an Arabic message, as the endpoints' own errors are."""

from functools import wraps

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

JSON_PREFIXES = ("/api/", "/live/", "/comments/form/", "/comments/challenge/")


def wants_json(request) -> bool:
    return request is not None and request.path.startswith(JSON_PREFIXES)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request, exception=None):
    if wants_json(request):
        return _json_error(_("لا شيء بهذا العنوان."), 404)
    return page_not_found(request, exception)


def server_error(request, *args, **kwargs):
    if wants_json(request):
        return _json_error(_("حدث خطأ في الخادم. حاول مجددًا بعد قليل."), 500)
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def csrf_failure(request, reason=""):
    """Django's CSRF refusal, in Arabic and under the site's look (Django's own page is English and
    styles itself inline, which the Content-Security-Policy blocks). A reader whose form had expired
    gets back the text they wrote, to copy into a fresh form: nothing typed is lost."""
    if wants_json(request):
        response = _json_error(_("انتهت صلاحية الطلب. أعد تحميل الصفحة ثم حاول مجددًا."), 403)
    elif request.path.startswith(("/admin/", "/django-admin/")):  # no site masthead in the admin
        response = render(request, "403_csrf_admin.html", status=403)
    else:
        kept = (request.POST.get("body") or "")[:5000] if request.method == "POST" else ""
        response = render(request, "403_csrf.html", {"kept_text": kept}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def json_methods(*methods: str):
    """Like ``require_http_methods``, but a refused method is answered in JSON with an Arabic message
    (the JSON endpoints' callers parse every answer). HEAD is allowed wherever GET is."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                response = _json_error(
                    _("هذا العنوان لا يقبل طلبات %(method)s.") % {"method": request.method}, 405
                )
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
