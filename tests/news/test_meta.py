"""Every reader page kind tells search engines and social networks what it is: canonical URL,
description, OpenGraph, Twitter card and schema.org JSON-LD, read back with extruct (a real parser)."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import quote

import extruct
import pytest
from django.test import Client

from akhbar.network.models import SiteProfile
from tests.factories import make_article, make_author, make_image, make_network, make_section, make_site

pytestmark = pytest.mark.django_db
HOST = "casablanca.localhost"
ROOT = f"http://{HOST}"


class HeadTags(HTMLParser):
    """<meta> and <link rel=canonical> of a page, as a crawler reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])


def fetch(path: str, **params):
    response = Client().get(path, params, HTTP_HOST=HOST)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    tags = HeadTags()
    tags.feed(html)
    data = extruct.extract(html, base_url=f"{ROOT}{path}", syntaxes=["json-ld", "opengraph"])
    return tags, data


def jsonld_of(data, kind: str) -> dict:
    found = [item for item in data["json-ld"] if item.get("@type") == kind]
    assert len(found) == 1, [item.get("@type") for item in data["json-ld"]]
    return found[0]


def opengraph(data) -> dict:
    """OpenGraph properties as extruct reads them (the first value of each)."""
    assert len(data["opengraph"]) == 1
    properties: dict[str, str] = {}
    for name, value in data["opengraph"][0]["properties"]:
        properties.setdefault(name, value)
    return properties


@pytest.fixture
def site():
    make_network(group_name="مجموعة الاختبار")
    site = make_site(
        HOST, default=True, name_ar="أنباء الدار البيضاء", tagline="أخبار المدينة على مدار الساعة"
    )
    profile = SiteProfile.objects.get(site=site)
    profile.logo = make_image(size=(1000, 200))
    profile.social_image = make_image(size=(1200, 630))
    profile.publishing_principles_url = "/about/principles/"
    profile.corrections_policy_url = "https://example.org/corrections"
    profile.save()
    return site


def assert_common_head(tags: HeadTags, data, *, canonical: str, title: str, description: str) -> None:
    assert tags.canonical == [canonical]
    og = opengraph(data)
    assert og["og:url"] == canonical
    assert og["og:title"] == title
    assert og["og:description"] == description == tags.meta["description"][0]
    assert og["og:locale"] == "ar_AR" and og["og:site_name"] == "أنباء الدار البيضاء"
    assert og["og:image"].startswith(f"{ROOT}/media/") and og["og:image:width"] == "1200"
    assert og["og:image:height"] == "630"
    assert tags.meta["twitter:card"] == ["summary_large_image"]
    assert tags.meta["twitter:title"] == [title] and tags.meta["twitter:image"] == [og["og:image"]]


def test_article_without_summary_describes_itself_with_its_first_paragraph(site):
    section = make_section(site, "رياضة", slug="sport")
    article = make_article(
        section,
        "الوداد يفوز في الدار البيضاء",
        summary="",
        body=[("paragraph", "<p>فاز <b>الوداد</b> على ضيفه بهدفين نظيفين في مباراة الأحد.</p>")],
    )
    tags, data = fetch(article.url)
    assert tags.meta["description"] == ["فاز الوداد على ضيفه بهدفين نظيفين في مباراة الأحد."]
    assert jsonld_of(data, "NewsArticle")["description"] == tags.meta["description"][0]


def test_article_has_open_graph_twitter_card_and_a_complete_news_article(site):
    section = make_section(site, "رياضة", slug="sport")
    article = make_article(
        section,
        "الوداد يفوز في الدار البيضاء",
        lead_image=make_image(size=(1600, 1200)),
        lead_caption="لاعبو الوداد بعد المباراة",
        last_updated=datetime.fromisoformat("2017-12-26T18:00:00+00:00"),
    )
    author = make_author("سلمى بنعلي", slug="salma")
    article.authors.add(author)
    article.tags.add("الوداد")
    article.save()
    url = f"{ROOT}/sport/{article.slug}/"

    tags, data = fetch(article.url)
    assert_common_head(
        tags, data, canonical=url, title=article.title, description="ملخص قصير للخبر يشرح ما جرى."
    )
    og = opengraph(data)
    assert og["og:type"] == "article" and og["og:image:alt"] == "لاعبو الوداد بعد المباراة"
    assert tags.meta["article:section"] == ["رياضة"] and tags.meta["article:tag"] == ["الوداد"]
    assert tags.meta["article:published_time"] == [article.first_published.isoformat()]

    news = jsonld_of(data, "NewsArticle")
    assert news["headline"] == article.title and news["mainEntityOfPage"]["@id"] == url
    assert len(news["image"]) == 3 and all(u.startswith(f"{ROOT}/media/images/") for u in news["image"])
    assert [re.search(r"fill-(\d+x\d+)", u).group(1) for u in news["image"]] == [
        "1200x675",
        "1200x900",
        "1200x1200",
    ]
    for stamp in (news["datePublished"], news["dateModified"]):
        assert datetime.fromisoformat(stamp).tzinfo is not None
    assert news["dateModified"] == "2017-12-26T18:00:00+00:00"
    assert news["author"] == [{"@type": "Person", "name": "سلمى بنعلي", "url": f"{ROOT}/author/salma/"}]
    publisher = news["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization" and publisher["name"] == "أنباء الدار البيضاء"
    logo = publisher["logo"]
    assert logo["@type"] == "ImageObject" and logo["url"].endswith(".png") and logo["url"].startswith(ROOT)
    assert logo["width"] <= 600 and logo["height"] <= 60

    crumbs = jsonld_of(data, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "أنباء الدار البيضاء", f"{ROOT}/"),
        (2, "رياضة", f"{ROOT}/sport/"),
        (3, article.title, url),
    ]
    assert Client().get(author_path(news), HTTP_HOST=HOST).status_code == 200


def author_path(news: dict) -> str:
    return news["author"][0]["url"].removeprefix(ROOT)


def test_article_renditions_for_search_engines_are_at_least_1200_pixels_wide(site):
    from PIL import Image

    article = make_article(make_section(site), lead_image=make_image(size=(1600, 1200)))
    _tags, data = fetch(article.url)
    for url in jsonld_of(data, "NewsArticle")["image"]:
        rendition = Client().get(url.removeprefix(ROOT), HTTP_HOST=HOST)
        width, height = Image.open(__import__("io").BytesIO(b"".join(rendition.streaming_content))).size
        assert width == 1200 and height in (675, 900, 1200)


def test_article_without_lead_image_shares_the_site_image(site):
    article = make_article(make_section(site))
    _tags, data = fetch(article.url)
    assert opengraph(data)["og:image"] == jsonld_of(data, "NewsArticle")["image"][0]


def test_home_has_website_with_search_action_and_the_organization_with_its_policies(site):
    tags, data = fetch("/")
    assert_common_head(
        tags,
        data,
        canonical=f"{ROOT}/",
        title="أنباء الدار البيضاء",
        description="أخبار المدينة على مدار الساعة",
    )
    assert opengraph(data)["og:type"] == "website"
    website = jsonld_of(data, "WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{ROOT}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    org = jsonld_of(data, "NewsMediaOrganization")
    assert org["publishingPrinciples"] == f"{ROOT}/about/principles/"
    assert org["correctionsPolicy"] == "https://example.org/corrections"
    assert org["logo"]["url"].endswith(".png") and org["parentOrganization"]["name"] == "مجموعة الاختبار"


def test_home_without_policies_names_none(site):
    SiteProfile.objects.filter(site=site).update(publishing_principles_url="", corrections_policy_url="")
    _tags, data = fetch("/")
    org = jsonld_of(data, "NewsMediaOrganization")
    assert "publishingPrinciples" not in org and "correctionsPolicy" not in org


def test_section_has_canonical_description_from_its_intro_and_breadcrumbs(site):
    section = make_section(site, "اقتصاد", slug="economy")
    section.intro = "أخبار الأسواق والشركات"
    section.save()
    tags, data = fetch(section.url)
    assert_common_head(
        tags, data, canonical=f"{ROOT}/economy/", title="اقتصاد", description="أخبار الأسواق والشركات"
    )
    crumbs = jsonld_of(data, "BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{ROOT}/", f"{ROOT}/economy/"]


def test_paginated_section_is_its_own_canonical_without_tracking_parameters(site, settings):
    section = make_section(site, "اقتصاد", slug="economy")
    for _ in range(25):
        make_article(section)
    tags, data = fetch(section.url, page=2, utm_source="facebook", fbclid="x")
    assert tags.canonical == [f"{ROOT}/economy/?page=2"] and opengraph(data)["og:url"] == tags.canonical[0]
    tags, _data = fetch(section.url, page=1, utm_campaign="y")
    assert tags.canonical == [f"{ROOT}/economy/"]
    tags, _data = fetch("/", page=2, gclid="z")
    assert tags.canonical == [f"{ROOT}/?page=2"]


def test_author_listing_describes_the_author(site):
    author = make_author("كريم حداد", slug="karim")
    author.bio = "صحفي يغطي الشؤون الدولية منذ عشر سنوات."
    author.save()
    article = make_article(make_section(site))
    article.authors.add(author)
    article.save()
    tags, data = fetch("/author/karim/", utm_medium="social")
    assert_common_head(
        tags,
        data,
        canonical=f"{ROOT}/author/karim/",
        title="كريم حداد",
        description="صحفي يغطي الشؤون الدولية منذ عشر سنوات.",
    )
    assert opengraph(data)["og:type"] == "profile"


def test_tag_listing_has_its_own_description(site):
    article = make_article(make_section(site))
    article.tags.add("الانتخابات")
    article.save()
    slug = article.tags.first().slug
    tags, data = fetch(f"/tag/{slug}/")
    assert_common_head(
        tags,
        data,
        canonical=f"{ROOT}/tag/{quote(slug)}/",  # as the page's own tag links write it
        title="الانتخابات",
        description="آخر أخبار «الانتخابات» في أنباء الدار البيضاء",
    )


def test_search_page_is_canonical_on_its_query_and_not_indexed(site):
    make_article(make_section(site), "الحكومة تعلن خطة جديدة")
    tags, data = fetch("/search/", q="الحكومة", utm_source="newsletter")
    assert_common_head(
        tags,
        data,
        canonical=f"{ROOT}/search/?q=%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9",
        title="البحث عن «الحكومة»",
        description="ابحث في أخبار أنباء الدار البيضاء",
    )
    assert tags.meta["robots"] == ["noindex"]


def test_head_tags_survive_quotes_and_script_in_titles(site):
    article = make_article(make_section(site), 'عنوان فيه </script> و"اقتباس" <b>')
    tags, data = fetch(article.url)
    assert opengraph(data)["og:title"] == article.title
    assert jsonld_of(data, "NewsArticle")["headline"] == article.title


def test_site_without_logo_or_share_image_still_has_complete_tags():
    make_network()
    site = make_site(HOST, default=True, name_ar="أنباء الدار البيضاء", tagline="شعار")
    article = make_article(make_section(site), image=True)
    tags, data = fetch(article.url)
    assert opengraph(data)["og:image"].startswith(f"{ROOT}/media/images/")
    news = jsonld_of(data, "NewsArticle")
    assert "logo" not in news["publisher"] and news["publisher"]["name"] == "أنباء الدار البيضاء"
    tags, data = fetch("/")
    assert "og:image" not in opengraph(data) and tags.meta["twitter:card"] == ["summary"]
