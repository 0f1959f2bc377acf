"""The index terms of imported articles, computed in a worker process while the importer writes.

Analyzing the text (akhbar.search.analysis) is most of an import's CPU time and needs no database, so
the terms of each batch are computed by a worker process while this one writes the batch before. The
worker sends back what the index backend stores of them (``terms_value``: a few strings per article,
not every term), so little crosses between the processes.
The worker is forked (so it needs no setup and never runs the calling script again, as ``spawn``
would: it touches no database) when a file has a second batch, so a small import never pays for it;
a worker whose importer was killed leaves (it watches its parent). Anything that goes wrong in the worker only costs time: the importer then
analyzes the batch itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from akhbar.search.analysis import FIELDS, document_fields_streams
from akhbar.search.backends import get_backend

__all__ = ["AnalysisPool", "analyze", "field_texts"]

Pending = tuple[list[int], Future]  # the keys of a submitted batch, and its result to come


def field_texts(document) -> tuple[str, ...]:
    """A document's texts in the index's field order (what ``akhbar.search.bulk.document_streams``
    analyzes)."""
    return tuple(getattr(document, name) for name in FIELDS)


def analyze(documents: Sequence[tuple[str, ...]]) -> list[tuple]:
    """What the index backend stores of each document's terms, from the texts of its fields in the
    index's field order (runs in the worker; ``akhbar.search.bulk.document_terms`` of each)."""
    backend = get_backend()
    return [backend.terms_value(document_fields_streams(texts)) for texts in documents]


def _watch_parent(parent: int) -> None:  # pragma: no cover - runs in the worker
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class AnalysisPool:
    """Analyzes batches ahead in ``workers`` processes (none: every batch is analyzed inline)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    def submit(self, keys: Sequence[int], documents: Sequence) -> Pending | None:
        """Start analyzing ``documents`` (keyed by ``keys``); None when there is no worker to do it."""
        if not self.workers or self._broken or not documents:
            return None
        try:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("fork"),
                    initializer=_watch_parent,
                    initargs=(os.getpid(),),
                )
            future = self._executor.submit(analyze, [field_texts(d) for d in documents])
        except Exception:  # no process could be started: analyze inline
            self._broken = True
            return None
        return list(keys), future

    def result(self, pending: Pending | None) -> dict[int, tuple]:
        """The terms a submitted batch got, by key; empty when the worker failed."""
        if pending is None:
            return {}
        keys, future = pending
        try:
            terms = future.result()
        except Exception:
            self._broken = True
            return {}
        return dict(zip(keys, terms, strict=True))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)  # a batch at most
            self._executor = None
