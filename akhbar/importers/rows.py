"""Rows of a model's own table written in one statement, with the columns the model declares.

Django's ``bulk_create`` refuses multi-table-inherited models such as ArticlePage (its row sits beside
Wagtail's page row), and building model instances costs more than the insert. ``insert_rows`` writes the
rows of one concrete table from plain dicts: every column of ``model._meta.local_concrete_fields`` is
written, from the dict where given and from the field's default otherwise, each value prepared by its
own field (``get_db_prep_save``, as ``Model.save`` does; ``auto_now`` fields get the current time). A field added to the model is therefore
written with its default without any change here; a key that names no field is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.utils import timezone

__all__ = ["insert_rows", "table_fields"]


def table_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields whose columns make up ``model``'s own table, in the model's order (an auto-increment
    primary key is left to the database)."""
    return [
        f
        for f in model._meta.local_concrete_fields
        if not (f.primary_key and isinstance(f, models.fields.AutoFieldMixin))
    ]


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts keyed by field attname, e.g. ``page_ptr_id``) into ``model``'s own table;
    returns how many went in. ValueError for a key that is not a column of that table."""
    fields = table_fields(model)
    by_name = {f.attname: f for f in fields}
    fixed = {f.attname for f in fields if not callable(f.default)}  # a callable default runs per row
    defaults = {f.attname: f.get_db_prep_save(_default(f), connection) for f in fields}
    values = []
    for row in rows:
        unknown = row.keys() - by_name.keys()
        if unknown:
            raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")
        values.append(
            tuple(
                by_name[name].get_db_prep_save(row[name], connection)
                if name in row
                else default
                if name in fixed
                else by_name[name].get_db_prep_save(_default(by_name[name]), connection)
                for name, default in defaults.items()
            )
        )
    if not values:
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})", values
        )
    return len(values)
