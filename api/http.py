"""Per-request plumbing: request id, the Origin check, CORS and the JSON access log."""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, request

from .errors import Forbidden
from .security import client_hash
from .services import current

access_log = logging.getLogger("api.access")

CORS_METHODS = "GET, POST, PUT, PATCH, DELETE"
CORS_HEADERS = "Authorization, Content-Type"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
VIEWER_HEADER = "CloudFront-Viewer-Address"
VERIFY_HEADER = "X-Origin-Verify"
_PORT = re.compile(r"[0-9]{1,5}")


def _setup_log() -> None:
    # Lambda's root logger drops INFO, so the access log has its own handler.
    if not access_log.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False


def client_address() -> str:
    """Return the visitor's address: CloudFront's, if the request proves it came through it."""
    # X-Forwarded-For is client-controlled; Zappa puts API Gateway's sourceIp here.
    # Behind the site's CloudFront that is CloudFront's own address, shared by
    # every visitor, so the viewer's address is taken from the header CloudFront
    # sets, but only with the secret the distribution adds: a direct call to the
    # execute-api URL could send the header too.
    if _from_distribution():
        viewer = viewer_ip(request.headers.get(VIEWER_HEADER, ""))
        if viewer:
            return viewer
    return request.remote_addr or "-"


def _from_distribution() -> bool:
    secret = current().settings.origin_secret
    sent = request.headers.get(VERIFY_HEADER)
    if not secret or sent is None:
        return False
    return hmac.compare_digest(sent.encode("utf-8", "surrogatepass"), secret.encode())


def viewer_ip(value: str) -> str | None:
    """Return the IP of a ``CloudFront-Viewer-Address`` value (``ip:port``), or None.

    IPv6 comes unbracketed (``2001:db8::1:443``), so the port is after the last
    colon. The address is returned in canonical form, so one visitor is one key
    however the address is written.
    """
    host, colon, port = value.strip().rpartition(":")
    if not colon or not _PORT.fullmatch(port) or int(port) > 65535 or "%" in host:
        return None
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def register(app: Flask) -> None:
    """Install request ids, CORS and access logging on ``app``."""
    _setup_log()

    @app.before_request
    def _start() -> Response | None:
        g.request_id = uuid.uuid4().hex
        g.started = time.perf_counter()
        is_preflight = "Access-Control-Request-Method" in request.headers
        if request.method == "OPTIONS" and is_preflight and request.url_rule is not None:
            return _preflight()
        if request.method in STATE_CHANGING:
            _check_origin()
        return None

    @app.after_request
    def _finish(response: Response) -> Response:
        origin = request.headers.get("Origin")
        if origin and origin.rstrip("/") in current().settings.allowed_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "Retry-After, X-Request-Id"
        response.vary.add("Origin")
        response.headers["X-Request-Id"] = g.get("request_id", "")
        response.headers.setdefault("Cache-Control", "no-store")
        _log(response.status_code)
        if response.status_code >= 500:
            _remember_failure(response.status_code)
        return response


def _origin_refused() -> Forbidden:
    return Forbidden(
        "This origin may not call the API (see FROSTFOLIO_ALLOWED_ORIGINS).",
        code="origin_not_allowed",
    )


def _check_origin() -> None:
    # CORS only hides the answer from a foreign page; the request itself would
    # still be carried out (a plain HTML form needs no preflight). So a write
    # whose Origin is another site's is refused before anything runs. Clients
    # that send no Origin (curl, server-to-server) are not browsers acting for
    # someone else, and the API's own pages post from its own origin.
    origin = request.headers.get("Origin")
    if origin is None:
        return
    origin = origin.rstrip("/")
    if origin in current().settings.allowed_origins:
        return
    if origin == f"{request.scheme}://{request.host}":
        return
    raise _origin_refused()


def _preflight() -> Response:
    origin = (request.headers.get("Origin") or "").rstrip("/")
    if origin not in current().settings.allowed_origins:
        raise _origin_refused()
    response = Response(status=204)
    response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
    response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
    response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _remember_failure(status: int) -> None:
    # The owner's health page lists recent 5xx by request id (api/health): what
    # was asked, never what was sent. Not when the table itself failed: the
    # record would fail too, and the access log has the line anyway.
    if g.get("storage_failed"):
        return
    try:
        from .health.records import record_error

        record_error(
            current().table,
            datetime.now(UTC),
            g.get("request_id", ""),
            request.method,
            request.path,
            status,
            g.get("error_code"),
            g.get("failure_type"),
        )
    except Exception as exc:
        logging.getLogger("api.health").warning("5xx not recorded: %s", exc)


def _log(status: int) -> None:
    started = g.get("started")
    line = {
        "request_id": g.get("request_id", ""),
        "method": request.method,
        "path": request.path,
        "status": status,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
        "client": client_hash(client_address(), current().secret),
    }
    access_log.info(json.dumps(line, separators=(",", ":")))
