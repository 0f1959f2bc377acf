"""SQLite: site and section become terms of a "facets" column of the FTS table (filters inside MATCH).
The table is rebuilt empty and the entries cleared with it: run `akhbar reindex` (the demo command and
the importer fill it again by themselves)."""

from django.db import migrations


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from akhbar.search.backends import SQLiteBackend

    backend = SQLiteBackend()
    with schema_editor.connection.cursor() as cursor:
        backend.drop_schema(cursor)
        cursor.execute("DELETE FROM search_searchentry")
        backend.create_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_facts")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
