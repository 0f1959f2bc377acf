"""The backend's terms: an FTS5 table beside SearchEntry on SQLite, a tsvector column with a GIN index on
PostgreSQL. Frozen DDL (as this migration first created it): later migrations change it, never live code.
The table starts empty; `akhbar reindex` fills it from the live articles."""

from django.db import migrations

FORWARD = {
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, title_x, summary, summary_x, "
        "body, body_x, tokenize='ascii', prefix='2 3')",
        "CREATE TRIGGER IF NOT EXISTS search_entry_deleted AFTER DELETE ON search_searchentry "
        "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
    ],
    "postgresql": [
        "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS document tsvector",
        "CREATE INDEX IF NOT EXISTS search_document_gin ON search_searchentry USING gin (document)",
    ],
}
REVERSE = {
    "sqlite": ["DROP TRIGGER IF EXISTS search_entry_deleted", "DROP TABLE IF EXISTS search_fts"],
    "postgresql": [
        "DROP INDEX IF EXISTS search_document_gin",
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    ],
}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
