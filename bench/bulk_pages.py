"""Live page rows for benchmarks: Wagtail's tree columns filled in directly, so that a million articles
are built in minutes (the benchmarks that use it add their own article rows)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta


def live_page_rows(section, first: int, count: int, start: datetime, batch_size: int) -> list:
    """`count` live ArticlePage-typed Page rows under `section`, numbered from `first` (child positions),
    one minute apart going back from `start`, saved with bulk_create (the section's child count follows);
    returned in path order with ids."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from akhbar.news.models import ArticlePage

    ct = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    pages = []
    for n in range(first, first + count):
        when = start - timedelta(minutes=n)
        slug = f"bench-{section.pk}-{n}"
        pages.append(
            Page(
                path=Page._get_path(section.path, section.depth + 1, n),
                depth=section.depth + 1,
                numchild=0,
                title=f"خبر للقياس رقم {n}",
                draft_title=f"خبر للقياس رقم {n}",
                slug=slug,
                url_path=f"{section.url_path}{slug}/",
                content_type=ct,
                live=True,
                locale=locale,
                translation_key=uuid.uuid4(),
                first_published_at=when,
                last_published_at=when,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=batch_size)
    if created[0].pk is None:
        created = list(Page.objects.filter(path__in=[p.path for p in pages]).order_by("path"))
    Page.objects.filter(pk=section.pk).update(numchild=first + count - 1)
    return created


def bulk_articles(section, count: int, start: datetime, batch_size: int = 1000) -> None:
    """`count` live articles under `section` (after its last child), one minute apart going back from
    `start`: page rows from live_page_rows, then their article rows in one prepared INSERT."""
    from django.db import connection, transaction

    from akhbar.news.models import ArticlePage

    first = section.numchild + 1
    body = '[{"type": "paragraph", "value": "<p>فقرة من متن الخبر للقياس.</p>", "id": "b"}]'
    with transaction.atomic():
        created = live_page_rows(section, first, count, start, batch_size=batch_size)
        table = ArticlePage._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, kicker, summary, dateline_city, lead_caption, lead_credit,"
                " body, first_published, last_updated) VALUES (%s, '', %s, '', '', '', %s, %s, %s)",
                [(p.pk, "ملخص", body, p.first_published_at, p.first_published_at) for p in created],
            )
    section.refresh_from_db()
