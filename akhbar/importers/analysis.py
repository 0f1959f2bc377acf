"""What an imported article needs that needs no database, computed in a worker process while the
importer writes: its index terms, its body's column value and the base of its slug.

Analyzing the text (akhbar.search.analysis) is most of an import's CPU time, so each batch's items go to
a worker process while this one writes the batch before. The worker sends back what the index backend
stores of the terms (``terms_value``: a few strings per article, not every term) and the body as its
field prepares it for the database (``rows.Prepared``), so little work is left to the writer and little
crosses between the processes. Items without it (a file of one batch, a worker that failed, a line whose
status changed meanwhile) get the same from ``work_ahead`` inline.

The worker is forked (so it needs no setup and never runs the calling script again, as ``spawn``
would; it uses the database's operations to prepare values but never its connection) when a file has
a second batch, so a small import never pays for it; a worker whose importer was killed leaves (it
watches its parent). Anything that goes wrong in the worker only costs time.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

from django.db import connection
from django.utils.html import escape

from akhbar.news.models import ArticlePage
from akhbar.search.analysis import FIELDS, document_fields_streams
from akhbar.search.backends import get_backend

from .lines import Item
from .places import slug_base
from .rows import Prepared

__all__ = ["Ahead", "AnalysisPool", "body_json", "item_texts", "work_ahead"]

Pending = tuple[list[int], Future]  # the keys of a submitted batch, and its result to come


class Ahead(NamedTuple):
    """An item's index terms (the backend's ``terms_value``), body column value and slug base."""

    terms: tuple
    body: Prepared
    slug: str


def item_texts(item: Item) -> dict[str, str]:
    """The texts an imported article gives the index's fields."""
    return {"title": item.title, "summary": item.summary, "body": "\n".join(item.paragraphs)}


def body_json(paragraphs: tuple[str, ...]) -> list[dict]:
    """An article's StreamField body: one paragraph block per paragraph."""
    return [
        {"type": "paragraph", "value": f"<p>{escape(p)}</p>", "id": str(uuid.uuid4())} for p in paragraphs
    ]


def item_streams(item: Item) -> list:
    """The analyzed term streams of an item's index fields, in the index's field order."""
    texts = item_texts(item)
    return document_fields_streams([texts[name] for name in FIELDS])


def work_ahead(items: Sequence[Item], streams_of: Callable[[Item], Sequence] = item_streams) -> list[Ahead]:
    """The Ahead of each item (what the worker runs; the writer too, for items without one).
    ``streams_of``: how an item's text is analyzed (bench/scale_build.py passes a memo of its lines)."""
    backend = get_backend()
    body = ArticlePage._meta.get_field("body")
    out = []
    for item in items:
        out.append(
            Ahead(
                backend.terms_value(streams_of(item)),
                Prepared(body.get_db_prep_save(body_json(item.paragraphs), connection)),
                slug_base(item.title, item.id),
            )
        )
    return out


def _watch_parent(parent: int) -> None:  # pragma: no cover - runs in the worker
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class AnalysisPool:
    """Works batches ahead in ``workers`` processes (none: every batch is worked inline)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    def submit(self, items: Sequence[Item]) -> Pending | None:
        """Start working ``items`` ahead (keyed by line); None when there is no worker to do it."""
        if not self.workers or self._broken or not items:
            return None
        try:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=_watch_parent,
                    initargs=(os.getpid(),),
                )
            future = self._executor.submit(work_ahead, list(items))
        except Exception:  # no process could be started: work inline
            self._broken = True
            return None
        return [item.line for item in items], future

    def result(self, pending: Pending | None) -> dict[int, Ahead]:
        """What a submitted batch got, by line; empty when the worker failed."""
        if pending is None:
            return {}
        keys, future = pending
        try:
            done = future.result()
        except Exception:
            self._broken = True
            return {}
        return dict(zip(keys, done, strict=True))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)  # a batch at most
            self._executor = None
