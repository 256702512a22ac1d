"""The API's exceptions and the one JSON error shape every failure uses.

Body of every error: ``{"ok": false, "error": CODE, "message": text,
"fields": {field: message}, "request_id": id}``. Each exception class carries
its HTTP status, so views raise and one handler answers.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify
from werkzeug.exceptions import HTTPException

from .storage import StorageError, TableMissing

log = logging.getLogger("api.errors")


class ApiError(Exception):
    """A failure the client is told about, with its status and stable code."""

    status = 400
    code = "bad_request"
    message = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        code: str | None = None,
        retry_after: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.fields = fields or {}
        if code:
            self.code = code
        self.retry_after = retry_after
        self.headers = headers or {}


class BadRequest(ApiError):
    status, code = 400, "bad_request"


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"
    message = "Send the owner token as 'Authorization: Bearer <token>'."


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"
    message = "Nothing here: check the URL."


class UnsupportedMediaType(ApiError):
    status, code = 415, "unsupported_media_type"


class InvalidFields(ApiError):
    status, code = 422, "invalid_fields"
    message = "Some fields need attention."


class RateLimited(ApiError):
    status, code = 429, "rate_limited"
    message = "Too many requests: try again later."


class ServiceUnavailable(ApiError):
    status, code = 503, "unavailable"
    message = "The service is busy or unavailable: try again shortly."


# HTTP errors raised by routing, request parsing or the HTTP server, mapped to our codes.
HTTP_CODES = {
    400: ("bad_request", "The request could not be read."),
    404: ("not_found", "Nothing here: check the URL."),
    405: ("method_not_allowed", "This method is not allowed here."),
    413: ("payload_too_large", "The request body is too large."),
    414: ("uri_too_long", "The URL is too long."),
    415: ("unsupported_media_type", "Send the body as application/json."),
    431: ("headers_too_large", "The request headers are too large."),
}


def error_document(
    code: str, message: str, fields: dict[str, str] | None, request_id: str
) -> dict[str, object]:
    """Return the body of an error in the one shape, as a dict."""
    return {
        "ok": False,
        "error": code,
        "message": message,
        "fields": fields or {},
        "request_id": request_id,
    }


def error_body(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
) -> Response:
    """Build a response in the one error shape."""
    g.error_code = code  # for the health page's record of a 5xx (api/http.py)
    response = jsonify(error_document(code, message, fields, g.get("request_id", "")))
    response.status_code = status
    return response


def from_storage(exc: StorageError) -> ApiError:
    """Turn a storage failure into the 503 the client sees (details stay in the log)."""
    g.storage_failed = True  # not recorded in the table that just failed (api/http.py)
    log.error(
        "storage failure (request_id=%s): %s: %s",
        g.get("request_id", ""),
        type(exc).__name__,
        exc.__cause__ or exc,
    )
    if isinstance(exc, TableMissing):
        return ServiceUnavailable("Storage is not set up on this server.", retry_after=60)
    return ServiceUnavailable(retry_after=2)


def register(app: Flask) -> None:
    """Answer every failure, expected or not, in the one error shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        response = error_body(exc.status, exc.code, exc.message, exc.fields)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(max(1, int(exc.retry_after)))
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(StorageError)
    def _storage_error(exc: StorageError) -> Response:
        return _api_error(from_storage(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        code, message = HTTP_CODES.get(status, ("error", exc.name))
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            message = f"The request body is too large (limit {limit} bytes)."
        response = error_body(status, code, message)
        if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # The traceback goes to the log with the request id; the client gets neither.
        log.error("unhandled error (request_id=%s)", g.get("request_id", ""), exc_info=exc)
        g.failure_type = type(exc).__name__
        return error_body(
            500,
            "internal_error",
            "Something went wrong on our side; quote the request id if you report it.",
        )
