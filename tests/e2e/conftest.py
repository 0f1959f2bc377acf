"""Real-browser tests: Playwright for Python driving Debian's chromium against a live server on loopback."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside one
# unless told the access is safe (it is: the loop only talks to the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium); ./test installs it when run as root"
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright switches the execution context, and Django keeps one connection object per
    # context: without this, tests after it would get fresh connections that lack the serialized test
    # data, and `serialized_rollback` would silently restore nothing.
    saved = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in saved.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def run_axe(page) -> list[dict]:
    """Run axe-core in the page (no network request) and return serious and critical violations.

    Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not bind: an
    injected inline <script> would be refused by the policy, as it should be."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def demo_network(live_server):
    """The demo network (45 articles per site) served by the live server; returns its port."""
    from akhbar.news.demo import build_demo_network

    port = urlsplit(live_server.url).port
    build_demo_network(port=port, limit=45)
    return port
