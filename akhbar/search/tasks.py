"""Background tasks (django-tasks; the immediate backend runs them inline in development and tests)."""

from __future__ import annotations

from django_tasks import task

from .indexing import index_pages, remove_pages
from .related import update_related


@task()
def index_page(page_id: int, related: bool = True) -> int:
    """(Re)index one page; for a live article, also recompute its related stories."""
    indexed = index_pages([page_id])
    if indexed and related:
        update_related(page_id)
    return indexed


@task()
def index_subtree(page_ids: list[int]) -> int:
    """(Re)index the articles of a moved or re-published subtree."""
    return index_pages(page_ids)


@task()
def unindex_pages(page_ids: list[int]) -> None:
    remove_pages(page_ids)
