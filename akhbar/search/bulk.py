"""Index entries of many new pages at once (the bulk importer's entry point into the index).

``indexing.write_documents`` builds a model instance per entry and lets the ORM compile each row; this
writes the same rows with one prepared statement, reads their ids back by page, and hands the terms to
the backend's ``write_terms`` as ``write_documents`` does through the backend's ``write``. The terms may
come already computed, as the backend's ``terms_value`` of the document's streams (the importer
analyzes the next batch in a worker process while it writes one: ``document_terms`` there). What a
document holds (``IndexDocument``, ``indexing.document_for``) and how its text is analyzed
(``analysis``) are theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, transaction

from .analysis import FIELDS, Streams, document_fields_streams
from .backends import forget_corpus_size, get_backend
from .models import SearchEntry

__all__ = ["add_documents", "document_streams", "document_terms"]


def document_streams(document) -> tuple[Streams, ...]:
    """The term streams of a document's fields, in the index's field order."""
    return document_fields_streams([getattr(document, name) for name in FIELDS])


def document_terms(document, backend=None) -> tuple:
    """What the index backend stores of a document's terms (its ``terms_value``); needs no database."""
    return (backend or get_backend()).terms_value(document_streams(document))


def _entry_fields():
    """SearchEntry's columns but its id; each is filled from the document's attribute of that name."""
    return [f for f in SearchEntry._meta.local_concrete_fields if not f.primary_key]


def add_documents(
    documents: Sequence,
    terms: Sequence[tuple | None] | None = None,
    *,
    replace: bool = False,
) -> None:
    """The index entries of these pages (one transaction), as ``indexing.write_documents`` writes them:
    ``documents`` are IndexDocuments; ``terms``, when given, are their ``document_terms`` already
    computed (in the same order; None for one still to compute); ``replace`` removes the pages' old
    entries first (without it the pages must have none: the importer's new pages)."""
    if not documents:
        return
    backend = get_backend()
    terms = terms or [None] * len(documents)
    terms = [
        t if t is not None else document_terms(d, backend) for d, t in zip(documents, terms, strict=True)
    ]
    fields = _entry_fields()
    dated = [f.get_internal_type() == "DateTimeField" for f in fields]
    values = [
        tuple(
            f.get_db_prep_save(getattr(d, f.attname), connection) if is_date else getattr(d, f.attname)
            for f, is_date in zip(fields, dated, strict=True)
        )
        for d in documents
    ]
    quote = connection.ops.quote_name
    table = quote(SearchEntry._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    page_ids = [d.page_id for d in documents]
    with transaction.atomic(), connection.cursor() as cursor:
        if replace:
            SearchEntry.objects.filter(page_id__in=page_ids).delete()
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
        entry_ids = dict(SearchEntry.objects.filter(page_id__in=page_ids).values_list("page_id", "pk"))
        backend.write_terms(
            cursor,
            [(entry_ids[d.page_id], t, d) for d, t in zip(documents, terms, strict=True)],
        )
    forget_corpus_size()
