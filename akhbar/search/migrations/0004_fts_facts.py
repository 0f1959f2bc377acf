"""SQLite: the FTS table also keeps the date, site and section (UNINDEXED: ranking and filters without a
join). Frozen DDL: the table is rebuilt in its new shape with every entry's terms copied across and the
facts read from the entries, so the index stays whole (it used to be emptied here). Nothing on PostgreSQL.
"""

from django.db import migrations

TERMS = "title, title_x, summary, summary_x, body, body_x"
OLD_SHAPE = f"{TERMS}, tokenize='ascii', prefix='2 3'"
NEW_SHAPE = f"{TERMS}, published UNINDEXED, site UNINDEXED, section UNINDEXED, tokenize='ascii'"
FORWARD_COPY = (
    f"INSERT INTO search_fts_new (rowid, {TERMS}, published, site, section) "
    "SELECT f.rowid, f.title, f.title_x, f.summary, f.summary_x, f.body, f.body_x, "
    "julianday(e.published), e.site_id, e.section_id "
    "FROM search_fts f JOIN search_searchentry e ON e.id = f.rowid"
)
REVERSE_COPY = f"INSERT INTO search_fts_new (rowid, {TERMS}) SELECT rowid, {TERMS} FROM search_fts"


def rebuild(shape: str, copy: str) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS search_entry_deleted",
        "DROP TABLE IF EXISTS search_fts_vocab",
        f"CREATE VIRTUAL TABLE search_fts_new USING fts5({shape})",
        copy,
        "DROP TABLE search_fts",
        "ALTER TABLE search_fts_new RENAME TO search_fts",
        "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
        "CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry "
        "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
    ]


FORWARD = {"sqlite": rebuild(NEW_SHAPE, FORWARD_COPY)}
REVERSE = {"sqlite": rebuild(OLD_SHAPE, REVERSE_COPY)}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_vocab")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
