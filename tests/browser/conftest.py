"""Fixtures for browser tests: Debian's Chromium driven by Playwright, and a static server.

Browser tests are marked `@pytest.mark.browser`. They are skipped (with a reason) only
when /usr/bin/chromium is missing on a developer machine; in CI they always run, so a
missing browser fails loudly instead of hiding the tests.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FROSTFOLIO_CHROMIUM", "/usr/bin/chromium")
# Flags checked on this kind of machine (see the tool notes): no sandbox as root, no
# network chatter, no GPU.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests when Chromium is absent, unless running in CI."""
    if _chromium_available() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` to run"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Launch one headless Chromium for the whole session."""
    if not _chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install it (.ci/run)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on 127.0.0.1 at a free port; return its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(path: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        host, port = server.server_address[:2]
        return f"http://{host}:{port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def recipe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example recipes (with the search index) once; return the output folder."""
    from sitegen.build import build_site

    repo = Path(__file__).resolve().parents[2]
    root = tmp_path_factory.mktemp("recipe-site")
    content = root / "content"
    shutil.copytree(repo / "content" / "recipes", content / "recipes")
    shutil.copytree(repo / "content" / "images" / "recipes", content / "images" / "recipes")
    (content / "site.yml").write_text(
        "title: Test kitchen\nbase_url: http://localhost/\nauthor: {name: Ada Cook}\n",
        encoding="utf-8",
    )
    out = root / "build"
    build_site(content, out, cache_dir=root / "cache", progress=False)
    return out
