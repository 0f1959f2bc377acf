"""Build the demo network: three sites filled with real articles from data/demo."""

from __future__ import annotations

import gzip
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from akhbar.arabic.slugs import slugify_arabic
from akhbar.network.models import NetworkSettings, SiteProfile
from akhbar.news.demo_images import draw_lead_image, draw_logo, draw_social_card
from akhbar.news.models import ArticlePage, ArticleRelatedPick, Author, HomePage, SectionPage

DEMO_FILE = settings.BASE_DIR / "data" / "demo" / "jawharafm-demo.jsonl.gz"

SECTIONS = {
    "localNews": ("وطني", 1),
    "politic": ("سياسة", 2),
    "internationalNews": ("عالمي", 3),
    "economy": ("اقتصاد", 4),
    "society": ("مجتمع", 5),
    "sport": ("رياضة", 6),
    "culture": ("ثقافة وفنون", 7),
    "technology": ("تكنولوجيا", 8),
    "diverse": ("منوعات", 9),
}

TAG_WORDS = {
    "الحكومة": ("الحكومة", "الحكومي", "وزير"),
    "كرة القدم": ("كرة القدم", "المنتخب", "الترجي", "النجم الساحلي", "الإفريقي", "البطولة"),
    "الانتخابات": ("الانتخابات", "الانتخابية", "هيئة الانتخابات"),
    "الصحة": ("الصحة", "مستشفى", "المستشفى", "طبي"),
    "التعليم": ("التعليم", "التلاميذ", "الجامعة", "الامتحانات", "الباكالوريا"),
    "الأمن": ("الأمن", "الأمنية", "الحرس الوطني", "الإرهاب"),
    "الاقتصاد": ("الاقتصاد", "الاستثمار", "البنك", "الأسعار", "التصدير"),
    "الفلاحة": ("الفلاحة", "الفلاحين", "الزيتون", "الحبوب"),
    "الثقافة": ("مهرجان", "المهرجان", "السينما", "المسرح", "الفيلم"),
    "ليبيا": ("ليبيا", "الليبي", "الليبية"),
    "الجزائر": ("الجزائر", "الجزائري", "الجزائرية"),
    "القضاء": ("المحكمة", "القضاء", "القاضي", "السجن"),
}


@dataclass(frozen=True)
class DemoSite:
    hostname: str
    name_ar: str
    name_latin: str
    tagline: str
    city: str
    country: str
    time_zone: str
    months: str
    second_months: str
    digits: str
    clock: int
    zone_label: str
    accent: str
    motif: str  # the emblem of the site's program-drawn logo (see demo_images.draw_logo)
    default: bool = False


DEMO_SITES = [
    DemoSite(
        "casablanca.localhost",
        "أنباء الدار البيضاء",
        "Anbaa Casablanca",
        "أخبار المغرب والعالم على مدار الساعة",
        "الدار البيضاء",
        "المغرب",
        "Africa/Casablanca",
        "levantine",
        "egyptian",
        "latin",
        24,
        "gmt",
        "#0f6b5c",
        "arch",
        default=True,
    ),
    DemoSite(
        "beirut.localhost",
        "بيروت اليوم",
        "Beirut Today",
        "من بيروت إلى العالم العربي",
        "بيروت",
        "لبنان",
        "Asia/Beirut",
        "levantine",
        "",
        "arabic",
        12,
        "local",
        "#b3121d",
        "sun",
    ),
    DemoSite(
        "tunis.localhost",
        "تونس الآن",
        "Tunis Now",
        "خبر تونس كما يحدث",
        "تونس",
        "تونس",
        "Africa/Tunis",
        "maghreb",
        "",
        "latin",
        24,
        "local",
        "#1d4f91",
        "waves",
    ),
]

AUTHORS = [
    ("سلمى بنعلي", "salma-benali", "محررة الشؤون المحلية"),
    ("كريم حداد", "karim-haddad", "محرر الشؤون الدولية"),
    ("ياسين الطرابلسي", "yassine-trabelsi", "محرر رياضي"),
    ("نور الهدى العلمي", "nour-alami", "محررة الاقتصاد والمجتمع"),
    ("فريق التحرير", "newsroom", "غرفة الأخبار"),
]
AUTHOR_FOR_CATEGORY = {
    "localNews": 0,
    "politic": 0,
    "society": 3,
    "economy": 3,
    "internationalNews": 1,
    "sport": 2,
    "culture": 4,
    "technology": 4,
    "diverse": 4,
}


def read_demo_articles(path: Path = DEMO_FILE) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def lead_summary(paras: list[str], limit: int = 320) -> str:
    """A standfirst taken out of the body: the short first paragraph, else its first sentence."""
    if not paras:
        return ""
    if len(paras) > 2 and len(paras[0]) <= limit:
        return paras.pop(0)
    parts = re.split(r"(?<=[.!؟?])\s+", paras[0], maxsplit=1)
    if len(parts) == 2 and len(parts[0]) <= limit:
        paras[0] = parts[1]
        return parts[0]
    return ""


def pick_tags(title: str, text: str, limit: int = 3) -> list[str]:
    haystack = f"{title} {text}"
    scored = []
    for tag, words in TAG_WORDS.items():
        hits = sum(haystack.count(w) for w in words)
        if hits:
            scored.append((hits, tag))
    return [tag for _hits, tag in sorted(scored, reverse=True)[:limit]]


def make_editor(username: str = "editor") -> str | None:
    """Create the demo editor account; return its password once, or None if it already exists."""
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    users.objects.create_superuser(
        username=username,
        email="editor@example.invalid",
        password=password,
        first_name="رئيس",
        last_name="التحرير",
    )
    return password


def sync_ports(port: int) -> None:
    """Point every demo site at the port the server runs on, so cross-site links work."""
    for demo_site in DEMO_SITES:
        Site.objects.filter(hostname=demo_site.hostname).update(port=port)
    from akhbar.network.directory import forget_directory

    forget_directory()


@transaction.atomic
def build_demo_network(
    port: int = 8000, limit: int | None = None, progress: Callable[[int, int], None] | None = None
) -> dict:
    """Create the group, three sites, their sections, authors and the demo articles."""
    network = NetworkSettings.load()
    network.group_name = "مجموعة أخبار الإعلامية"
    network.maintained_by = "تتولى مجموعة أخبار الإعلامية صيانة هذه الشبكة وتطويرها"
    network.address = "شارع الحمراء، بناية النور، الطابق الرابع، بيروت، لبنان"
    network.copyright_holder = "مجموعة أخبار الإعلامية"
    network.save()

    root = Page.get_first_root_node()
    Site.objects.filter(root_page__depth=2, root_page__content_type__model="page").delete()
    for page in root.get_children().exclude(pk__in=HomePage.objects.values("pk")):
        if page.specific_class is Page:
            page.delete()

    authors = [
        Author.objects.get_or_create(slug=slug, defaults={"name": name, "role": role})[0]
        for name, slug, role in AUTHORS
    ]
    homes, sections = [], []
    for demo_site in DEMO_SITES:
        home = root.add_child(
            instance=HomePage(
                title=demo_site.name_ar,
                slug=demo_site.name_latin.lower().replace(" ", "-"),
                intro=demo_site.tagline,
            )
        )
        site = Site.objects.create(
            hostname=demo_site.hostname,
            port=port,
            root_page=home,
            is_default_site=demo_site.default,
            site_name=demo_site.name_ar,
        )
        SiteProfile.objects.update_or_create(
            site=site,
            defaults={
                "name_ar": demo_site.name_ar,
                "name_latin": demo_site.name_latin,
                "tagline": demo_site.tagline,
                "city": demo_site.city,
                "country": demo_site.country,
                "time_zone": demo_site.time_zone,
                "month_convention": demo_site.months,
                "second_months": demo_site.second_months,
                "digits": demo_site.digits,
                "clock": demo_site.clock,
                "zone_label": demo_site.zone_label,
                "accent_color": demo_site.accent,
                **site_identity(demo_site),
            },
        )
        site_sections = {}
        for category, (title, order) in SECTIONS.items():
            site_sections[category] = home.add_child(
                instance=SectionPage(title=title, slug=slugify_arabic(title), menu_order=order)
            )
        homes.append(home)
        sections.append(site_sections)

    rows = list(read_demo_articles())[:limit]
    image_model = get_image_model()
    created: list[tuple[ArticlePage, str]] = []
    for index, row in enumerate(rows):
        site_index = index % len(DEMO_SITES)
        demo_site = DEMO_SITES[site_index]
        category = row["category"]
        section = sections[site_index][category]
        published = datetime.fromisoformat(row["published"])
        paras = paragraphs(row["text"])
        summary = lead_summary(paras)
        image = image_model(title=f"رسم توضيحي: {row['title'][:80]}")
        # 4:3 and 1600 px wide, so the 16:9, 4:3 and 1:1 crops for search engines are all 1200 px wide
        drawn = draw_lead_image(row["id"], category, size=(1600, 1200))
        image.file = ImageFile(_named_bytes(drawn, f"demo-{row['id']}.jpg"))
        image.save()
        updated = published + timedelta(hours=3, minutes=index % 50) if index % 4 == 0 else published
        article = ArticlePage(
            title=row["title"].strip(),
            slug=slugify_arabic(row["title"], max_length=60) or f"article-{index}",
            summary=summary,
            dateline_city="تونس" if category in {"localNews", "politic", "society", "economy"} else "",
            lead_image=image,
            lead_caption=f"رسم توضيحي مولَّد لقسم {SECTIONS[category][0]}",
            lead_credit="أنباء الشبكة (رسم آلي)",
            body=[("paragraph", f"<p>{_escape(p)}</p>") for p in paras],
            first_published=published,
            last_updated=updated,
            first_published_at=published,
            last_published_at=updated,
            latest_revision_created_at=updated,
        )
        _unique_slug(section, article)
        section.add_child(instance=article)
        article.authors.set([authors[AUTHOR_FOR_CATEGORY[category]]])
        article.tags.set(pick_tags(row["title"], row["text"]))
        article.save()
        created.append((article, category))
        if progress:
            progress(index + 1, len(rows))

    by_section: dict[int, list[ArticlePage]] = {}
    for article, _category in created:
        by_section.setdefault(article.path[: -Page.steplen], []).append(article)
    picks = []
    for stories in by_section.values():
        for position, article in enumerate(stories):
            if position % 3:
                continue
            for sort_order, other in enumerate(stories[max(0, position - 2) : position]):
                picks.append(ArticleRelatedPick(page_ref=article, page=other, sort_order=sort_order))
    ArticleRelatedPick.objects.bulk_create(picks)
    _demo_coverage(sections, created)
    sync_ports(port)
    return {"sites": len(DEMO_SITES), "articles": len(created), "picks": len(picks)}


def _demo_coverage(sections: list[dict], created: list) -> None:
    """One live coverage page on the first site, built from its latest demo articles."""
    from akhbar.live.demo import build_demo_coverage

    first_site = sections[0]
    section = next(iter(first_site.values()))
    roots = {s.path for s in first_site.values()}
    stories = [a for a, _category in created if a.path[: -Page.steplen] in roots]
    stories.sort(key=lambda a: a.first_published, reverse=True)
    if stories:
        build_demo_coverage(section, stories)


def site_identity(demo_site: DemoSite) -> dict:
    """The site's logo and default share image, drawn by the program in its accent colour."""
    image_model = get_image_model()
    slug = demo_site.name_latin.lower().replace(" ", "-")
    logo = image_model(title=f"شعار {demo_site.name_ar} (رسم آلي)")
    logo.file = ImageFile(
        _named_bytes(draw_logo(demo_site.name_ar, demo_site.accent, demo_site.motif), f"logo-{slug}.png")
    )
    logo.save()
    card = image_model(title=f"صورة المشاركة لموقع {demo_site.name_ar} (رسم آلي)")
    card.file = ImageFile(
        _named_bytes(
            draw_social_card(demo_site.name_ar, demo_site.tagline, demo_site.accent, demo_site.motif),
            f"share-{slug}.jpg",
        )
    )
    card.save()
    return {"logo": logo, "social_image": card}


def _unique_slug(parent: Page, page: Page) -> None:
    base, n = page.slug, 1
    while Page._slug_is_available(page.slug, parent, page) is False:
        n += 1
        page.slug = f"{base}-{n}"


def _named_bytes(data: bytes, name: str):
    import io

    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
