"""The local server (`make dev`) over a real socket: its own errors are in the error shape too."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import requests

from api.devserver import serve

from .conftest import contact_body, table_items


@pytest.fixture
def server(make_app):
    """Serve an app with a 1,000-byte body limit on an ephemeral port."""
    app = make_app(max_body_bytes=1000)
    httpd = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield app, httpd.server_port
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def exchange(port: int, request: bytes) -> tuple[int, dict, float]:
    """Send raw bytes, read until the server closes; return status, JSON body, seconds."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert b"content-type: application/json" in head.lower(), head
    return status, json.loads(body), time.monotonic() - started


def chunked(body: bytes, size: int = 4096) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_an_oversized_chunked_body_is_413_and_the_connection_ends(server):
    app, port = server
    before = table_items(app)
    body = json.dumps(contact_body(message="x" * 200_000)).encode()
    request = (
        b"POST /contact HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunked(body)
    )
    status, answer, seconds = exchange(port, request)
    assert (status, answer["error"]) == (413, "payload_too_large")
    assert "1000 bytes" in answer["message"]
    assert seconds < 2  # closed once the client stopped sending, not held
    assert table_items(app) == before


def test_a_chunked_body_within_the_limit_is_read_whole(server):
    app, port = server

    def pieces():
        yield b'{"name": "Ada", "email": "ada@example.org", '
        yield b'"message": "Chunked hello", "website": "", "token": "x"}'

    response = requests.post(
        f"http://127.0.0.1:{port}/contact",
        data=pieces(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    # Read whole and parsed: the form token is the only problem left.
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["token"]


def test_a_url_over_64_kib_is_414_in_the_error_shape(server):
    _, port = server
    status, answer, _ = exchange(port, b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: api\r\n\r\n")
    assert (status, answer["error"], answer["ok"]) == (414, "uri_too_long", False)
    assert set(answer) == {"ok", "error", "message", "fields", "request_id"}


@pytest.mark.parametrize(
    "headers",
    [
        b"".join(b"X-Many-%d: 1\r\n" % n for n in range(150)),
        b"X-Huge: " + b"a" * 70_000 + b"\r\n",
    ],
    ids=["too-many", "too-long"],
)
def test_oversized_headers_are_431_in_the_error_shape(server, headers):
    _, port = server
    request = b"GET /health HTTP/1.1\r\nHost: api\r\n" + headers + b"\r\n"
    status, answer, _ = exchange(port, request)
    assert (status, answer["error"]) == (431, "headers_too_large")
    assert len(answer["request_id"]) == 32
