"""What a visitor downloads: HTML and images of a few pages, on a phone and a laptop.

    make bench BENCH=page_weight
    BENCH_SITE=path/to/build .venv/bin/python tests/bench/bench_page_weight.py

Builds the example site (or measures the build in BENCH_SITE), serves it on a local
port and opens each page in headless Chromium at 360 px wide (device pixel ratio 2)
and 1280 px (ratio 1). The page is scrolled to the end so lazy images load too, then
the bytes of every response are added up: the HTML document and the images (other
files, CSS and JS, are the same on every page and left out). Pages: BENCH_PAGES,
comma-separated (default the three example pages with Markdown images).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("FROSTFOLIO_CHROMIUM", "/usr/bin/chromium")
PAGES = os.environ.get(
    "BENCH_PAGES", "/blog/responsive-images/,/about/,/blog/sketching-on-paper/"
).split(",")
SCREENS = [("360 px ×2", 360, 740, 2), ("1280 px ×1", 1280, 800, 1)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def weigh(site: Path) -> list[tuple[str, str, int, int, int]]:
    """Return (page, screen, HTML bytes, image bytes, image count) for every page and screen."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for page_path in PAGES:
                for label, width, height, ratio in SCREENS:
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, device_scale_factor=ratio
                    )
                    page = context.new_page()
                    seen: dict[str, tuple[str, int]] = {}

                    def record(response, seen=seen) -> None:
                        kind = response.request.resource_type
                        if kind in ("document", "image") and response.ok:
                            seen[response.url] = (kind, len(response.body()))

                    page.on("response", record)
                    page.goto(base + page_path, wait_until="networkidle")
                    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                    page.wait_for_timeout(500)
                    page.wait_for_load_state("networkidle")
                    html = sum(n for kind, n in seen.values() if kind == "document")
                    images = [n for kind, n in seen.values() if kind == "image"]
                    rows.append((page_path, label, html, sum(images), len(images)))
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def main() -> int:
    site = os.environ.get("BENCH_SITE")
    with tempfile.TemporaryDirectory() as tmp:
        if not site:
            sys.path.insert(0, str(ROOT / "site"))
            from sitegen.commands.build import build_site

            site = str(Path(tmp) / "build")
            build_site(ROOT / "content", site, cache_dir=Path(tmp) / "cache", progress=False)
        rows = weigh(Path(site))
    print("| page | screen | HTML | images (count) | total |")
    print("| --- | --- | --- | --- | --- |")
    for page, screen, html, images, count in rows:
        print(f"| {page} | {screen} | {html:,} B | {images:,} B ({count}) | {html + images:,} B |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
