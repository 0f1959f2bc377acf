"""A queryset of fixed shape whose SQL Django compiles once per database connection, then only runs.

Routing an article is one indexed SELECT, but Django's ORM spent about three times as long building
that statement (Wagtail's page table joined to the article's, ordering, the columns of both) as the
database spent answering it, on every request, although only the address in it changes. A
``PreparedQuery`` builds its queryset once with placeholder values, keeps the SQL and where each
placeholder sits among its parameters, and afterwards runs that SQL with the real values. The row is
still read from the database on every call, and turned into a model instance by Django's own field
converters and ``Model.from_db``, as the queryset would have done; annotations come back as
attributes. Kept per connection (connections are per thread), so each thread compiles with its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Placeholder:
    """A value that stands for a parameter while the SQL is compiled: unlike any real value."""

    name: str
    value: object


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[str, int]  # placeholder name -> index in params
    model: type[Model]
    init_list: list[str]
    fields: slice  # the model's columns in the row
    annotations: dict[str, int]  # annotation name -> index in the row
    converters: dict  # row index -> (converters, expression), as SQLCompiler.get_converters gives


class PreparedQuery:
    """``build(**placeholder values)`` returns the queryset (one model, no select_related); ``first``
    runs it with real values and returns the first instance or None."""

    def __init__(self, build: Callable[..., QuerySet], placeholders: list[Placeholder]):
        self.build, self.placeholders = build, placeholders
        self._local = threading.local()

    def _compile(self, alias: str) -> _Compiled:
        queryset = self.build(**{p.name: p.value for p in self.placeholders}).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = {}
        for placeholder in self.placeholders:
            found = [i for i, value in enumerate(params) if value == placeholder.value]
            if len(found) != 1:
                raise ValueError(f"placeholder {placeholder.name} is not one parameter of the SQL")
            slots[placeholder.name] = found[0]
        klass_info = compiler.klass_info
        if klass_info.get("related_klass_infos"):
            raise ValueError("a prepared query loads one model (no select_related)")
        columns = klass_info["select_fields"]
        fields = slice(columns[0], columns[-1] + 1)
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in compiler.select[fields]],
            fields=fields,
            annotations=dict(compiler.annotation_col_map),
            converters=compiler.get_converters([column[0] for column in compiler.select]),
        )

    def compiled(self, alias: str = "default") -> _Compiled:
        cache = self._local.__dict__.setdefault("by_alias", {})
        if alias not in cache:
            cache[alias] = self._compile(alias)
        return cache[alias]

    def first(self, alias: str = "default", **values) -> Model | None:
        compiled = self.compiled(alias)
        params = list(compiled.params)
        for name, index in compiled.slots.items():
            params[index] = values[name]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for index, (converters, expression) in compiled.converters.items():
            for converter in converters:
                row[index] = converter(row[index], expression, connection)
        instance = compiled.model.from_db(alias, compiled.init_list, row[compiled.fields])
        for name, index in compiled.annotations.items():
            setattr(instance, name, row[index])
        return instance
