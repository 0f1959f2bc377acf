"""What the Content-Security-Policy middleware adds to each response, next to django-csp's own.

    python bench/csp_header.py [--requests 20000] [--rounds 5]

Calls each middleware directly around a view that returns a prepared response (no template, no
database), on a reader path and an admin path, with the test settings' policies:
- none: the view alone (a fresh request and response each time: the floor);
- django-csp: csp.middleware.CSPMiddleware, which builds the header anew on every response;
- akhbar: akhbar.network.csp.ContentSecurityPolicyMiddleware (the policy built once, then copied).
Rounds alternate the variants; each cell is the best round's microseconds per response, and the added
cost is that minus the floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from akhbar.network.csp import ContentSecurityPolicyMiddleware

    factory = RequestFactory()
    body = b"<!doctype html>" + b"x" * 20_000

    def view(_request):
        return HttpResponse(body)

    variants = {
        "none": view,
        "django-csp": CSPMiddleware(view),
        "akhbar": ContentSecurityPolicyMiddleware(view),
    }
    paths = {"reader page": "/riyada/khabar/", "admin": "/admin/pages/"}
    best = {(path, name): float("inf") for path in paths for name in variants}
    for _ in range(args.rounds):
        for path_name, path in paths.items():
            for name, handler in variants.items():
                started = time.perf_counter()
                for _ in range(args.requests):
                    handler(factory.get(path))
                per = (time.perf_counter() - started) / args.requests * 1e6
                best[path_name, name] = min(best[path_name, name], per)

    print(f"{args.requests} responses × {args.rounds} rounds, best round, µs per response")
    print("| path | none | django-csp (added) | akhbar (added) |")
    print("|---|---|---|---|")
    for path_name in paths:
        floor = best[path_name, "none"]
        cells = [
            f"{best[path_name, n]:.1f} (+{best[path_name, n] - floor:.1f})" for n in ("django-csp", "akhbar")
        ]
        print(f"| {path_name} | {floor:.1f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
