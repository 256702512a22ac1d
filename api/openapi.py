"""The OpenAPI 3.1 document served at ``/openapi.json``, built from the declarations."""

from __future__ import annotations

from typing import Any

from .body import MAX_DEPTH
from .contact import CONTACT_FIELDS
from .owner import LIST_QUERY, UPDATE_FIELDS, MessageId
from .validation import object_schema

ERROR = {
    "type": "object",
    "required": ["ok", "error", "message", "fields", "request_id"],
    "properties": {
        "ok": {"const": False},
        "error": {"type": "string", "description": "Stable code, e.g. invalid_fields."},
        "message": {"type": "string", "description": "What went wrong and what to do."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Problem per field name; empty when not about fields.",
        },
        "request_id": {"type": "string", "description": "Quote it when reporting a problem."},
    },
}
MESSAGE = {
    "type": "object",
    "required": ["id", "name", "email", "subject", "message", "created_at", "read", "notified"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "subject": {"type": "string"},
        "message": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "read": {"type": "boolean"},
        "notified": {"type": "boolean", "description": "The owner's email was sent."},
    },
}
SESSION = {
    "type": "object",
    "required": ["id", "label", "created_at", "last_seen", "expires", "current"],
    "properties": {
        "id": {"type": "string", "description": "The device's id (not its secret)."},
        "label": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "last_seen": {"type": "string", "format": "date-time"},
        "expires": {"type": "string", "format": "date-time"},
        "current": {"type": "boolean", "description": "The device asking."},
    },
}
_DESCRIPTIONS = {
    400: (
        "Malformed request: not UTF-8 JSON or not an object (malformed_json), nested "
        f"deeper than {MAX_DEPTH} levels (too_deep), a key or form field sent twice "
        "(duplicate_key)."
    ),
    401: "Missing or wrong owner token, or a signed-out device; see WWW-Authenticate.",
    403: (
        "Origin not allowed: a CORS preflight, or a POST, PATCH or DELETE whose Origin "
        "header names another site (origin_not_allowed). Requests without Origin pass, "
        "except changes made with a session cookie, which also need X-CSRF-Token "
        "(csrf_failed)."
    ),
    404: "No such resource.",
    405: "Method not allowed; see Allow.",
    409: "Conflict with the stored state (the error code says which); nothing was changed.",
    413: "Body larger than the configured limit, chunked or not.",
    415: "Wrong content type.",
    422: (
        "Field errors, all listed in `fields`: wrong type, length, range, format, "
        "control or text-direction characters, invalid Unicode."
    ),
    429: "Rate limited, or too many wrong owner tokens from this client; see Retry-After.",
    500: "Unexpected error; nothing internal is shown.",
    503: "Storage busy or unavailable, or feature not configured; see Retry-After.",
}
SERVED_AT = (
    "Served at the API's own URL and, on the site's origin, under /api "
    "(/api/contact, /api/openapi.json): the same paths with that prefix."
)
_COMMON = (405, 500)
_HEADERS = {
    401: {
        "WWW-Authenticate": {
            "required": True,
            "description": 'Bearer realm="frostfolio", with error="invalid_token" for a wrong one.',
            "schema": {"type": "string"},
        }
    },
    429: {
        "Retry-After": {
            "required": True,
            "description": "Seconds until the window ends.",
            "schema": {"type": "string", "pattern": "^[0-9]+$"},
        }
    },
}


def _ok(schema: dict[str, Any], description: str = "Success.") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _success(**props: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["ok", *props],
        "properties": {"ok": {"const": True}, **props},
    }


def _errors(*codes: int) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Error"}
    responses: dict[str, Any] = {}
    for code in sorted({*codes, *_COMMON}):
        response = {
            "description": _DESCRIPTIONS[code],
            "content": {"application/json": {"schema": ref}},
        }
        if code in _HEADERS:
            response["headers"] = _HEADERS[code]
        responses[str(code)] = response
    return responses


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


# For endpoint modules that describe their own paths (`openapi_paths()`).
ok, success, errors, json_body = _ok, _success, _errors, _json_body


def path_param(name: str, pattern: str, example: str, description: str) -> dict[str, Any]:
    """A required path parameter whose value matches ``pattern`` (the id converters' own)."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^{pattern}$"},
        "example": example,
        "description": description,
    }


def query_params(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Optional query parameters, one per validation ``Field``."""
    return [
        {"name": n, "in": "query", "required": False, "schema": f.json_schema()}
        for n, f in fields.items()
    ]


_ID = {
    "name": "message_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{MessageId.pattern}$"},  # type: ignore[attr-defined]
    "example": MessageId.example,  # type: ignore[attr-defined]
    "description": "A message id as listed.",
}
OWNER = _OWNER = [{"owner": []}, {"session": []}]
_OWNER_ERRORS = (401, 404, 429, 503)
_WRITE_ERRORS = (403,)  # the Origin check


def build_spec() -> dict[str, Any]:
    """Return the OpenAPI document describing every endpoint."""
    contact = object_schema(CONTACT_FIELDS)
    message_ref = {"$ref": "#/components/schemas/Message"}
    html = {"text/html": {"schema": {"type": "string"}}}
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "summary": "Report that the API is up.",
                "responses": {"200": _ok(_success(status={"const": "up"})), **_errors()},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document.",
                "responses": {"200": _ok({"type": "object"}), **_errors()},
            }
        },
        "/contact/token": {
            "get": {
                "summary": "Get a form token, accepted from min_age to max_age seconds later.",
                "responses": {
                    "200": _ok(
                        _success(
                            token={"type": "string"},
                            min_age={"type": "number"},
                            max_age={"type": "number"},
                        )
                    ),
                    **_errors(503),
                },
            }
        },
        "/contact": {
            "post": {
                "summary": "Send a message to the site owner.",
                "description": (
                    "JSON answers in JSON. An HTML form post (form-encoded) is redirected "
                    "to the site's /contact/thanks/ page on success; on failure it gets an "
                    "HTML page with the form refilled, the problems and a fresh token."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": contact},
                        "application/x-www-form-urlencoded": {"schema": contact},
                    },
                },
                "responses": {
                    "201": _ok(
                        _success(id={"type": "string"}, message={"type": "string"}),
                        "Stored (and the owner notified or queued for notification).",
                    ),
                    "303": {"description": "Form post stored: go to the thank-you page."},
                    **_errors(*_WRITE_ERRORS, 400, 413, 415, 422, 429, 503),
                },
            }
        },
        "/messages": {
            "get": {
                "summary": "List messages, newest first.",
                "security": _OWNER,
                "parameters": [
                    {"name": name, "in": "query", "required": False, "schema": f.json_schema()}
                    for name, f in LIST_QUERY.items()
                ],
                "responses": {
                    "200": _ok(
                        _success(
                            messages={"type": "array", "items": message_ref},
                            next_cursor={"type": ["string", "null"]},
                        )
                    ),
                    **_errors(401, 422, 429, 503),
                },
            }
        },
        "/inbox": {
            "get": {
                "summary": "Count messages and unread ones (cheap; poll with If-None-Match).",
                "security": _OWNER,
                "parameters": [
                    {
                        "name": "If-None-Match",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _ok(
                        _success(
                            total={"type": "integer"},
                            unread={"type": "integer"},
                            latest={"type": ["string", "null"]},
                        )
                    ),
                    "304": {"description": "Nothing changed since the ETag sent."},
                    **_errors(401, 429, 503),
                },
            }
        },
        "/messages/export.csv": {
            "get": {
                "summary": "Download every message as CSV.",
                "security": _OWNER,
                "responses": {
                    "200": {
                        "description": "CSV with a header row; formula-like cells are quoted.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **_errors(401, 429, 503),
                },
            }
        },
        "/messages/{message_id}": {
            "parameters": [_ID],
            "get": {
                "summary": "Show one message.",
                "security": _OWNER,
                "responses": {"200": _ok(_success(message=message_ref)), **_errors(*_OWNER_ERRORS)},
            },
            "patch": {
                "summary": "Mark a message read or unread.",
                "security": _OWNER,
                "requestBody": _json_body(object_schema(UPDATE_FIELDS)),
                "responses": {
                    "200": _ok(_success(message=message_ref)),
                    **_errors(*_OWNER_ERRORS, *_WRITE_ERRORS, 400, 413, 415, 422),
                },
            },
            "delete": {
                "summary": "Delete a message.",
                "security": _OWNER,
                "responses": {
                    "200": _ok(_success(deleted={"type": "string"})),
                    **_errors(*_OWNER_ERRORS, *_WRITE_ERRORS),
                },
            },
        },
    }
    from . import devices, idempotency, signin
    from .backup import routes as backup
    from .events import openapi as events
    from .events import owner_openapi as event_owner
    from .health import routes as health_page
    from .money import imports_openapi as money_imports
    from .money import openapi as money
    from .ratings import openapi as ratings
    from .training import openapi as training

    # Each endpoint group documents its own paths.
    for module in (
        signin,
        devices,
        backup,
        health_page,
        events,
        event_owner,
        ratings,
        money,
        training,
    ):
        for path, item in module.openapi_paths().items():
            paths.setdefault(path, {}).update(item)
    from .comments.mail_openapi import openapi_paths as comment_mail_paths

    paths.update(comment_mail_paths())
    from .comments import openapi as comments

    paths.update(comments.openapi_paths())
    paths.update(money_imports.openapi_paths())
    # HTML form posts get their failure page as text/html with the same status.
    for code, response in paths["/contact"]["post"]["responses"].items():
        if code in {"201", "422", "429", "503"}:
            response["content"].update(html)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Frostfolio API",
            "version": "1",
            "description": (
                "Contact messages, event RSVPs, the owner's inbox and sign-in. "
                "Errors share one shape. " + SERVED_AT
            ),
        },
        "paths": paths,
        "components": {
            "parameters": idempotency.COMPONENTS_PARAMETERS,
            "headers": idempotency.COMPONENTS_HEADERS,
            "schemas": {
                "Error": ERROR,
                "Message": MESSAGE,
                "Session": SESSION,
                **events.COMPONENTS,
                **comments.COMPONENTS,
                **ratings.COMPONENTS,
                **money.COMPONENTS,
            },
            "securitySchemes": {
                "owner": {"type": "http", "scheme": "bearer"},
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "__Host-ff_session",
                    "description": (
                        "A signed-in device (POST /owner/session). Changes also need "
                        "X-CSRF-Token and the site's own Origin."
                    ),
                },
            },
        },
    }
