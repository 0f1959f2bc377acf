"""What an article tells machines and other sites: NewsArticle structured data and share links."""

from __future__ import annotations

import json
from urllib.parse import quote

from django.utils.translation import gettext as _


def share_links(url: str, title: str) -> list[dict[str, str]]:
    """Plain share links: no third-party script runs on our pages."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"label": _("فيسبوك"), "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"label": _("إكس"), "url": f"https://x.com/intent/post?url={u}&text={t}"},
        {"label": _("واتساب"), "url": f"https://wa.me/?text={t}%20{u}"},
        {"label": _("تيليغرام"), "url": f"https://t.me/share/url?url={u}&text={t}"},
        {"label": _("البريد"), "url": f"mailto:?subject={t}&body={u}"},
    ]


def structured_data(page, url: str, context: dict) -> str:
    """schema.org NewsArticle as JSON-LD, safe to place inside a <script> element."""
    from akhbar.network.models import NetworkSettings, SiteProfile

    request = context["request"]
    profile = SiteProfile.for_request(request)
    network = NetworkSettings.load(request_or_site=request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "headline": page.title[:110],
        "description": page.summary,
        "inLanguage": "ar",
        "articleSection": context["section"].title,
        "datePublished": page.first_published.isoformat() if page.first_published else None,
        "dateModified": (page.last_updated or page.first_published).isoformat()
        if page.first_published
        else None,
        "author": [{"@type": "Person", "name": a.name} for a in context.get("authors", [])]
        or [{"@type": "Organization", "name": profile.name_ar if profile else ""}],
        "publisher": {"@type": "NewsMediaOrganization", "name": profile.name_ar if profile else ""},
        "sourceOrganization": {"@type": "Organization", "name": network.group_name} if network else None,
        "keywords": [t.name for t in context.get("tags", [])],
    }
    if page.dateline_city:
        data["locationCreated"] = {"@type": "Place", "name": page.dateline_city}
    text = json.dumps({k: v for k, v in data.items() if v not in (None, "", [])}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
