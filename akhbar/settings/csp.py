"""The Content-Security-Policy directives (django-csp; akhbar.network.csp; docs/decisions.md).

One static policy for every reader page, the same for every reader, so shared caches keep it with the
page (no nonces). No inline script or style: site colours come from a stylesheet
(akhbar.network.views.network_css). JSON-LD blocks are data, not scripts, and need nothing. The Wagtail
admin, which needs inline scripts and styles, gets its own policy. CSP_REPORT_ONLY=1 sends the same
policies as Content-Security-Policy-Report-Only (for a rollout); CSP_REPORT_URI names a collector.
"""

import os

from .env import env_list, url_origin


def csp_policies(static_url: str, media_url: str) -> tuple[dict, dict]:
    """(reader directives, admin settings) for static and media served from these URLs."""
    static = [o for o in [url_origin(static_url)] if o]
    media = [o for o in [url_origin(media_url)] if o]
    # Article embeds (Wagtail's oEmbed: YouTube and Vimeo players) are frames from their own origins.
    frames = env_list(
        "CSP_FRAME_SRC",
        ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    )
    report = {"report-uri": [os.environ["CSP_REPORT_URI"]]} if os.environ.get("CSP_REPORT_URI") else {}
    reader = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *static],
        "style-src": ["'self'", *static],
        "img-src": ["'self'", "data:", *static, *media],
        "font-src": ["'self'", *static],
        "media-src": ["'self'", *media],
        "connect-src": ["'self'"],
        "frame-src": frames or ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        **report,
    }
    # The admin: inline scripts and styles (Wagtail's widgets and its JavaScript libraries use both),
    # blob: images (upload previews), its own previews and embeds in frames. No frame-ancestors:
    # X-Frame-Options already says DENY, or SAMEORIGIN where Wagtail frames its own preview.
    admin = {
        "PREFIXES": ("/admin/", "/django-admin/"),
        "DIRECTIVES": {
            **{k: v for k, v in reader.items() if k != "frame-ancestors"},
            "script-src": ["'self'", "'unsafe-inline'", *static],
            "style-src": ["'self'", "'unsafe-inline'", *static],
            "img-src": ["'self'", "data:", "blob:", *static, *media],
            "frame-src": ["'self'", *frames],
        },
    }
    return reader, admin
