"""PostgreSQL: a statistics target of 1,000 on the tsvector column, so that ANALYZE keeps 10,000 common
lexemes instead of 1,000. The planner's estimates choose what a search ranks on a large table
(akhbar.search.backends.postgres.planner), and a lexeme outside the common ones gets a fixed guess: at
300,000 entries a word held by 16,804 was estimated at 1,500 with the default target, exactly with this
one (docs/benchmarks.md, scale12). ANALYZE then samples 300,000 rows (31 s at 300,000 entries on the shared
development machine). Frozen DDL. Nothing on SQLite."""

from django.db import migrations

FORWARD = {"postgresql": ["ALTER TABLE search_searchentry ALTER COLUMN document SET STATISTICS 1000"]}
REVERSE = {"postgresql": ["ALTER TABLE search_searchentry ALTER COLUMN document SET STATISTICS -1"]}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0006_pg_document_length")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
