"""API fields of an article that an app needs: lede, rendered body, lead image renditions, section,
authors. URLs are absolute."""

from __future__ import annotations

from rest_framework.fields import Field
from wagtail.api import APIField

from akhbar.news.lede import lede

# name → Wagtail filter spec; JPEG so every client can show them
RENDITIONS = {
    "thumbnail": "fill-320x180|format-jpeg",
    "small": "fill-640x360|format-jpeg",
    "medium": "fill-960x540|format-jpeg",
    "large": "fill-1200x675|format-jpeg",
    "square": "fill-600x600|format-jpeg",
    "full": "max-1600x1600|format-jpeg",
}


def _absolute(request, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def renditions_of(image, request) -> dict[str, dict]:
    """Every size of an image in one query: {name: {url, width, height}}."""
    found = image.get_renditions(*RENDITIONS.values())
    return {
        name: {
            "url": _absolute(request, found[spec].url),
            "width": found[spec].width,
            "height": found[spec].height,
        }
        for name, spec in RENDITIONS.items()
    }


class LedeField(Field):
    """The summary, else the start of the first paragraph (akhbar.news.lede)."""

    def to_representation(self, article) -> str:
        return lede(article)


class BodyHtmlField(Field):
    """The body as the site renders it (paragraphs, attributed quotes, images, links)."""

    def to_representation(self, body) -> str:
        return str(body)


class LeadImageField(Field):
    def to_representation(self, article) -> dict | None:
        image = article.lead_image
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "caption": article.lead_caption,
            "credit": article.lead_credit,
            "width": image.width,
            "height": image.height,
            "renditions": renditions_of(image, self.context["request"]),
        }


class ImageRenditionsField(Field):
    def to_representation(self, image) -> dict:
        return renditions_of(image, self.context["request"])


class SectionField(Field):
    def to_representation(self, article) -> dict | None:
        section = article.get_parent()
        if section is None:
            return None
        return {"id": section.pk, "title": section.title, "html_url": section.full_url}


class AuthorsField(Field):
    def to_representation(self, article) -> list[dict]:
        view = self.context["view"]
        return [
            {"name": a.name, "slug": a.slug, "role": a.role, "url": view.author_url(a.slug)}
            for a in article.authors.all()
        ]


def article_api_fields() -> list[APIField]:
    return [
        APIField("kicker"),
        APIField("summary"),
        APIField("lede", serializer=LedeField(source="*")),
        APIField("dateline_city"),
        APIField("first_published"),
        APIField("last_updated"),
        APIField("section", serializer=SectionField(source="*")),
        APIField("authors", serializer=AuthorsField(source="*")),
        APIField("tags"),
        APIField("lead_image", serializer=LeadImageField(source="*")),
        APIField("body"),
        APIField("body_html", serializer=BodyHtmlField(source="body")),
    ]


def listing_api_fields() -> list[APIField]:
    """Homes and sections: their intro."""
    return [APIField("intro")]
