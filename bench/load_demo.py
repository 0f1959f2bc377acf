"""The demo network that bench/load.py measures: its database (SQLite in the workdir or a PostgreSQL
database), the demo sites built once per workdir, more articles in bulk, and the pages to request."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
ARTICLES_IN_MIX = 120


def database_url(workdir: Path, database: str, rebuild: bool) -> str:
    """SQLite in the workdir, or the PostgreSQL database named (created if missing, afresh with rebuild)."""
    if not database:
        return f"sqlite:///{workdir / 'akhbar.sqlite3'}"
    if database.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, name = database.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            if rebuild:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')
    return database


def setup_django(workdir: Path, database: str = "") -> None:
    os.environ.update(
        {
            "AKHBAR_VAR_DIR": str(workdir),
            "DATABASE_URL": database or f"sqlite:///{workdir / 'akhbar.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "TASKS_BACKEND": "immediate",
            "DJANGO_SETTINGS_MODULE": "load_site",
        }
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DEBUG", None)
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()


def build_demo(port: int, rebuild: bool) -> None:
    from django.core.management import call_command

    from akhbar.news.models import HomePage

    call_command("migrate", verbosity=0)
    if rebuild or not HomePage.objects.exists():
        print("• building the demo network (once per workdir)", flush=True)
        call_command("demo", port=port, no_editor=True, verbosity=0)
    else:
        call_command("demo", port=port, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def add_articles(total: int) -> None:
    """Live articles bulk-inserted into the demo's sections (bench/bulk_pages.py), older than every demo
    article, until the network holds `total` articles."""
    from datetime import timedelta

    from bulk_pages import bulk_articles
    from django.db import connection

    from akhbar.news.models import ArticlePage, SectionPage

    missing = total - ArticlePage.objects.count()
    if missing <= 0:
        return
    print(f"• adding {missing:,} articles (bulk page rows)", flush=True)
    oldest = ArticlePage.objects.order_by("first_published_at").first().first_published_at
    sections = list(SectionPage.objects.order_by("pk"))
    for index, section in enumerate(sections):
        share = missing // len(sections) + (1 if index < missing % len(sections) else 0)
        if share:
            bulk_articles(section, share, oldest - timedelta(days=1))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def reader_paths() -> dict[str, list[tuple[str, str]]]:
    """(host, percent-encoded path) of the newest live articles and sections on every demo site."""
    from wagtail.models import Site

    from akhbar.news.models import ArticlePage, SectionPage

    hosts = {site.pk: site.hostname for site in Site.objects.all()}

    def paths(queryset) -> list[tuple[str, str]]:
        out = []
        for page in queryset:
            site_id, _root, path = page.get_url_parts()
            out.append((hosts[site_id], path))  # reverse() already percent-encodes
        return out

    articles = ArticlePage.objects.live().order_by("-first_published")[:ARTICLES_IN_MIX]
    return {"articles": paths(articles), "sections": paths(SectionPage.objects.live())}
