"""The page tree as the importer writes it: materialized paths from treebeard's documented model
attributes (``alphabet``, ``steplen``), and child counts kept true at every commit.

treebeard stores a node's path as its parent's path followed by its position among its siblings,
written in base ``len(alphabet)`` on ``steplen`` characters ("0001", "0002", ... "000Z", "0010"). The
importer allots positions itself so that a batch of pages goes in with one statement; the child counts
(``numchild``) are raised in the same transaction, so an import killed at any moment leaves a tree that
treebeard's and Wagtail's checks (``Page.find_problems``, ``akhbar fixtree``) find whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from wagtail.models import Page

__all__ = ["child_path", "last_step", "raise_child_count", "recount_children", "step_of"]


def step_of(path: str) -> int:
    """The position (1-based) that the last step of ``path`` encodes."""
    alphabet, steplen = Page.alphabet, Page.steplen
    if not path or len(path) % steplen:
        raise ValueError(f"not a tree path: {path!r}")
    number = 0
    for char in path[-steplen:]:
        number = number * len(alphabet) + alphabet.index(char)
    return number


def child_path(parent_path: str, step: int) -> str:
    """The path of the child at position ``step`` (1-based) under ``parent_path``."""
    alphabet, steplen = Page.alphabet, Page.steplen
    if not 1 <= step < len(alphabet) ** steplen:
        raise ValueError(f"position {step} does not fit in {steplen} characters")
    chars = []
    for _ in range(steplen):
        step, digit = divmod(step, len(alphabet))
        chars.append(alphabet[digit])
    return parent_path + "".join(reversed(chars))


def last_step(parent: Page) -> int:
    """The position of the last child of ``parent`` in the database (0 if it has none)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return step_of(last) if last else 0


def raise_child_count(parent_id: int, added: int) -> None:
    """Count ``added`` new children of a page (in the caller's transaction, as treebeard does)."""
    if added:
        Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + added)


def recount_children(parents: Iterable[Page]) -> int:
    """Set the child count of these pages to the children the database holds (what an interrupted
    import of an older version could leave wrong); returns how many counts were wrong."""
    ids = [p.pk for p in parents]
    wrong = 0
    for page in Page.objects.filter(pk__in=ids).only("pk", "path", "depth", "numchild"):
        real = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if real != page.numchild:
            Page.objects.filter(pk=page.pk).update(numchild=real)
            wrong += 1
    return wrong
