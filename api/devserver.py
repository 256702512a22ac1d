"""The API's local HTTP server (``make dev``, tests): Werkzeug's, hardened at the edges.

Werkzeug's development server answers some requests before the app sees them:
a request line over 64 KiB (414), over 100 headers or a header line over
64 KiB (431), an unreadable request line (400). Python's ``http.server`` writes
those as HTML; :class:`ApiRequestHandler` writes them in the API's one JSON
error shape instead.

After answering, the server also reads and discards what the client is still
sending (so it sees a 413 rather than a reset connection), blocking until
10 MB or the end of the stream. A client that sent an oversized body and then
waits would hold a thread until it gave up; a read timeout bounds that, and
any idle connection, to :data:`IDLE_SECONDS`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from .errors import HTTP_CODES, error_document

IDLE_SECONDS = 5


class ApiRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler with JSON errors and a read timeout."""

    timeout = IDLE_SECONDS

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
