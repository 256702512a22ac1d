"""The API's local HTTP server (``make dev``, tests): Werkzeug's, hardened at the edges.

Werkzeug's development server answers some requests before the app sees them:
a request line over 64 KiB (414), over 100 headers or a header line over
64 KiB (431), an unreadable request line (400). Python's ``http.server`` writes
those as HTML; :class:`ApiRequestHandler` writes them in the API's one JSON
error shape instead.

After answering, the server also reads and discards what the client is still
sending (so it sees a 413 rather than a reset connection) with one
``read(10_000_000)``, which waits for all 10 MB or the end of the stream: a
client that sent an oversized body and then waited for the answer to end held
the connection until it gave up. Here that read takes only what has arrived,
so the connection closes once the client stops sending, and a read timeout
bounds any idle connection to :data:`IDLE_SECONDS`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .errors import HTTP_CODES, error_document

IDLE_SECONDS = 5
_DISCARD_READ = 10_000_000  # the size of Werkzeug's discarding read (serving.py)


class _Reader:
    """The connection's reader, except that the discarding read returns what has arrived."""

    def __init__(self, buffered: Any) -> None:
        self._buffered = buffered

    def __getattr__(self, name: str) -> Any:
        return getattr(self._buffered, name)

    def read(self, size: int = -1) -> bytes:
        if size >= _DISCARD_READ:
            return self._buffered.read1(size)
        return self._buffered.read(size)


class ApiRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler with JSON errors, a prompt close and a read timeout."""

    timeout = IDLE_SECONDS

    def setup(self) -> None:
        """Set up the connection as usual, with the reader that does not wait to discard."""
        super().setup()
        self.rfile = _Reader(self.rfile)  # type: ignore[assignment]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a request the server refused before the app ran, in the error shape."""
        self.log_error("code %d, message %s", code, message)
        error, text = HTTP_CODES.get(code, HTTP_CODES[400])
        request_id = uuid.uuid4().hex
        body = json.dumps(error_document(error, text, None, request_id)).encode()
        self.send_response(code, message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", request_id)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True


def serve(host: str, port: int, app: Any) -> BaseWSGIServer:
    """Return a threaded server for ``app`` on ``host:port`` (0 picks a free port)."""
    return make_server(host, port, app, threaded=True, request_handler=ApiRequestHandler)
