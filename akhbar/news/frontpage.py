"""A site's front page: blocks editors lay out in the admin (lead, top stories, section blocks that fill
themselves, opinion, most read, the network), or an automatic layout when they have laid out none.

Whatever the layout, the stories are loaded together: one small query per self-filling block for its
story ids, then one query for every card (with their images and renditions) and one for their
sections, so the cost follows the number of blocks, never the size of the archive.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page

from akhbar.news.queries import attach_sections, with_cards

TOP_STORIES = 4
SECTION_STORIES = 4
OPINION_STORIES = 4
PHOTO_RENDITION = "fill-96x96|format-webp"


class LeadBlock(blocks.StructBlock):
    story = blocks.PageChooserBlock(label=_("الخبر الرئيسي"), page_type="news.ArticlePage")

    class Meta:
        icon = "pick"
        label = _("الخبر الرئيسي")


class TopStoriesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("العنوان"), required=False, max_length=60)
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage"), label=_("الأخبار"), min_num=1, max_num=8
    )

    class Meta:
        icon = "list-ul"
        label = _("أهم الأخبار")


class SectionBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(label=_("القسم"), page_type="news.SectionPage")
    count = blocks.IntegerBlock(label=_("عدد الأخبار"), min_value=2, max_value=12, default=SECTION_STORIES)

    class Meta:
        icon = "folder-open-inverse"
        label = _("قسم يمتلئ تلقائيًا بآخر أخباره")


class OpinionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("العنوان"), required=False, max_length=60)
    count = blocks.IntegerBlock(label=_("عدد المقالات"), min_value=1, max_value=8, default=OPINION_STORIES)

    class Meta:
        icon = "user"
        label = _("مقالات الرأي")


class FrontPageBlock(blocks.StreamBlock):
    lead = LeadBlock()
    top_stories = TopStoriesBlock()
    section = SectionBlock()
    opinion = OpinionBlock()
    most_read = blocks.StaticBlock(label=_("الأكثر قراءة"), admin_text=_("قائمة الأكثر قراءة في الموقع."))
    network = blocks.StaticBlock(label=_("من مواقع الشبكة"), admin_text=_("آخر أخبار مواقع الشبكة الأخرى."))


def _article_model():
    from akhbar.news.models import ArticlePage

    return ArticlePage


def _latest_ids(root: Page, count: int, exclude: set[int], kind: str = "news") -> list[int]:
    """The newest live stories of one kind under ``root`` that no earlier block shows (opinion pieces
    fill only the opinion block unless editors place them)."""
    ids = (
        _article_model()
        .objects.live()
        .descendant_of(root)
        .filter(kind=kind)
        .order_by("-first_published", "-pk")
        .values_list("pk", flat=True)[: count + len(exclude)]
    )
    return [pk for pk in ids if pk not in exclude][:count]


def automatic_layout(home: Page) -> list[dict]:
    """The layout of a home nobody has laid out: the latest story, the next ones, every section of the
    menu, opinion and most read (the network strip follows at the foot of every page anyway)."""
    from akhbar.news.models import SectionPage

    sections = SectionPage.objects.live().child_of(home).order_by("menu_order", "pk").only("pk")
    return [
        {"type": "lead", "value": {}},
        {"type": "top_stories", "value": {"heading": "", "stories": []}},
        *({"type": "section", "value": {"section": s.pk, "count": SECTION_STORIES}} for s in sections),
        {"type": "opinion", "value": {"heading": "", "count": OPINION_STORIES}},
        {"type": "most_read", "value": None},
    ]


def _chosen_ids(value) -> list[int]:
    """Page ids out of a chooser's raw value or a list block's raw items ({"type": "item", "value": id})."""
    values = value if isinstance(value, list) else [value]
    values = [v.get("value") if isinstance(v, dict) else v for v in values]
    return [pk for pk in values if isinstance(pk, int)]


def build(home: Page) -> list[dict]:
    """The front page's rows, in the editors' order, each with the stories it shows (loaded together)."""
    layout = list(home.front_page.raw_data) if home.front_page else automatic_layout(home)
    placed: set[int] = set()
    rows: list[dict] = []
    sections = {
        p.pk: p
        for p in Page.objects.filter(
            pk__in=[b["value"].get("section") for b in layout if b["type"] == "section" and b["value"]]
        ).only("title", "url_path", "path", "depth")
    }
    chosen = set()
    for block in layout:
        if block["type"] in ("lead", "top_stories"):
            chosen.update(_chosen_ids(block["value"].get("story") or block["value"].get("stories") or []))
    live = (
        _article_model().objects.live().filter(pk__in=chosen).values_list("pk", flat=True) if chosen else []
    )
    live_chosen = set(live)
    placed |= live_chosen
    for block in layout:
        kind, value = block["type"], block["value"] or {}
        if kind == "lead":
            ids = [pk for pk in _chosen_ids(value.get("story")) if pk in live_chosen]
            ids = ids or _latest_ids(home, 1, placed)
            rows.append({"type": kind, "ids": ids})
        elif kind == "top_stories":
            ids = [pk for pk in _chosen_ids(value.get("stories", [])) if pk in live_chosen]
            ids = ids or _latest_ids(home, TOP_STORIES, placed)
            rows.append({"type": kind, "ids": ids, "heading": value.get("heading") or ""})
        elif kind == "section":
            section = sections.get(value.get("section"))
            if section is None or not section.path.startswith(home.path):
                continue
            ids = _latest_ids(section, int(value.get("count") or SECTION_STORIES), placed)
            rows.append({"type": kind, "ids": ids, "section": section})
        elif kind == "opinion":
            ids = _latest_ids(home, int(value.get("count") or OPINION_STORIES), placed, kind="opinion")
            rows.append({"type": kind, "ids": ids, "heading": value.get("heading") or ""})
        else:
            rows.append({"type": kind, "ids": []})
        placed.update(rows[-1]["ids"])
    stories = _load({pk for row in rows for pk in row["ids"]})
    for row in rows:
        row["stories"] = [stories[pk] for pk in row["ids"] if pk in stories]
    return [row for row in rows if row["stories"] or row["type"] in ("most_read", "network")]


def _load(ids: set[int]) -> dict:
    if not ids:
        return {}
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    from akhbar.news.models import Author

    photos = get_image_model().objects.prefetch_renditions(PHOTO_RENDITION)
    authors = Author.objects.prefetch_related(Prefetch("photo", queryset=photos))
    queryset = with_cards(_article_model().objects.filter(pk__in=ids).defer_streamfields()).prefetch_related(
        Prefetch("authors", queryset=authors)
    )
    return {story.pk: story for story in attach_sections(queryset)}
