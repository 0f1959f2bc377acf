"""How fast a reader's browser does the comment form's proof of work: crypto.subtle against sha256.js.

    python bench/pow_browser.py [--hashes 200000] [--runs 3]

Opens Debian's chromium (headless, through Playwright) on http://localhost (a secure context, so
crypto.subtle exists), and hashes ``salt + n`` for n = 0 .. hashes-1 as comments.js does: with
crypto.subtle.digest, a batch of digests awaited together (several batch sizes), and with
akhbar/static/akhbar/js/sha256.js, the pure-JS copy loaded only where crypto.subtle is missing.
Prints the best of ``runs`` per way, in milliseconds for the whole sweep and in hashes per second.
COMMENTS_POW_MAX_NUMBER (200,000 by default) is the sweep's worst case; a reader does half on average.
"""

from __future__ import annotations

import argparse
import http.server
import os
import socketserver
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHA256_JS = ROOT / "akhbar" / "static" / "akhbar" / "js" / "sha256.js"
CHROMIUM = os.environ.get("AKHBAR_CHROMIUM", "/usr/bin/chromium")

SUBTLE = """async ([hashes, batch]) => {
  const encoder = new TextEncoder(), salt = "0f1e2d3c4b5a69788796a5b4";
  const started = performance.now();
  for (let n = 0; n < hashes; n += batch) {
    const jobs = [];
    for (let i = n; i < Math.min(n + batch, hashes); i++) jobs.push(crypto.subtle.digest("SHA-256", encoder.encode(salt + i)));
    const done = await Promise.all(jobs);
    if (new Uint8Array(done[0])[0] === 256) return -1;
  }
  return performance.now() - started;
}"""
PLAIN = """async ([hashes, batch]) => {
  const salt = "0f1e2d3c4b5a69788796a5b4", target = "x";
  const started = performance.now();
  for (let n = 0; n < hashes; n += batch) {
    for (let i = n; i < Math.min(n + batch, hashes); i++) if (akhbarSha256Hex(salt + i) === target) return -1;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return performance.now() - started;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hashes", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    handler = lambda *a, **k: _Quiet(*a, directory=str(SHA256_JS.parent), **k)  # noqa: E731
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(f"http://localhost:{server.server_address[1]}/")
        assert page.evaluate("() => window.isSecureContext && !!crypto.subtle")
        page.add_script_tag(path=str(SHA256_JS))
        ways = [(f"crypto.subtle, batch {b}", SUBTLE, b) for b in (250, 2000, 8000)]
        ways.append(("sha256.js, chunk 2000", PLAIN, 2000))
        rows = []
        for name, script, batch in ways:
            best = min(page.evaluate(script, [args.hashes, batch]) for _ in range(args.runs))
            rows.append((name, best, args.hashes / best * 1000))
        browser.close()
    server.shutdown()

    print(f"proof of work in chromium: {args.hashes:,} hashes, best of {args.runs}")
    print(f"{'way':<28} {'ms':>9} {'hashes/s':>11} {'vs subtle 2000':>15}")
    reference = next(ms for name, ms, _ in rows if name.endswith("batch 2000"))
    for name, ms, rate in rows:
        print(f"{name:<28} {ms:>9.0f} {rate:>11,.0f} {ms / reference:>14.2f}x")


if __name__ == "__main__":
    main()
