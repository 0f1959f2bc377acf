"""Keep the index in step with the pages: publish, unpublish, move and delete enqueue a task."""

from __future__ import annotations

from wagtail.models import Page

CONTENT_FIELDS = frozenset(
    {"title", "summary", "kicker", "body", "live", "first_published", "lead_caption", "path"}
)


def _article_ids_under(page: Page) -> list[int]:
    from akhbar.news.models import ArticlePage

    return list(ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def on_article_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    """A live article saved with new content (created live, published, edited in place) is reindexed,
    with its related stories when it is new (publishing recomputes them too); one saved as not live
    (unpublished) leaves the index."""
    from .tasks import index_page, unindex_pages

    if raw or (update_fields is not None and not CONTENT_FIELDS.intersection(update_fields)):
        return
    if instance.live:
        index_page.enqueue(instance.pk, related=created)
    else:
        unindex_pages.enqueue([instance.pk])


def on_published(sender, instance, **kwargs) -> None:
    """After publishing (and the news app's date stamping), reindex the article or the subtree."""
    from akhbar.news.models import ArticlePage

    from .tasks import index_page, index_subtree

    if isinstance(instance, ArticlePage):
        index_page.enqueue(instance.pk)
    elif instance.depth > 1:
        index_subtree.enqueue(_article_ids_under(instance))


def on_unpublished(sender, instance, **kwargs) -> None:
    from .tasks import unindex_pages

    unindex_pages.enqueue(_article_ids_under(instance))


def on_moved(sender, instance, **kwargs) -> None:
    """A moved article or section changes site or section: reindex what is under it."""
    from .tasks import index_subtree

    index_subtree.enqueue(_article_ids_under(instance))


def on_deleted(sender, instance, **kwargs) -> None:
    from .tasks import unindex_pages

    unindex_pages.enqueue([instance.pk])
