"""Rows of a model's own table written in one statement, with the columns the model declares.

Django's ``bulk_create`` refuses multi-table-inherited models such as ArticlePage (its row sits beside
Wagtail's page row), and building model instances costs more than the insert. ``insert_rows`` writes the
rows of one concrete table from plain dicts: every column of ``model._meta.local_concrete_fields`` is
written, from the dict where given and from the field's default otherwise, each value prepared by its
own field (``get_db_prep_save``, as ``Model.save`` does; ``auto_now`` fields get the current time). A field added to the model is therefore
written with its default without any change here; a key that names no field is an error.

Preparing a value costs more than writing it; for Django's own text, integer, boolean and foreign-key
field classes a value that already has the column's Python type (or None) is what preparing it would
give back, so it is written as it is (``_PLAIN``); a date is prepared once per call (the rows of an
import share their dates); every other value goes through its field.
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


# Field classes (exactly these, not subclasses, which may prepare values their own way) whose
# get_db_prep_save returns a value of the listed type, or None, unchanged.
_TEXT = (str,)
_INTEGER = (int,)
_PLAIN: dict[type, tuple[type, ...]] = {
    models.CharField: _TEXT,
    models.TextField: _TEXT,
    models.SlugField: _TEXT,
    models.IntegerField: _INTEGER,
    models.BigIntegerField: _INTEGER,
    models.SmallIntegerField: _INTEGER,
    models.PositiveIntegerField: _INTEGER,
    models.PositiveSmallIntegerField: _INTEGER,
    models.PositiveBigIntegerField: _INTEGER,
    models.AutoField: _INTEGER,
    models.BigAutoField: _INTEGER,
    models.SmallAutoField: _INTEGER,
    models.BooleanField: (bool,),
}
_KEYS = (models.ForeignKey, models.OneToOneField)


def _plain_types(field: models.Field) -> tuple[type, ...]:
    """The Python types whose values ``field`` writes unchanged (none when it may change them)."""
    if type(field) in _KEYS:
        return _plain_types(field.target_field)
    return _PLAIN.get(type(field), ())


def _preparer(field: models.Field):
    """A function preparing one value of ``field`` for the database."""
    prep = field.get_db_prep_save
    plain = _plain_types(field)
    if type(field) is models.DateTimeField:  # an import's rows share few dates: each is prepared once
        memo: dict = {}

        def prepare_date(value):
            if value is None:
                return None
            key = (value, value.utcoffset() if hasattr(value, "utcoffset") else None)
            prepared = memo.get(key)
            if prepared is None:
                prepared = memo[key] = prep(value, connection)
            return prepared

        return prepare_date
    if not plain:
        return lambda value: prep(value, connection)

    def prepare(value):
        if value is None or type(value) in plain:  # exact types: True (a bool) is prepared by its field
            return value
        return prep(value, connection)

    return prepare


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts keyed by field attname, e.g. ``page_ptr_id``) into ``model``'s own table;
    returns how many went in. ValueError for a key that is not a column of that table."""
    fields = table_fields(model)
    by_name = {f.attname: f for f in fields}
    # A callable default runs per row (a field without a default has the class NOT_PROVIDED there,
    # which is callable too: its default is fixed).
    fixed = {f.attname for f in fields if not (f.has_default() and callable(f.default))}
    defaults = {f.attname: f.get_db_prep_save(_default(f), connection) for f in fields}
    # Per column: its name, its preparer, its fixed default (or the field, whose default runs per row).
    plan = [
        (f.attname, _preparer(f), defaults[f.attname] if f.attname in fixed else None, f.attname in fixed, f)
        for f in fields
    ]
    names = by_name.keys()
    values = []
    for row in rows:
        if not row.keys() <= names:
            unknown = row.keys() - names
            raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")
        values.append(
            tuple(
                prepare(row[name]) if name in row else default if is_fixed else prepare(_default(field))
                for name, prepare, default, is_fixed, field in plan
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
