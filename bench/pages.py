"""Article page cost at two archive sizes: SQL queries and render time next to a bare Django view.

    python bench/pages.py [--sizes 300 30000] [--requests 200]
        [--database postgres://postgres@127.0.0.1:5432/akhbar_bench_pages]

Builds a throwaway database (SQLite in WAL mode, as in production's embedded default, or the
PostgreSQL database named by --database, dropped and created afresh), fills one site with N articles
per size (fast bulk inserts of real page rows), then times uncached GETs of one article page through
the whole middleware stack with Django's test client, next to a bare view (a tiny template through
the same stack) in the same run. SQL is counted warm (the small data caches filled, as between two
readers) and cold (every cache cleared first). Prints a table; results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="akhbar-bench-pages-")


def _database_url(argv: list[str]) -> str:
    """The --database argument (read before Django starts), with its database created afresh."""
    if "--database" not in argv:
        return f"sqlite:///{WORKDIR}/bench.sqlite3"
    url = argv[argv.index("--database") + 1]
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    return url


os.environ["DATABASE_URL"] = _database_url(sys.argv)
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.pop("REDIS_STATE_URL", None)
if "--redis" in sys.argv:  # both cache aliases on this Redis (use a database number of your own)
    os.environ["REDIS_URL"] = sys.argv[sys.argv.index("--redis") + 1]
    os.environ["CACHE_KEY_PREFIX"] = "bench-pages"
else:
    os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")

import django  # noqa: E402

django.setup()

from bulk_pages import bulk_articles  # noqa: E402  (bench/ is the script's own folder)
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from akhbar.news.models import ArticlePage  # noqa: E402

BARE = engines["django"].from_string(
    "<!doctype html><html lang=ar dir=rtl><body><p>{{ text }}</p></body></html>"
)


def bare_view(request):
    return HttpResponse(BARE.render({"text": "مرحبا"}, request))


urlpatterns = [path("__bare__/", bare_view), path("", include("akhbar.urls"))]


CPU: dict[str, float] = {}


def timed(client: Client, url: str, host: str, requests: int, cold: bool) -> float:
    """Median wall-clock milliseconds per GET; `cold` clears every cache (directory, clock, strips)
    each time. The median CPU time of this process per GET is left in CPU[url] (on a shared machine
    wall time also counts the time other jobs held the CPU; CPU time does not, nor a database server's
    own work)."""
    samples, cpu = [], []
    client.get(url, HTTP_HOST=host)
    for _ in range(requests):
        if cold:
            cache.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url, HTTP_HOST=host)
        samples.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        assert response.status_code == 200, (url, response.status_code)
    CPU[url] = statistics.median(cpu) * 1000
    return statistics.median(samples) * 1000


def redis_commands(client: Client, url: str, host: str) -> int | None:
    """Commands the Redis server processed for one warm GET (None without Redis)."""
    if not os.environ.get("REDIS_URL"):
        return None
    import redis

    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.get(url, HTTP_HOST=host)
    before = server.info("stats")["total_commands_processed"]
    client.get(url, HTTP_HOST=host)
    return server.info("stats")["total_commands_processed"] - before - 1


def distinct_articles_cpu(client: Client, host: str, requests: int) -> float:
    """Median CPU ms of GETs of `requests` different articles, each for the first time."""
    pages = ArticlePage.objects.live().filter(slug__startswith="bench-").order_by("-pk")
    cpu = []
    for page in pages[: requests * 3 : 3]:
        url = page.url
        c0 = time.process_time()
        response = client.get(url, HTTP_HOST=host)
        cpu.append(time.process_time() - c0)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(cpu) * 1000


def count_queries(client: Client, url: str, host: str, cold: bool) -> int:
    if cold:
        cache.clear()
    else:
        client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, HTTP_HOST=host)
    return len(ctx.captured_queries)


def profile_article(client: Client, url: str, host: str, requests: int) -> None:
    """cProfile over `requests` uncached GETs of the article (warm small caches): where the CPU goes."""
    import cProfile
    import pstats

    with override_settings(ROOT_URLCONF=__name__, DEBUG=False, PAGE_CACHE_SECONDS=0):
        client.get(url, HTTP_HOST=host)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            client.get(url, HTTP_HOST=host)
        profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 30000])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", default="", help="a PostgreSQL URL (default: a throwaway SQLite file)")
    parser.add_argument("--redis", default="", help="a Redis URL for both cache aliases (default: none)")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after the table, profile N warm uncached article GETs (cProfile, at the largest size) "
        "and print the 40 costliest functions by cumulative and by own time",
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from tests.factories import make_article, make_network, make_section, make_site

    make_network()
    site = make_site("casablanca.localhost", default=True)
    other = make_site("beirut.localhost")
    make_article(make_section(other), image=True)
    sections = [make_section(site, title) for title in ("رياضة", "اقتصاد", "ثقافة")]
    article = make_article(
        sections[0], "الخبر الذي نقيسه", image=True, published=datetime(2030, 1, 1, tzinfo=UTC)
    )
    host = "casablanca.localhost"
    client = Client()
    rows = []
    cpu_rows = []
    have = 1
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        for size in sorted(args.sizes):
            missing = size - have
            for index, section in enumerate(sections):
                share = missing // len(sections) + (1 if index < missing % len(sections) else 0)
                if share:
                    bulk_articles(section, share, datetime(2029, 1, 1, tzinfo=UTC))
            have = size
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            client.get(article.url, HTTP_HOST=host)  # renditions are made once, then reused
            with override_settings(PAGE_CACHE_SECONDS=0):
                queries = count_queries(client, article.url, host, cold=False)
                cold_queries = count_queries(client, article.url, host, cold=True)
                commands = redis_commands(client, article.url, host)
            section_queries = count_queries(client, sections[0].url, host, cold=True)
            with override_settings(PAGE_CACHE_SECONDS=0):
                cold_ms = timed(client, article.url, host, args.requests, cold=True)
                warm_ms = timed(client, article.url, host, args.requests, cold=False)
                article_cpu = CPU[article.url]
                section_ms = timed(client, sections[0].url, host, args.requests, cold=False)
                distinct_cpu = distinct_articles_cpu(client, host, args.requests)
            cached_ms = timed(client, sections[0].url, host, args.requests, cold=False)
            bare_ms = timed(client, "/__bare__/", host, args.requests, cold=False)
            cpu_rows.append((article_cpu, CPU["/__bare__/"], distinct_cpu))
            rows.append(
                (
                    ArticlePage.objects.count(),
                    queries,
                    cold_queries,
                    section_queries,
                    cold_ms,
                    warm_ms,
                    section_ms,
                    cached_ms,
                    bare_ms,
                )
            )

    print(
        f"database: {connection.vendor}; caches: {'redis' if os.environ.get('REDIS_URL') else 'local memory'}"
    )
    if os.environ.get("REDIS_URL"):
        print(f"Redis commands per uncached article GET (warm): {commands}")
    print(
        f"{'articles':>9} {'article SQL':>11} {'cold SQL':>8} {'section SQL':>11} {'article cold ms':>15} "
        f"{'article ms':>10} {'section ms':>10} {'section cached ms':>17} {'bare ms':>7} {'article/bare':>12} "
        f"{'cached/bare':>11}"
    )
    for (
        count,
        queries,
        cold_queries,
        section_queries,
        cold_ms,
        warm_ms,
        section_ms,
        cached_ms,
        bare_ms,
    ) in rows:
        print(
            f"{count:>9} {queries:>11} {cold_queries:>8} {section_queries:>11} {cold_ms:>15.2f} {warm_ms:>10.2f} "
            f"{section_ms:>10.2f} {cached_ms:>17.2f} {bare_ms:>7.2f} {warm_ms / bare_ms:>12.1f} "
            f"{cached_ms / bare_ms:>11.1f}"
        )
    if args.profile:
        profile_article(client, article.url, host, args.profile)
    print(
        f"\n{'articles':>9} {'article CPU ms':>14} {'bare CPU ms':>11} {'article/bare CPU':>16} "
        f"{'distinct CPU ms':>15} {'distinct/bare':>13}"
    )
    for (count, *_), (article_cpu, bare_cpu, distinct) in zip(rows, cpu_rows, strict=True):
        print(
            f"{count:>9} {article_cpu:>14.2f} {bare_cpu:>11.3f} {article_cpu / bare_cpu:>16.1f} "
            f"{distinct:>15.2f} {distinct / bare_cpu:>13.1f}"
        )
    print(
        "'distinct': each GET a different article, never rendered before (its own head and comment "
        "fragments are cold; the site's masthead, footer and the section's more news are shared)"
    )
    print(
        f"median of {args.requests} GETs each, no page cache; 'article SQL' is counted warm (the small data "
        "caches filled), 'cold SQL' and 'section SQL' after clearing every cache; 'article cold ms' also "
        "clears the small data caches (network directory, clock, menu, cross-site strip) before every "
        "request; 'section cached' is the same section page served from the page cache; 'article/bare' is "
        "how many bare-view requests one uncached article costs (1/N of the bare view's throughput)"
    )


if __name__ == "__main__":
    main()
