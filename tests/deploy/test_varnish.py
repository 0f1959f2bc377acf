"""The shipped Varnish configuration, for real: Debian's varnishd in front of the live test server.

Shows a cache hit, a purge when an editor publishes (the new headline within 2 seconds, paginated
variants banned with their path), and signed-in editors passed through. The VCL is the file in
deploy/varnish/, with only its backend port rewritten to the live server's.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.comments.factories import ensure_page_tree
from tests.factories import make_article, make_section, make_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "akhbar.vcl"
HOST = "casablanca.localhost"
MISSING = (
    "VARNISH TESTS SKIPPED: varnishd is not installed. Install Debian's package "
    "(apt-get install -y varnish) to test deploy/varnish/akhbar.vcl for real."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vcl_for_backend(port: int) -> str:
    """The shipped VCL with its backend's port pointed at ``port`` (nothing else changes)."""
    text, count = re.subn(
        r'(\.port\s*=\s*)"\d+"', rf'\g<1>"{port}"', VCL.read_text(encoding="utf-8"), count=1
    )
    assert count == 1, "deploy/varnish/akhbar.vcl lost its backend port"
    return text


def fetch(port: int, path: str, headers: dict | None = None, method: str = "GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, quote(path, safe="/?=&%"), headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    binary = shutil.which("varnishd") or next(
        (p for p in ("/usr/sbin/varnishd", "/usr/bin/varnishd") if os.path.exists(p)), None
    )
    if binary is None:
        print(f"\n{MISSING}\n", file=sys.stderr)
        warnings.warn(MISSING, stacklevel=1)
        pytest.skip(MISSING)
    vcl = tmp_path / "akhbar.vcl"
    vcl.write_text(vcl_for_backend(urlsplit(live_server.url).port), encoding="utf-8")
    port = free_port()
    command = [binary, "-F", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
    command += ["-s", "malloc,32m", "-T", "127.0.0.1:0", "-p", "ban_lurker_sleep=0.1"]
    if os.geteuid() == 0:
        command += ["-j", "none"]  # no privilege-dropping jail when the tests run as root
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read() if process.poll() is not None else ""
                    pytest.fail(f"varnishd did not start: {output}")
                time.sleep(0.1)
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "akhbar.news.purge.TimeoutHTTPBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def story():
    ensure_page_tree()
    site = make_site(HOST, default=True)
    section = make_section(site, "سياسة")
    story = make_article(section, "العنوان الأول للخبر")  # the newest: first on the section page
    for n in range(21):
        make_article(section, f"خبر سابق {n}")
    return story


def wait_for(port: int, path: str, text: str, seconds: float = 2.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if text in fetch(port, path)[1]:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not served at {path} within {seconds} s")


def test_varnish_serves_hits_and_purges_on_publish(varnish, story):
    article_path = story.get_url_parts()[2]
    section_path = story.get_parent().get_url_parts()[2]

    first, html = fetch(varnish, article_path)
    assert first.status == 200 and "العنوان الأول للخبر" in html and first.getheader("X-Cache") == "MISS"
    second, _ = fetch(varnish, article_path)
    assert second.getheader("X-Cache") == "HIT"
    assert len(second.getheader("X-Varnish").split()) == 2  # this request's id and the cached object's
    assert second.getheader("Age") is not None
    assert fetch(varnish, section_path + "?page=2")[0].getheader("X-Cache") == "MISS"
    assert fetch(varnish, section_path + "?page=2")[0].getheader("X-Cache") == "HIT"
    fetch(varnish, section_path)

    story.title = "عنوان جديد بعد التعديل"
    story.save_revision().publish()

    assert wait_for(varnish, article_path, "عنوان جديد بعد التعديل") < 2.0
    assert "عنوان جديد بعد التعديل" in fetch(varnish, section_path)[1]
    assert fetch(varnish, section_path + "?page=2")[0].getheader("X-Cache") == "MISS"  # banned with its path
    assert fetch(varnish, article_path)[0].getheader("X-Cache") == "HIT"  # cached again


def test_varnish_passes_signed_in_editors_and_comment_views(varnish, story):
    path = story.get_url_parts()[2]
    fetch(varnish, path)
    for _ in range(2):
        response, _html = fetch(varnish, path, {"Cookie": "sessionid=editor-session"})
        assert response.getheader("X-Cache") == "MISS"
    reader, _ = fetch(varnish, path, {"Cookie": "csrftoken=abc; _ga=1"})
    assert reader.getheader("X-Cache") == "HIT"  # other cookies are stripped, the page is shared
    for _ in range(2):
        state, _body = fetch(varnish, f"/comments/form/{story.pk}/")
        assert state.getheader("X-Cache") == "MISS" and "csrftoken=" in (state.getheader("Set-Cookie") or "")


def test_varnish_keeps_http_and_https_copies_apart_and_keeps_the_policy(varnish, story):
    path = story.get_url_parts()[2]
    https = {"X-Forwarded-Proto": "https"}
    first, _ = fetch(varnish, path, https)
    hit, _ = fetch(varnish, path, https)
    assert (first.getheader("X-Cache"), hit.getheader("X-Cache")) == ("MISS", "HIT")
    assert hit.getheader("Content-Security-Policy") == first.getheader("Content-Security-Policy")
    assert "script-src 'self'" in hit.getheader("Content-Security-Policy")
    # Production answers plain http with a redirect to https: that copy must never reach https readers.
    plain, _ = fetch(varnish, path, {"X-Forwarded-Proto": "http"})
    assert plain.getheader("X-Cache") == "MISS"
    assert fetch(varnish, path, https)[0].getheader("X-Cache") == "HIT"
