"""Route an article address in one query instead of Wagtail's four.

Wagtail walks the tree one level at a time (each child by slug, then its specific row). An article's
address is its ``url_path``, unique in the tree, so the article is one query, compiled once per
connection (akhbar.news.prepared), and its section is taken from the site's cached sections menu. The
same SELECT says whether any page view restriction exists at all: when none does (a news network
rarely restricts pages), the article answers Wagtail's restriction check without a query of its own.
Anything else (sections, the site home's author and tag routes, other page types) goes through
Wagtail's own routing unchanged.
"""

from __future__ import annotations

from django.db.models import Exists
from django.http import Http404
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from akhbar.news.prepared import Placeholder, PreparedQuery


def _article_at(slug, url_path, depth):
    from akhbar.news.models import ArticlePage

    # url_path has no index of its own; the slug's index finds the few pages of that slug.
    return (
        ArticlePage.objects.filter(slug=slug, url_path=url_path, depth=depth)
        .annotate(_any_view_restriction=Exists(PageViewRestriction.objects.all()))
        .order_by("path")[:1]
    )


ARTICLE_AT = PreparedQuery(
    _article_at,
    [
        Placeholder("slug", "\x00akhbar slug placeholder\x00"),
        Placeholder("url_path", "\x00akhbar url_path placeholder\x00"),
        Placeholder("depth", 2_047_483_641),
    ],
)


def article_route(home: Page, path_components: list[str], request=None) -> RouteResult | None:
    """The RouteResult of a live article two levels under `home`; None to let Wagtail route."""
    if len(path_components) != 2:
        return None
    from akhbar.network.context_processors import site_sections

    url_path = f"{home.url_path}{'/'.join(path_components)}/"
    article = ARTICLE_AT.first(slug=path_components[-1], url_path=url_path, depth=home.depth + 2)
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
