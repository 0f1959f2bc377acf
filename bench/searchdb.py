"""A throwaway akhbar database for the search benchmarks: set it up, migrate, add one site.

Call ``setup(url)`` before importing anything from Django; SQLite files go under var/bench/.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_VAR = ROOT / "var" / "bench"


def sqlite_url(name: str, *, fresh: bool = True) -> str:
    """The URL of var/bench/<name>.sqlite3; ``fresh`` deletes the file (and its WAL) first."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    path = BENCH_VAR / f"{name}.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def setup(url: str, *, fresh: bool = True) -> None:
    """Point Django at ``url`` (a fresh SQLite file or a PostgreSQL database) and migrate it."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if fresh and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def make_bench_site(hostname: str = "bench.localhost"):
    from wagtail.models import Page, Site

    from akhbar.news.models import HomePage

    site = Site.objects.filter(hostname=hostname).first()
    if site:
        return site
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="موقع القياس", slug="bench-home"))
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    return Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=True)


def file_size(url: str) -> int:
    """Bytes on disk of a SQLite database (with its WAL), or of the PostgreSQL database."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        return sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]
