"""Rows of a model's own table written in one statement, with the columns the model declares.

Django's ``bulk_create`` refuses multi-table-inherited models such as ArticlePage (its row sits beside
Wagtail's page row), and building model instances costs more than the insert. ``insert_rows`` writes the
rows of one concrete table from plain dicts: every column of ``model._meta.local_concrete_fields`` is
written, from the dict where given and from the field's default otherwise, each value prepared by its
own field (``get_db_prep_save``, as ``Model.save`` does; ``auto_now`` fields get the current time). A field added to the model is therefore
written with its default without any change here; a key that names no field is an error.

Preparing a value costs more than writing it; for Django's own text, integer, boolean and foreign-key
field classes a value that already has the column's Python type (or None) is what preparing it would
give back, so it is written as it is (``_PLAIN``); a date is prepared once for every column and call
(a page's row and its article's row carry one date five times); every other value goes through its
field. The rows of one call that give the same keys share one layout (the fixed defaults prepared once).
A value wrapped in ``Prepared`` was prepared by its field already and is written as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.utils import timezone

__all__ = ["Prepared", "insert_rows", "table_fields"]


class Prepared:
    """A value its own field has already prepared for the database (``get_db_prep_save``), elsewhere:
    the importer's worker process prepares the article bodies; ``insert_rows`` writes it as it is."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __reduce__(self):
        return Prepared, (self.value,)


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


# Prepared dates, shared by every DateTimeField column of every call (a page's row and its article's
# row carry the same date five times): preparing one does not depend on the field, only on the value
# and the database. Bounded: cleared when full.
_DATES: dict = {}
_DATES_LIMIT = 50_000


def _preparer(field: models.Field):
    """A function preparing one value of ``field`` for the database."""
    prep = field.get_db_prep_save
    if type(field) is models.DateTimeField:
        vendor = connection.vendor

        def prepare_date(value):
            if value is None:
                return None
            key = (vendor, value, value.utcoffset() if hasattr(value, "utcoffset") else None)
            prepared = _DATES.get(key)
            if prepared is None:
                if len(_DATES) >= _DATES_LIMIT:
                    _DATES.clear()
                prepared = _DATES[key] = prep(value, connection)
            return prepared

        return prepare_date
    return lambda value: prep(value, connection)


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _layout(fields: list[models.Field], given) -> tuple[list, list, list]:
    """How rows with the keys ``given`` are built: a template of fixed defaults, the given columns
    (position, name, preparer, types written as they are) and the columns whose default runs per row."""
    template, columns, per_row = [], [], []
    for index, f in enumerate(fields):
        if f.attname in given:
            columns.append((index, f.attname, _preparer(f), _plain_types(f)))
            template.append(None)
        elif f.has_default() and callable(f.default):
            # A callable default runs per row (a field without a default has the class NOT_PROVIDED
            # there, which is callable too: has_default() tells them apart).
            per_row.append((index, f, _preparer(f)))
            template.append(None)
        else:  # a fixed default, or the time of this call for an automatic timestamp
            template.append(f.get_db_prep_save(_default(f), connection))
    return template, columns, per_row


def insert_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts keyed by field attname, e.g. ``page_ptr_id``) into ``model``'s own table;
    returns how many went in. ValueError for a key that is not a column of that table."""
    fields = table_fields(model)
    names = {f.attname for f in fields}
    layouts: dict[tuple, tuple[list, list, list]] = {}  # by the keys of a row, in their order
    values = []
    for row in rows:
        keys = tuple(row)
        layout = layouts.get(keys)
        if layout is None:
            if not names.issuperset(keys):
                raise ValueError(f"{model.__name__} has no column for {sorted(set(keys) - names)}")
            layout = layouts[keys] = _layout(fields, set(keys))
        template, columns, per_row = layout
        value = template.copy()
        for index, name, prepare, plain in columns:
            item = row[name]
            # Exact types only: True (a bool) in an integer column is prepared by its field.
            if item is None or type(item) in plain:
                value[index] = item
            else:
                value[index] = item.value if type(item) is Prepared else prepare(item)
        for index, field, prepare in per_row:
            value[index] = prepare(_default(field))
        values.append(value)
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
