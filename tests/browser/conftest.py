"""Fixtures for browser tests: a static server for built sites, and built sites.

The `browser` fixture itself lives in tests/conftest.py, shared with tests/api.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


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
    from sitegen.commands.build import build_site

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
