"""Who is asking: the one place the API learns a client's address (swap in a trusted-proxy helper)."""

from __future__ import annotations

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the request came from as the web server saw it."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
