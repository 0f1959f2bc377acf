"""`{% feed_links %}`: the <link rel="alternate"> elements of the feeds that match the page shown."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


def page_feeds(context) -> list[dict[str, str]]:
    """The site feed on every page of a site; the section feed on sections and articles; the author or
    tag feed on their listings. Read from what the page's context already holds, no query."""
    from akhbar.news.models import ArticlePage, SectionPage

    profile = context.get("site_profile")
    if not profile:
        return []
    name = profile.name_ar
    links = [{"title": _("%(site)s: آخر الأخبار") % {"site": name}, "url": reverse("distribution:feed")}]
    page = context.get("page")
    section = context.get("section")
    if section is None and isinstance(page, SectionPage):
        section = page
    if isinstance(page, ArticlePage | SectionPage) and section is not None:
        links.append(
            {
                "title": _("%(site)s: قسم %(section)s") % {"site": name, "section": section.title},
                "url": reverse("distribution:feed-section", args=[section.slug]),
            }
        )
    author, tag = context.get("author"), context.get("tag")
    if author is not None and getattr(author, "slug", None):
        links.append(
            {
                "title": _("%(site)s: مقالات %(author)s") % {"site": name, "author": author.name},
                "url": reverse("distribution:feed-author", args=[author.slug]),
            }
        )
    if tag is not None and getattr(tag, "slug", None):
        links.append(
            {
                "title": _("%(site)s: وسم %(tag)s") % {"site": name, "tag": tag.name},
                "url": reverse("distribution:feed-tag", args=[tag.slug]),
            }
        )
    return links


@register.inclusion_tag("distribution/feed_link_elements.html", takes_context=True)
def feed_links(context) -> dict:
    return {"feeds": page_feeds(context)}
