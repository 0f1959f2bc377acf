"""RSS feeds of a site, its sections, authors and tags, and of the whole network (Django's syndication).

Each feed holds the newest FEED_ITEMS live, public articles, loaded in a fixed number of queries
(articles, lead images and their feed rendition, authors, tags, sections, site profiles), whatever the
size of the archive.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Site

from akhbar.distribution.rss import NewsRssFeed
from akhbar.distribution.scope import public_q, root_url, site_for_request, under
from akhbar.network.models import NetworkSettings, SiteProfile
from akhbar.news.lede import lede
from akhbar.news.models import ArticlePage, ArticleTag, Author, SectionPage
from akhbar.news.queries import attach_sections

FEED_ITEMS = 30
FEED_RENDITION = "fill-1200x675|format-jpeg"
log = logging.getLogger(__name__)


@dataclass
class FeedScope:
    """What one feed shows: its channel and the filter on articles (`root_path` None: the whole network)."""

    request: object
    title: str
    link: str
    description: str
    root_path: str | None = None
    filters: dict = field(default_factory=dict)
    site: Site | None = None
    logo: str = ""  # absolute URL of the site's logo (RSS <image>), when its profile has one


def feed_articles(scope: FeedScope, limit: int = FEED_ITEMS) -> list[ArticlePage]:
    images = get_image_model().objects.prefetch_renditions(FEED_RENDITION)
    queryset = ArticlePage.objects.live().filter(public_q(), **scope.filters)
    if scope.root_path is not None:
        queryset = queryset.filter(under(scope.root_path))
    queryset = (
        queryset.order_by("-first_published", "-pk")
        .select_related(None)
        .prefetch_related(
            Prefetch("lead_image", queryset=images),
            "authors",
            Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag")),
            "corrections",
        )
    )
    if "tagged_items__tag" in scope.filters or "authors" in scope.filters:
        queryset = queryset.distinct()
    return attach_sections(queryset[:limit])


def _site_profiles(articles: list[ArticlePage], request) -> dict[int, tuple[Site, SiteProfile | None]]:
    """Each article's site and profile (the network feed spans sites): two queries for the whole list."""
    root_paths = Site.get_site_root_paths()
    site_ids = set()
    for article in articles:
        article.site_id = next(
            (r.site_id for r in root_paths if article.url_path.startswith(r.root_path)), None
        )
        site_ids.add(article.site_id)
    sites = {s.pk: s for s in Site.objects.filter(pk__in=site_ids)}
    profiles = {p.site_id: p for p in SiteProfile.objects.filter(site_id__in=site_ids)}
    return {pk: (site, profiles.get(pk)) for pk, site in sites.items()}


def _media(article: ArticlePage, base: str) -> dict | None:
    """The lead image's feed rendition; `base` makes a relative media URL absolute on the item's site."""
    image = article.lead_image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(FEED_RENDITION)
        size = rendition.file.size
    except Exception:  # a missing or broken source file leaves the item without an image, never a 500
        log.warning("no feed rendition for image %s", image.pk, exc_info=True)
        return None
    mime = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    url = rendition.url if "://" in rendition.url else base + rendition.url
    return {
        "url": url,
        "attrs": {
            "url": url,
            "medium": "image",
            "type": mime,
            "fileSize": size,
            "width": rendition.width,
            "height": rendition.height,
        },
        "caption": article.lead_caption,
        "credit": article.lead_credit,
    }


class ArticleFeed(Feed):
    """The newest articles of a scope; subclasses say which scope a URL names."""

    feed_type = NewsRssFeed
    language = "ar"

    def scope(self, request, **kwargs) -> FeedScope:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_object(self, request, **kwargs) -> FeedScope:
        return self.scope(request, **kwargs)

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def description(self, scope: FeedScope) -> str:
        return scope.description

    def items(self, scope: FeedScope) -> list[ArticlePage]:
        articles = feed_articles(scope)
        sites = _site_profiles(articles, scope.request)
        for article in articles:
            site, profile = sites.get(article.site_id, (None, None))
            article.feed_link = article.get_full_url(scope.request)
            base = root_url(site) if site is not None else scope.request.build_absolute_uri("/").rstrip("/")
            article.feed_media = _media(article, base)
            article.feed_full_text = bool(profile and profile.feed_full_text)
            article.feed_request = scope.request
        return articles

    def item_title(self, article: ArticlePage) -> str:
        return article.title

    def item_link(self, article: ArticlePage) -> str:
        return article.feed_link

    def item_guid(self, article: ArticlePage) -> str:
        return article.feed_link

    def item_guid_is_permalink(self, article: ArticlePage) -> bool:
        return True

    def feed_extra_kwargs(self, scope: FeedScope) -> dict:
        return {"logo": scope.logo} if scope.logo else {}

    def item_description(self, article: ArticlePage) -> str:
        """The lede, then the editors' dated correction and update notes, newest last."""
        notes = [
            f"{note.get_kind_display()} ({note.noted_at:%Y-%m-%d %H:%M} GMT): {note.text}"
            for note in article.corrections.all()
        ]
        return "\n\n".join([lede(article), *notes])

    def item_pubdate(self, article: ArticlePage):
        return article.first_published or article.first_published_at

    def item_updateddate(self, article: ArticlePage):
        return article.last_updated or article.last_published_at

    def item_author_name(self, article: ArticlePage) -> str | None:
        names = [author.name for author in article.authors.all()]
        return "، ".join(names) or None

    def item_categories(self, article: ArticlePage) -> list[str]:
        section = getattr(article, "section_page", None)
        categories = [section.title] if section is not None else []
        return categories + [tagged.tag.name for tagged in article.tagged_items.all()]

    def item_enclosures(self, article: ArticlePage) -> list:
        from django.utils.feedgenerator import Enclosure

        media = article.feed_media
        if media is None:
            return []
        return [Enclosure(media["url"], str(media["attrs"]["fileSize"]), media["attrs"]["type"])]

    def item_extra_kwargs(self, article: ArticlePage) -> dict:
        extra = {"media": article.feed_media}
        if article.feed_full_text:
            extra["content_encoded"] = str(
                article.body.render_as_block(context={"request": article.feed_request})
            )
        return extra


def _site_scope(request) -> tuple[Site, SiteProfile | None, str]:
    site = site_for_request(request)
    profile = SiteProfile.for_site(site)
    return (
        site,
        profile,
        (profile.name_ar if profile and profile.name_ar else site.site_name or site.hostname),
    )


def _logo(site: Site, profile: SiteProfile | None) -> str:
    """The site's PNG logo (the one search engines get) as an absolute URL, or ""."""
    from akhbar.network.brand import brand_for

    picture = brand_for(profile).publisher_logo if profile else None
    if picture is None:
        return ""
    return picture.url if "://" in picture.url else root_url(site) + picture.url


class SiteFeed(ArticleFeed):
    def scope(self, request) -> FeedScope:
        site, profile, name = _site_scope(request)
        description = (profile.tagline if profile else "") or _("آخر أخبار %(site)s") % {"site": name}
        return FeedScope(
            request,
            name,
            root_url(site) + "/",
            description,
            root_path=site.root_page.path,
            site=site,
            logo=_logo(site, profile),
        )


class SectionFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        site, profile, name = _site_scope(request)
        section = get_object_or_404(SectionPage.objects.live().public().child_of(site.root_page), slug=slug)
        return FeedScope(
            request,
            f"{name} — {section.title}",
            section.get_full_url(request),
            section.intro
            or _("آخر أخبار قسم %(section)s في %(site)s") % {"section": section.title, "site": name},
            root_path=section.path,
            site=site,
            logo=_logo(site, profile),
        )


def _listing_scope(request, route: str, slug: str, label: str, description, filters: dict) -> FeedScope:
    """The feed of one of the site home's listings (`author` or `tag` routes) named ``label``;
    ``description`` is given the site's name."""
    site, profile, name = _site_scope(request)
    home = site.root_page.specific
    return FeedScope(
        request,
        f"{name} — {label}",
        home.get_full_url(request) + home.reverse_subpage(route, args=[slug]),
        description(name),
        root_path=site.root_page.path,
        filters=filters,
        site=site,
        logo=_logo(site, profile),
    )


class AuthorFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        author = get_object_or_404(Author, slug=slug)

        def description(site: str) -> str:
            return _("مقالات %(author)s في %(site)s") % {"author": author.name, "site": site}

        return _listing_scope(request, "author", author.slug, author.name, description, {"authors": author})


class TagFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        tag = get_object_or_404(Tag, slug=slug)

        def description(site: str) -> str:
            return _("أخبار الوسم %(tag)s في %(site)s") % {"tag": tag.name, "site": site}

        return _listing_scope(request, "tag", tag.slug, tag.name, description, {"tagged_items__tag": tag})


class NetworkFeed(ArticleFeed):
    def scope(self, request) -> FeedScope:
        site = site_for_request(request)
        network = NetworkSettings.load(request_or_site=request)
        return FeedScope(
            request,
            network.group_name,
            root_url(site) + "/",
            _("آخر أخبار مواقع %(group)s") % {"group": network.group_name},
            root_path=None,
        )
