"""PostgreSQL: each entry's number of terms (``dl``, BM25's document length) beside its tsvector.
Frozen DDL. The index is kept: entries indexed before this count as of average length, and keep their
other terms unmarked (akhbar.search.backends.postgres.query), until `akhbar reindex` rewrites them.
Nothing on SQLite (FTS5 keeps its own row sizes)."""

from django.db import migrations

FORWARD = {"postgresql": ["ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS dl integer"]}
REVERSE = {"postgresql": ["ALTER TABLE search_searchentry DROP COLUMN IF EXISTS dl"]}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0005_fts_facets")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
