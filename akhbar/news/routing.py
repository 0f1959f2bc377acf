"""Route an article address in two queries instead of Wagtail's four.

Wagtail walks the tree one level at a time (each child by slug, then its specific row). An article's
address is its ``url_path``, unique in the tree, so the article (with its lead image) is one query,
and its section is taken from the site's cached sections menu. Anything else (sections, the site
home's author and tag routes, other page types) goes through Wagtail's own routing unchanged.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult


def article_route(home: Page, path_components: list[str], request=None) -> RouteResult | None:
    """The RouteResult of a live article two levels under `home`; None to let Wagtail route."""
    if len(path_components) != 2:
        return None
    from akhbar.network.context_processors import site_sections
    from akhbar.news.models import ArticlePage

    url_path = f"{home.url_path}{'/'.join(path_components)}/"
    article = (
        ArticlePage.objects.filter(url_path=url_path, depth=home.depth + 2)
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
        .first()
    )
    if article is None:
        return None
    if not article.live:
        raise Http404
    section_path = article.path[: -Page.steplen]
    section = next((s for s in site_sections(home, request) if s.path == section_path), None)
    if section is None:  # a section left out of the menu (not live): Wagtail's own walk decides
        return None
    section._cached_parent_obj = home
    article._cached_parent_obj = section
    return RouteResult(article)
