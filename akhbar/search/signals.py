"""Keep the index in step with the pages, one task per change.

Wagtail's own signals say what changed: ``page_published`` (publish and republish, after the news app
has stamped the dates), ``page_unpublished``, ``post_page_move``. Each of those actions also saves the
page (``post_save``), so ``post_save`` indexes only what no Wagtail action announces: an article created
live (``add_child`` of a live page, as the demo and scripts do) and an in-place save that names indexed
fields in ``update_fields``. A plain ``save()`` of a live article outside publishing is not reindexed:
in Wagtail a live page's content changes by publishing (``akhbar reindex`` resyncs everything).
Deleting a live article is announced by Wagtail as an unpublish (one removal); the entry would go with
the page anyway (``on_delete=CASCADE``; on SQLite a trigger drops its terms).
"""

from __future__ import annotations

from wagtail.models import Page


def _article_ids_under(page: Page) -> list[int]:
    from akhbar.news.models import ArticlePage

    return list(ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _indexed_field_names(model) -> frozenset[str]:
    from .indexing import indexed_fields

    return frozenset(name for names in indexed_fields(model).values() for name in names)


def on_article_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    """An article created live goes in, with its related stories; an in-place save of indexed fields
    (``update_fields``) reindexes a live article. Everything else is left to Wagtail's signals."""
    from .tasks import index_page

    if raw or not instance.live:
        return
    if created:
        index_page.enqueue(instance.pk, related=True)
    elif update_fields is not None and _indexed_field_names(sender).intersection(update_fields):
        index_page.enqueue(instance.pk, related=False)


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
