"""schema.org entities as plain dicts (NewsArticle, BreadcrumbList, WebSite, NewsMediaOrganization),
and their serialisation into a <script type="application/ld+json"> that no title can break out of."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from akhbar.network.brand import Picture

CONTEXT = "https://schema.org"


def dumps(data: dict) -> str:
    """JSON safe inside a <script> element: <, > and & are escaped, so "</script>" cannot end it."""
    text = json.dumps(_clean(data), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def image_object(picture: Picture | None) -> dict | None:
    if picture is None:
        return None
    return {"@type": "ImageObject", "url": picture.url, "width": picture.width, "height": picture.height}


def organization(
    *,
    site_url: str,
    name: str,
    logo: Picture | None,
    alternate_name: str = "",
    parent_name: str = "",
    principles_url: str = "",
    corrections_url: str = "",
) -> dict:
    """The site as a NewsMediaOrganization; the same @id links the home's entity and every publisher."""
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{site_url}/#organization",
        "name": name,
        "alternateName": alternate_name,
        "url": f"{site_url}/",
        "logo": image_object(logo),
        "publishingPrinciples": principles_url,
        "correctionsPolicy": corrections_url,
        "parentOrganization": {"@type": "Organization", "name": parent_name} if parent_name else None,
    }


def website(*, site_url: str, name: str, search_path: str = "/search/") -> dict:
    """WebSite with a SearchAction: lets search engines offer a search box for the site."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{site_url}/#website",
        "url": f"{site_url}/",
        "name": name,
        "inLanguage": "ar",
        "publisher": {"@id": f"{site_url}/#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{site_url}{search_path}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(trail: Iterable[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute URL) pairs, the site first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def news_article(
    *,
    url: str,
    headline: str,
    description: str,
    images: list[str],
    published: datetime | None,
    modified: datetime | None,
    authors: list[tuple[str, str]],
    publisher: dict,
    section: str = "",
    keywords: list[str] | None = None,
    location: str = "",
    corrections: list[tuple[str, str, datetime]] | None = None,
) -> dict:
    """NewsArticle as Google's article guidelines describe it: headline, images in several ratios,
    dates with their time zone, authors as Person with their page, the publisher with its logo; and
    the editors' dated correction and update notes as CorrectionComment."""
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline[:110],
        "description": description,
        "image": images,
        "datePublished": published.isoformat() if published else None,
        "dateModified": (modified or published).isoformat() if published else None,
        "author": [{"@type": "Person", "name": name, "url": page} for name, page in authors]
        or [{"@type": "Organization", "name": publisher["name"], "url": publisher["url"]}],
        "publisher": publisher,
        "inLanguage": "ar",
        "articleSection": section,
        "keywords": keywords or [],
        "isAccessibleForFree": True,
        "locationCreated": {"@type": "Place", "name": location} if location else None,
        "correction": [
            {"@type": "CorrectionComment", "text": f"{kind}: {text}", "datePublished": when.isoformat()}
            for kind, text, when in corrections or []
        ],
    }
