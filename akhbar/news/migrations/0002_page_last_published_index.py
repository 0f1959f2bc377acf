"""An index for the header's network clock: MAX(last_published_at) over live pages stays cheap at scale."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS akhbar_page_last_published ON wagtailcore_page (last_published_at)",
            "DROP INDEX IF EXISTS akhbar_page_last_published",
        ),
    ]
