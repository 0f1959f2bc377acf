"""The head tags of every reader page, built from the template context in one place.

``page_meta(context)`` recognises the page kind (article, section, site home, author or tag listing,
search page, anything else), then gives components/seo.html a title, a description (the editor's
search description, else the lede, the intro or the tagline), a canonical URL (paginated pages keep
their page number, nothing else of the query string), OpenGraph and Twitter card values and the
JSON-LD entities. Images are absolute URLs; an article's renditions come from one get_renditions call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from wagtail.models import Site

from akhbar.network.brand import Brand, Picture, brand_for
from akhbar.news.lede import lede, shorten
from akhbar.news.meta import jsonld

DESCRIPTION_LIMIT = 200
SHARE_SPEC = "fill-1200x630|format-jpeg"
# Google's article guidelines: 16:9, 4:3 and 1:1, at least 1200 px wide (when the original allows).
ARTICLE_IMAGE_SPECS = ("fill-1200x675|format-jpeg", "fill-1200x900|format-jpeg", "fill-1200x1200|format-jpeg")


@dataclass
class PageMeta:
    title: str
    description: str
    site_name: str
    canonical: str = ""
    og_type: str = "website"
    image: Picture | None = None
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)


@dataclass
class _Site:
    url: str  # scheme://host[:port], no trailing slash
    name: str
    tagline: str
    brand: Brand
    organization: dict


def absolute(site_url: str, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{site_url.split(':', 1)[0]}:{url}"
    return f"{site_url}{url}"


def _absolute_picture(site_url: str, picture: Picture | None) -> Picture | None:
    return Picture(absolute(site_url, picture.url), picture.width, picture.height) if picture else None


def _site(request) -> _Site:
    from akhbar.network.directory import request_network_settings, request_site_profile

    site = Site.find_for_request(request)
    url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    profile = request_site_profile(request, site) if site else None
    brand = brand_for(profile)
    name = profile.name_ar if profile else (site.site_name if site else "") or _("أخبار")
    network = request_network_settings(request)
    organization = jsonld.organization(
        site_url=url,
        name=name,
        alternate_name=profile.name_latin if profile else "",
        logo=_absolute_picture(url, brand.publisher_logo),
        parent_name=network.group_name,
        principles_url=absolute(url, profile.publishing_principles_url)
        if profile and profile.publishing_principles_url
        else "",
        corrections_url=absolute(url, profile.corrections_policy_url)
        if profile and profile.corrections_policy_url
        else "",
    )
    return _Site(url, name, profile.tagline if profile else "", brand, organization)


def _with_page_number(url: str, number: int | None, params: dict | None = None) -> str:
    query = dict(params or {})
    if number and number > 1:
        query["page"] = number
    return f"{url}?{urlencode(query)}" if query else url


def _page_url(page, request, site: _Site) -> str:
    """The page's own address on its site (not the address it was reached by, e.g. a preview)."""
    return page.get_full_url(request) or f"{site.url}{request.path}"


def _page_number(context) -> int | None:
    articles = context.get("articles")
    return getattr(articles, "number", None)


def page_meta(context) -> PageMeta:
    """Everything components/seo.html writes, for whatever page this context renders."""
    from akhbar.news.models import ArticlePage, HomePage, SectionPage

    request = context["request"]
    site = _site(request)
    page = context.get("page")
    specific = getattr(page, "specific_deferred", page)
    if isinstance(specific, ArticlePage):
        return _article(context, request, site, specific)
    if isinstance(specific, SectionPage):
        return _section(context, request, site, specific)
    if isinstance(specific, HomePage):
        if context.get("author") is not None:
            return _author(context, request, site)
        if context.get("tag") is not None:
            return _tag(context, request, site)
        return _home(context, request, site, specific)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "search":
        return _search(context, request, site)
    return PageMeta(title=site.name, description=site.tagline, site_name=site.name, image=_share(site))


def _share(site: _Site) -> Picture | None:
    return _absolute_picture(site.url, site.brand.social)


def _organization_entity(site: _Site) -> dict:
    return {"@context": jsonld.CONTEXT, **site.organization}


def _home(context, request, site: _Site, home) -> PageMeta:
    return PageMeta(
        title=site.name,
        description=shorten(home.search_description or home.intro or site.tagline, DESCRIPTION_LIMIT),
        site_name=site.name,
        canonical=_with_page_number(_page_url(home, request, site), _page_number(context)),
        image=_share(site),
        image_alt=site.name,
        jsonld=[
            jsonld.dumps(jsonld.website(site_url=site.url, name=site.name)),
            jsonld.dumps(_organization_entity(site)),
        ],
    )


def _section(context, request, site: _Site, section) -> PageMeta:
    url = _page_url(section, request, site)
    return PageMeta(
        title=section.seo_title or section.title,
        description=shorten(section.search_description or section.intro or site.tagline, DESCRIPTION_LIMIT),
        site_name=site.name,
        canonical=_with_page_number(url, _page_number(context)),
        image=_share(site),
        image_alt=site.name,
        jsonld=[jsonld.dumps(jsonld.breadcrumbs([(site.name, f"{site.url}/"), (section.title, url)]))],
    )


def _author(context, request, site: _Site) -> PageMeta:
    author = context["author"]
    description = (
        author.bio
        or author.role
        or _("مقالات %(name)s في %(site)s")
        % {
            "name": author.name,
            "site": site.name,
        }
    )
    return PageMeta(
        title=context.get("listing_title") or author.name,
        description=shorten(description, DESCRIPTION_LIMIT),
        site_name=site.name,
        canonical=_with_page_number(
            _listing_url(context, request, site, "author", author.slug), _page_number(context)
        ),
        og_type="profile",
        image=_share(site),
        image_alt=site.name,
    )


def _tag(context, request, site: _Site) -> PageMeta:
    tag = context["tag"]
    return PageMeta(
        title=context.get("listing_title") or tag.name,
        description=_("آخر أخبار «%(tag)s» في %(site)s") % {"tag": tag.name, "site": site.name},
        site_name=site.name,
        canonical=_with_page_number(
            _listing_url(context, request, site, "tag", tag.slug), _page_number(context)
        ),
        image=_share(site),
        image_alt=site.name,
    )


def _listing_url(context, request, site: _Site, route: str, slug: str) -> str:
    home = context["page"]
    return f"{_page_url(home, request, site)}{home.reverse_subpage(route, args=[slug])}"


def _search(context, request, site: _Site) -> PageMeta:
    q = (context.get("q") or "").strip()
    results = context.get("results")
    number = getattr(results, "page", None)
    return PageMeta(
        title=_("البحث عن «%(q)s»") % {"q": q} if q else _("البحث"),
        description=_("ابحث في أخبار %(site)s") % {"site": site.name},
        site_name=site.name,
        canonical=_with_page_number(f"{site.url}/search/", number, {"q": q} if q else None),
        image=_share(site),
        image_alt=site.name,
    )


def _article(context, request, site: _Site, article) -> PageMeta:
    url = _page_url(article, request, site)
    section = context.get("section") or article.get_parent().specific_deferred
    home = context.get("home") or site_root(request)
    authors = context["authors"] if "authors" in context else list(article.authors.all())
    tags = context["tags"] if "tags" in context else list(article.tags.all())
    description = shorten(article.search_description, DESCRIPTION_LIMIT) or lede(article, DESCRIPTION_LIMIT)
    share, images = _share(site), []
    if article.lead_image_id and article.lead_image:
        renditions = article.lead_image.get_renditions(SHARE_SPEC, *ARTICLE_IMAGE_SPECS)
        share = _absolute_picture(site.url, Picture(*_dims(renditions[SHARE_SPEC])))
        images = [absolute(site.url, renditions[spec].url) for spec in ARTICLE_IMAGE_SPECS]
    elif share is not None:
        images = [share.url]
    section_url = _page_url(section, request, site)
    home_url = _page_url(home, request, site)
    author_pages = [(a.name, f"{home_url}{home.reverse_subpage('author', args=[a.slug])}") for a in authors]
    published = article.first_published
    article_entity = jsonld.news_article(
        url=url,
        headline=article.title,
        description=description,
        images=images,
        published=published,
        modified=article.modified_at,
        authors=author_pages,
        publisher=site.organization,
        section=section.title,
        keywords=[tag.name for tag in tags],
        location=article.dateline_city,
        corrections=[
            (note.get_kind_display(), note.text, note.noted_at) for note in article.correction_notes
        ],
    )
    trail = [(site.name, f"{site.url}/"), (section.title, section_url), (article.title, url)]
    return PageMeta(
        title=article.seo_title or article.title,
        description=description,
        site_name=site.name,
        canonical=url,
        og_type="article",
        image=share,
        image_alt=article.lead_caption or article.title,
        published=published.isoformat() if published else "",
        modified=(article.modified_at or published).isoformat() if published else "",
        section=section.title,
        tags=[tag.name for tag in tags],
        jsonld=[jsonld.dumps(article_entity), jsonld.dumps(jsonld.breadcrumbs(trail))],
    )


def _dims(rendition) -> tuple[str, int, int]:
    return rendition.url, rendition.width, rendition.height


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page.specific if site else None
