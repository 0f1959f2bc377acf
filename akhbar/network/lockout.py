"""The page a locked-out login gets (django-axes calls ``lockout_response``: AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from akhbar.arabic.dates import MINUTES
from akhbar.arabic.plurals import count_phrase


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with an Arabic page that says how long to wait, and Retry-After in seconds."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, math.ceil(seconds / 60))
    response = render(
        request,
        "login_locked_out.html",
        {"wait": count_phrase(minutes, MINUTES), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
