"""The build's reads from the API: saved when reached, the last copy when not, never failing."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator

import pytest
from sitegen.content.public_data import api_root, fetch_public


class _Handler(http.server.BaseHTTPRequestHandler):
    answer: tuple[int, bytes] = (200, b'{"ok": true, "recipes": {}}')
    delay = 0.0

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(self.delay)
        status, body = self.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def api(monkeypatch) -> Iterator[tuple[str, type]]:
    """Serve canned answers on a free port; give (url, handler class to change them)."""
    monkeypatch.delenv("SITEGEN_OFFLINE", raising=False)
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def test_a_good_answer_is_returned_and_kept(api, tmp_path):
    url, handler = api
    handler.answer = (200, b'{"ok": true, "recipes": {"dal": {"count": 1}}}')
    data = fetch_public(url, "/ratings/summary", cache_dir=tmp_path, name="ratings")
    assert data == {"ok": True, "recipes": {"dal": {"count": 1}}}
    assert json.loads((tmp_path / "public" / "ratings.json").read_text()) == data


@pytest.mark.parametrize(
    "answer",
    [(500, b'{"ok": false}'), (200, b"not json"), (404, b"")],
    ids=["server-error", "not-json", "not-found"],
)
def test_a_failure_returns_the_last_good_copy(api, tmp_path, caplog, answer):
    url, handler = api
    fetch_public(url, "/s", cache_dir=tmp_path, name="ratings")  # the good copy
    handler.answer = answer
    data = fetch_public(url, "/s", cache_dir=tmp_path, name="ratings")
    assert data == {"ok": True, "recipes": {}}
    assert "copy from the last build" in caplog.text


def test_a_slow_api_is_given_up_on_after_the_timeout(api, tmp_path):
    url, handler = api
    handler.delay = 3
    started = time.monotonic()
    assert fetch_public(url, "/s", cache_dir=tmp_path, name="x", timeout=0.3) is None
    assert time.monotonic() - started < 2


def test_unreachable_api_without_a_copy_gives_none(tmp_path, monkeypatch):
    monkeypatch.delenv("SITEGEN_OFFLINE", raising=False)
    dead = "http://127.0.0.1:9"  # discard port: nothing listens
    assert fetch_public(dead, "/s", cache_dir=tmp_path, name="x") is None
    assert fetch_public("file:///etc", "/passwd", cache_dir=tmp_path, name="x") is None


def test_offline_reads_only_the_copy(api, tmp_path, monkeypatch):
    url, handler = api
    fetch_public(url, "/s", cache_dir=tmp_path, name="ratings")
    handler.answer = (200, b'{"ok": true, "recipes": {"new": {}}}')
    monkeypatch.setenv("SITEGEN_OFFLINE", "1")
    assert fetch_public(url, "/s", cache_dir=tmp_path, name="ratings") == {
        "ok": True,
        "recipes": {},
    }


@pytest.mark.parametrize(
    "api_url,base_url,expected",
    [
        ("https://api.example.org/", "https://example.org/", "https://api.example.org"),
        ("/api", "https://example.org/", "https://example.org/api"),
        ("/api", "https://example.org/ada/", "https://example.org/ada/api"),
        ("", "https://example.org/", None),
        ("/api", "/", None),
    ],
)
def test_api_root(api_url, base_url, expected):
    assert api_root(api_url, base_url) == expected
