"""SQLite: the fts5vocab table over the index (document frequencies for the second-stage ranking)."""

from django.db import migrations


def create(apps, schema_editor):
    from akhbar.search.backends import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection.vendor).create_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_backend_tables")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
