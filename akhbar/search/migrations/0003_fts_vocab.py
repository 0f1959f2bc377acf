"""SQLite: the fts5vocab table over the index (document frequencies for the second-stage ranking).
Frozen DDL; nothing on PostgreSQL."""

from django.db import migrations

FORWARD = {"sqlite": ["CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')"]}
REVERSE = {"sqlite": ["DROP TABLE IF EXISTS search_fts_vocab"]}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_backend_tables")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
