"""The backend's terms: an FTS5 table beside SearchEntry on SQLite, a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from akhbar.search.backends import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection.vendor).create_schema(cursor)


def drop(apps, schema_editor):
    from akhbar.search.backends import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection.vendor).drop_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
