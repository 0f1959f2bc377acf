"""Factories for the network, its sites and their stories (plain functions, no large fixtures)."""

from __future__ import annotations

import io
import itertools
from datetime import UTC, datetime, timedelta

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from akhbar.network.models import NetworkSettings, SiteProfile
from akhbar.news.demo_images import draw_lead_image
from akhbar.news.models import ArticlePage, Author, HomePage, SectionPage

_counter = itertools.count(1)
BASE_TIME = datetime(2017, 12, 26, 14, 23, tzinfo=UTC)


def make_network(**fields) -> NetworkSettings:
    network = NetworkSettings.load()
    for name, value in {"group_name": "مجموعة الاختبار", "address": "شارع الاختبار، بيروت", **fields}.items():
        setattr(network, name, value)
    network.save()
    return network


def make_site(hostname: str = "casablanca.localhost", *, default: bool = False, **profile) -> Site:
    root = Page.get_first_root_node()
    n = next(_counter)
    home = root.add_child(instance=HomePage(title=profile.get("name_ar", f"موقع {n}"), slug=f"home-{n}"))
    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=default)
    SiteProfile.objects.update_or_create(
        site=site,
        defaults={
            "name_ar": f"موقع الاختبار {n}",
            "city": "الدار البيضاء",
            "country": "المغرب",
            "month_convention": "levantine",
            "second_months": "egyptian",
            **profile,
        },
    )
    return site


def make_section(site: Site, title: str = "رياضة", slug: str | None = None) -> SectionPage:
    home = site.root_page.specific
    return home.add_child(instance=SectionPage(title=title, slug=slug or f"section-{next(_counter)}"))


def make_image(category: str = "sport", size: tuple[int, int] = (320, 180)):
    n = next(_counter)
    image = get_image_model()(title=f"صورة {n}")
    handle = io.BytesIO(draw_lead_image(str(n), category, size=size))
    handle.name = f"test-{n}.jpg"
    image.file = ImageFile(handle)
    image.save()
    return image


def make_article(
    section: SectionPage,
    title: str | None = None,
    *,
    published: datetime | None = None,
    image: bool = False,
    **fields,
) -> ArticlePage:
    n = next(_counter)
    published = published or BASE_TIME - timedelta(minutes=n)
    defaults = {
        "title": title or f"خبر الاختبار رقم {n}",
        "slug": f"story-{n}",
        "summary": "ملخص قصير للخبر يشرح ما جرى.",
        "dateline_city": "الدار البيضاء",
        "body": [
            ("paragraph", "<p>الفقرة الأولى من الخبر.</p>"),
            (
                "quote",
                {
                    "quote": "سنواصل العمل",
                    "speaker": "وزير الصحة",
                    "role": "في تصريح صحفي",
                    "source": "وكالة الأنباء",
                },
            ),
        ],
        "first_published": published,
        "last_updated": published,
        "first_published_at": published,
        "last_published_at": published,
    }
    defaults.update(fields)
    if image:
        defaults["lead_image"] = make_image()
        defaults.setdefault("lead_caption", "وزير الصحة خلال المؤتمر الصحفي")
        defaults.setdefault("lead_credit", "تصوير: قسم الصور")
    article = section.add_child(instance=ArticlePage(**defaults))
    return article


def make_author(name: str = "سلمى بنعلي", slug: str | None = None) -> Author:
    return Author.objects.create(name=name, slug=slug or f"author-{next(_counter)}")
