"""A covering index for sitemaps: a site's live articles in tree order, with their last publish.

Sitemap pages are keyset ranges of `path` under a site's root; finding where each page starts, and its
newest publish, then reads this index alone (no page rows), on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS akhbar_page_sitemap "
            "ON wagtailcore_page (content_type_id, path, live, last_published_at)",
            "DROP INDEX IF EXISTS akhbar_page_sitemap",
        ),
    ]
