"""Page-cache hit cost next to a bare Django view, with local memory and with Redis, in one run.

    python bench/page_cache.py [--requests 2000] [--rounds 5] [--redis redis://127.0.0.1:6379/1]

Builds a throwaway SQLite database with one real article page (lead image, body, comments section),
then calls Django's WSGI handler directly (no HTTP server, one thread: the cost of the application
itself) for:
- bare view: a tiny template through the whole middleware stack, without the page cache;
- bare + lookup miss: the same with the page cache's lookup (a miss: one round trip) in the stack;
- hit, shared cache: the article answered by akhbar.news.cache from the cache alias (one get_many,
  entry = bytes + headers), per-process copies off;
- hit, process copy: the same with PAGE_CACHE_LOCAL_SECONDS=1 (repeated hits answered from memory);
- previous hit path: the design this replaced (a GET for the entry, a second GET for the page's
  version), on the same entry size, for comparison.
Rounds alternate the variants; each cell is the best round's requests per second. Ratios are against
the bare view on the same cache backend. Redis rows are skipped when Redis does not answer. Use your
own Redis database number (the keys are prefixed and deleted at the end).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="akhbar-bench-page-cache-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from akhbar.news import cache as page_cache_module  # noqa: E402

BARE = engines["django"].from_string(
    "<!doctype html><html lang=ar dir=rtl><body><p>{{ text }}</p></body></html>"
)
HOST = "casablanca.localhost"
PREVIOUS_VERSION_KEY = "akhbar:page-version:{}"


def bare_view(request):
    return HttpResponse(BARE.render({"text": "مرحبا"}, request))


urlpatterns = [path("__bare__/", bare_view), path("", include("akhbar.urls"))]


# name: (page cache in the stack, path (None: the article), seconds of per-process copies)
VARIANTS = {
    "bare view": ("none", "/__bare__/", 0),
    "bare + lookup miss": ("current", "/__bare__/", 0),
    "hit, shared cache": ("current", None, 0),
    "hit, process copy": ("current", None, 1),
    "previous hit path": ("previous", None, 0),
}


class PreviousPageCacheMiddleware:
    """The hit path this work replaced (akhbar/news/cache.py before): two GETs per hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        cache = caches["default"]
        if request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            digest = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
            hit = cache.get(f"akhbar:page:{digest}")
            if hit is not None:
                page_id, version, content, content_type = hit
                if cache.get(PREVIOUS_VERSION_KEY.format(page_id)) == version:
                    response = HttpResponse(content, content_type=content_type)
                    response["X-Page-Cache"] = "hit"
                    return response
        return self.get_response(request)


def environ(path_info: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "HTTP_HOST": HOST,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def call(handler, path_info: str) -> tuple[str, dict, bytes]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    response = handler(environ(path_info), start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    return seen["status"], seen["headers"], body


def requests_per_second(handler, path_info: str, requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        call(handler, path_info)
    return requests / (time.perf_counter() - started)


def middleware_with(page_cache: str) -> list[str]:
    """The project's stack with the page cache as it is ("current"), replaced ("previous") or removed."""
    stack = list(settings.MIDDLEWARE)
    index = stack.index("akhbar.news.cache.PageCacheMiddleware")
    if page_cache == "previous":
        stack[index] = f"{__name__}.PreviousPageCacheMiddleware"
    elif page_cache == "none":
        del stack[index]
    return stack


def measure(backend: str, cache_settings: dict, article_path: str, args) -> list[tuple]:
    rows: dict[str, list[float]] = {name: [] for name in VARIANTS}
    size = 0
    with override_settings(CACHES=cache_settings):
        caches["default"].clear()
        handlers = {}
        for name, (stack, _target, _local) in VARIANTS.items():
            with override_settings(MIDDLEWARE=middleware_with(stack)):
                handlers[name] = WSGIHandler()
        status, headers, body = call(handlers["hit, shared cache"], article_path)
        assert status.startswith("200"), status
        assert headers.get("X-Page-Cache") == "miss", headers
        status, headers, body = call(handlers["hit, shared cache"], article_path)
        assert headers.get("X-Page-Cache") == "hit", headers
        size = len(body)
        # The previous design's entry for the same page: (page id, version, bytes, content type).

        digest = hashlib.sha256(f"{HOST}\n{article_path}".encode()).hexdigest()
        caches["default"].set(PREVIOUS_VERSION_KEY.format(1), 1, None)
        caches["default"].set(f"akhbar:page:{digest}", (1, 1, body, headers["Content-Type"]), 600)
        assert call(handlers["previous hit path"], article_path)[1].get("X-Page-Cache") == "hit"
        for _ in range(args.rounds + 1):  # the first round warms up
            for name, handler in handlers.items():
                _stack, target, local = VARIANTS[name]
                page_cache_module._local.clear()
                with override_settings(PAGE_CACHE_LOCAL_SECONDS=local):
                    rate = requests_per_second(handler, target or article_path, args.requests)
                rows[name].append(rate)
        for values in rows.values():
            del values[0]
        caches["default"].clear()
    bare = max(rows["bare view"])
    return [(backend, name, max(values), max(values) / bare, size) for name, values in rows.items()]


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means: no Redis rows
        return False


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--prefix", default=os.environ.get("CACHE_KEY_PREFIX", "h-cache") + ":bench")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from tests.comments.factories import make_comment
    from tests.factories import make_article, make_network, make_section, make_site

    make_network()
    site = make_site(HOST, default=True)
    make_article(make_section(make_site("beirut.localhost")), image=True)
    article = make_article(make_section(site, "رياضة"), "الخبر الذي نقيسه", image=True)
    for _ in range(5):
        make_comment(article)
    article_path = article.get_url_parts()[2]

    backends = [
        (
            "locmem",
            {
                alias: {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"bench-{alias}",
                }
                for alias in ("default", "state")
            },
        )
    ]
    if redis_answers(args.redis):
        backends.append(
            (
                "redis",
                {
                    alias: {
                        "BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": args.redis,
                        "KEY_PREFIX": f"{args.prefix}:{alias}",
                    }
                    for alias in ("default", "state")
                },
            )
        )
    else:
        print(f"(Redis at {args.redis} does not answer: Redis rows skipped)")

    rows = []
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False, PAGE_CACHE_SECONDS=600):
        for backend, cache_settings in backends:
            rows += measure(backend, cache_settings, article_path, args)

    print(f"{'cache':<7} {'variant':<19} {'req/s':>8} {'µs/req':>8} {'× bare':>7}")
    for backend, name, rps, ratio, _size in rows:
        print(f"{backend:<7} {name:<19} {rps:>8.0f} {1e6 / rps:>8.1f} {ratio:>7.2f}")
    print(
        f"article page {rows[0][4]:,} bytes; best of {args.rounds} alternating rounds of {args.requests} "
        "requests, Django's WSGI handler called in-process (one thread, no HTTP server)"
    )


if __name__ == "__main__":
    main()
