"""Sitemaps at scale: the sitemap index and one 50,000-URL page of a site of N articles, our keyset
streaming views next to Django's sitemap framework (Paginator: COUNT, then OFFSET/LIMIT), in one run.

    .venv/bin/python bench/sitemaps.py                       # sites of 100,000 and 1,000,000 articles
    .venv/bin/python bench/sitemaps.py --reuse               # measure again on the database built before
    .venv/bin/python bench/sitemaps.py --sizes 20000 200000 --name sitemaps_small
    .venv/bin/python bench/sitemaps.py --database postgres://postgres@127.0.0.1:5432/akhbar_hfeeds_bench

Each size is its own site in the same database (so the bigger archive is also "other sites' rows" for
the smaller one). Articles are real page rows (page and article tables, as Wagtail writes them) inserted
in bulk, spread over 8 sections, one in three with a lead image (bench/bulk_pages.py's `bulk_articles`:
saving each article row through the ORM runs the post_save handlers, search indexing, 243 s per 50,000
articles here, so the article rows go in with one executemany per batch instead). Times are medians of --repeat runs with every
cache cleared; memory is tracemalloc's peak of Python allocations during one run (a separate run, since
tracing slows everything); the whole XML of a sitemap page is consumed, as a crawler would.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import searchdb  # noqa: E402
from bulk_pages import bulk_articles  # noqa: E402

SECTIONS = 8
STEP = 50_000


def build_site(hostname: str, size: int) -> None:
    """Give the site `hostname` `size` live articles (adds only what it lacks, so --reuse resumes)."""
    from django.db import connection, transaction
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from akhbar.news.models import ArticlePage
    from tests.factories import make_image, make_section, make_site

    site = Site.objects.filter(hostname=hostname).first() or make_site(hostname, name_ar=f"موقع {hostname}")
    root = site.root_page
    sections = list(root.get_children().specific().order_by("path"))
    while len(sections) < SECTIONS:
        sections.append(make_section(site, f"قسم {len(sections) + 1}", slug=f"section-{len(sections) + 1}"))
    have = ArticlePage.objects.descendant_of(root).count()
    started = time.perf_counter()
    while have < size:
        step = min(STEP, size - have)
        share = step // SECTIONS
        for index, section in enumerate(sections):
            count = share + (1 if index < step % SECTIONS else 0)
            if count:
                section.refresh_from_db()
                bulk_articles(section, count, datetime(2026, 11, 30, tzinfo=UTC))
        have += step
        print(f"  {hostname}: {have:,} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    images = list(get_image_model().objects.order_by("pk")[:4]) or [make_image() for _ in range(4)]
    with transaction.atomic():
        for index, image in enumerate(images):
            # one article in three has a lead image (ids spread over the archive)
            ArticlePage.objects.filter(page_ptr__path__startswith=root.path).extra(
                where=[f"page_ptr_id % 12 = {index * 3}"]
            ).update(lead_image=image)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def django_framework(site):
    """Django's sitemap framework over the same articles: the baseline."""
    from django.contrib.sitemaps import Sitemap, views

    from akhbar.news.models import ArticlePage

    root = site.root_page

    class ArticleSitemap(Sitemap):
        limit = 50_000

        def items(self):
            return (
                ArticlePage.objects.live()
                .descendant_of(root)
                .order_by("path")
                .only("url_path", "last_published_at")
            )

        def location(self, item):
            return item.url_path

        def lastmod(self, item):
            return item.last_published_at

    maps = {"articles": ArticleSitemap}
    return (
        lambda request: views.index(request, maps, sitemap_url_name="bench-sitemap-page").render(),
        lambda request: views.sitemap(request, maps, section="articles").render(),
    )


def consume(response) -> int:
    if getattr(response, "streaming", False):
        return sum(len(part) for part in response.streaming_content)
    return len(response.content)


def run(view, request) -> tuple[int, int]:
    response = view(request)
    assert response.status_code == 200, response.status_code
    return consume(response), response.status_code


def measure(view, make_request, repeat: int) -> tuple[float, float, int]:
    """(median seconds, peak MiB of Python allocations, bytes of XML) with all caches cleared each run."""
    from django.core.cache import caches

    times, size = [], 0
    for _ in range(repeat):
        for alias in ("default", "state"):
            caches[alias].clear()
        gc.collect()
        t0 = time.perf_counter()
        size, _status = run(view, make_request())
        times.append(time.perf_counter() - t0)
    for alias in ("default", "state"):
        caches[alias].clear()
    gc.collect()
    tracemalloc.start()
    run(view, make_request())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--database", help="a PostgreSQL URL (default: var/bench/<name>.sqlite3)")
    parser.add_argument("--name", default="sitemaps")
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-django", action="store_true", help="skip the Django framework baseline")
    args = parser.parse_args()

    url = args.database or searchdb.sqlite_url(args.name, fresh=not args.reuse)
    searchdb.setup(url, fresh=not args.reuse)
    from django.test import RequestFactory, override_settings
    from django.urls import path
    from wagtail.models import Site

    from akhbar.distribution import views
    from akhbar.distribution.sitemaps import SiteArticles

    for size in sorted(args.sizes):
        build_site(f"s{size}.localhost", size)

    factory = RequestFactory()
    rows = []
    for size in sorted(args.sizes):
        host = f"s{size}.localhost"
        site = Site.objects.get(hostname=host)
        chunks = SiteArticles(site).chunks()
        last = len(chunks)

        def request(path: str, host: str = host, **params):
            return lambda: factory.get(path, params, HTTP_HOST=host)

        cases = [
            ("akhbar index", views.sitemap_index, request("/sitemap.xml")),
            ("akhbar page 1", views.sitemap_articles, request("/sitemap-articles.xml", p="1")),
            (
                f"akhbar page {last} (last)",
                views.sitemap_articles,
                request("/sitemap-articles.xml", p=str(last)),
            ),
            ("akhbar news", views.sitemap_news, request("/sitemap-news.xml")),
        ]
        if not args.no_django:
            index, page = django_framework(site)
            cases += [
                ("django index", index, request("/sitemap.xml")),
                ("django page 1", page, request("/sitemap-articles.xml", p="1")),
                (f"django page {last} (last)", page, request("/sitemap-articles.xml", p=str(last))),
            ]
        urlconf = type("urlconf", (), {})
        urlconf.urlpatterns = [path("sitemap-<section>.xml", lambda r: None, name="bench-sitemap-page")]
        import akhbar.urls

        urlconf.urlpatterns += akhbar.urls.urlpatterns
        with override_settings(ROOT_URLCONF=urlconf):
            for label, view, make_request in cases:
                seconds, peak, size_bytes = measure(view, make_request, args.repeat)
                rows.append((size, label, seconds, peak, size_bytes))
                print(
                    f"  {size:>9,} {label:<24} {seconds:7.3f} s {peak:8.1f} MiB {size_bytes / 2**20:7.1f} MiB XML",
                    flush=True,
                )

    from django.db import connection

    print()
    print(f"database: {connection.vendor}; pages of {50_000:,} URLs; median of {args.repeat}, caches cleared")
    print(f"{'articles':>10} {'sitemap':<24} {'seconds':>8} {'peak MiB':>9} {'XML MiB':>8}")
    for size, label, seconds, peak, size_bytes in rows:
        print(f"{size:>10,} {label:<24} {seconds:>8.3f} {peak:>9.1f} {size_bytes / 2**20:>8.1f}")


if __name__ == "__main__":
    main()
