"""How articles are listed: a QuerySet of ArticlePage with the listing shapes readers see (cards with
their images, bare headlines), each a fixed number of SQL queries whatever the size of the archive.
It imports no model, so models.py can use it as its manager without an import cycle."""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

CARD_RENDITIONS = ("fill-480x270|format-webp", "fill-960x540|format-webp")
# What a headline (a title, its link and its time) needs, and nothing else: no body, no image.
HEADLINE_FIELDS = ("title", "url_path", "path", "depth", "first_published")


class ArticleQuerySet(PageQuerySet):
    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-first_published", "-pk")

    def under(self, root: Page) -> ArticleQuerySet:
        """Live stories under ``root`` (a site home or a section), newest first."""
        return self.live().descendant_of(root).newest_first()

    def cards(self) -> ArticleQuerySet:
        """What a story card shows: no body, the lead image and its renditions prefetched."""
        images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
        return (
            self.defer_streamfields()
            .select_related(None)
            .prefetch_related(Prefetch("lead_image", queryset=images))
        )

    def headlines(self) -> ArticleQuerySet:
        """Only what a headline shows."""
        return self.only(*HEADLINE_FIELDS)


ArticleManager = PageManager.from_queryset(ArticleQuerySet)
