"""Each site's accent colour as a stylesheet, so reader pages carry no inline style (the
Content-Security-Policy allows styles from files only, akhbar.network.csp).

One small stylesheet for the whole network, ``/accents.css?v=…``: a rule per site keyed on the
``data-site`` attribute that the page's ``<html>`` (the site's own colour) and the network strip's items
(the other sites' colours) carry. Its address carries a digest of its text, so browsers and shared
caches keep it for a year and a changed colour gets a new address; the browser fetches it in parallel
with site.css, on the first visit only.
"""

from __future__ import annotations

import hashlib
import re

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from akhbar.network.directory import network_sites

HEX_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")
IMMUTABLE = "public, max-age=31536000, immutable"
# An address with another digest (a page rendered before a colour changed) gets today's colours, briefly.
SHORT = "public, max-age=60, s-maxage=60"


def accent_css() -> str:
    rules = ["/* The network's accent colours (Settings › ملف الموقع); akhbar.network.accents. */"]
    for site in network_sites():
        if HEX_COLOR.fullmatch(site.accent or ""):
            rules.append(f'html[data-site="{site.site_id}"]{{--accent:{site.accent}}}')
            rules.append(f'.network-strip [data-site="{site.site_id}"]{{--item-accent:{site.accent}}}')
    return "\n".join(rules) + "\n"


def _digest(css: str) -> str:
    return hashlib.sha256(css.encode()).hexdigest()[:12]


def accent_css_url() -> str:
    return f"{reverse('accent-css')}?v={_digest(accent_css())}"


@require_safe
def accent_stylesheet(request):
    css = accent_css()
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE if request.GET.get("v") == _digest(css) else SHORT
    return response
