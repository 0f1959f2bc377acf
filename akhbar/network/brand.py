"""A site's identity as URLs: the masthead logo, the PNG logo for search engines, the share image.

Renditions are generated once and their URLs (site-relative) are cached per site profile, so a page
costs no query for the logo; saving a profile or an image forgets them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

BRAND_VERSION_KEY = "akhbar:brand-version"
MASTHEAD_SPEC = "height-96"  # twice the masthead's 48 px, for high-density screens
PUBLISHER_LOGO_SPEC = "max-600x60|format-png"  # what Google asks of a publisher logo
SOCIAL_SPEC = "fill-1200x630|format-jpeg"  # OpenGraph's recommended share image


@dataclass(frozen=True)
class Picture:
    url: str  # site-relative ("/media/…") or absolute
    width: int
    height: int


@dataclass(frozen=True)
class Brand:
    masthead: Picture | None  # raster logo for the header
    svg_url: str  # vector logo for the header, when the site has one
    publisher_logo: Picture | None  # PNG, at most 600×60
    social: Picture | None  # default share image, 1200×630


def _picture(rendition) -> Picture:
    return Picture(rendition.url, rendition.width, rendition.height)


def _build(profile) -> Brand:
    masthead = publisher = social = None
    if profile.logo_id and profile.logo:
        renditions = profile.logo.get_renditions(MASTHEAD_SPEC, PUBLISHER_LOGO_SPEC)
        masthead = _picture(renditions[MASTHEAD_SPEC])
        publisher = _picture(renditions[PUBLISHER_LOGO_SPEC])
    if profile.social_image_id and profile.social_image:
        social = _picture(profile.social_image.get_rendition(SOCIAL_SPEC))
    svg_url = profile.logo_svg.url if profile.logo_svg else ""
    return Brand(masthead=masthead, svg_url=svg_url, publisher_logo=publisher, social=social)


def brand_for(profile) -> Brand:
    """The site's logo and share image, from the cache when they were computed before."""
    if profile is None:
        return Brand(None, "", None, None)
    try:
        version = cache.get_or_set(BRAND_VERSION_KEY, 1, None)
        key = f"akhbar:brand:{version}:{profile.pk}:{profile.logo_id}:{profile.social_image_id}:{profile.logo_svg.name}"
        brand = cache.get(key)
    except Exception:  # the cache is down: compute (a few queries) rather than fail the page
        logger.warning("site brand computed without the cache", exc_info=True)
        return _build(profile)
    if brand is None:
        brand = _build(profile)
        try:
            cache.set(key, brand, 24 * 3600)
        except Exception:
            logger.warning("site brand not cached", exc_info=True)
    return brand


def forget_brands(**_kwargs) -> None:
    """A profile or an image changed: every cached brand is recomputed on its next use."""
    try:
        cache.incr(BRAND_VERSION_KEY)
    except ValueError:
        cache.set(BRAND_VERSION_KEY, 2, None)
