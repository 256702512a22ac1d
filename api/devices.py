"""The owner's signed-in devices: this session, the list, signing one or all out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify

from . import sessions
from .auth import cookie_name, require_owner
from .errors import NotFound
from .routing import id_converter, use_converter
from .services import current

bp = Blueprint("devices", __name__)
DEVICE_PATTERN = "[0-9a-f]{16}"
DeviceId = id_converter("device_id", DEVICE_PATTERN, "0123456789abcdef")
use_converter(bp, "device_id", DeviceId)
bp.before_request(require_owner)


def _signed_out(response: Response) -> Response:
    settings = current().settings
    response.delete_cookie(
        cookie_name(settings),
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.get("/owner/session")
def this_session() -> Response:
    """Tell who is asking: this device's session and its CSRF token, or the token."""
    item = g.owner_session
    if item is None:
        return jsonify(ok=True, via="token", session=None, csrf=None)
    csrf = sessions.csrf_token(item, current().secret)
    return jsonify(ok=True, via="session", session=sessions.public(item, item), csrf=csrf)


@bp.delete("/owner/session")
def sign_out() -> Response:
    """Sign this device out (a request with the owner token has nothing to end)."""
    item = g.owner_session
    if item is not None:
        sessions.end(current().table, item)
    return _signed_out(jsonify(ok=True, signed_out=item is not None))


@bp.get("/owner/sessions")
def list_sessions() -> Response:
    """List the signed-in devices, newest first, marking this one."""
    items = sessions.every(current().table)
    return jsonify(ok=True, sessions=[sessions.public(i, g.owner_session) for i in items])


@bp.delete("/owner/sessions")
def sign_out_everywhere() -> Response:
    """Sign every device out, this one included."""
    count = sessions.end_all(current().table)
    return _signed_out(jsonify(ok=True, signed_out=count))


@bp.delete("/owner/sessions/<device_id:device_id>")
def sign_out_device(device_id: str) -> Response:
    """Sign one device out; it is refused from its next request on."""
    if not sessions.end_by_public_id(current().table, device_id):
        raise NotFound(f"No signed-in device {device_id!r}.")
    response = jsonify(ok=True, signed_out=device_id)
    mine = g.owner_session
    return _signed_out(response) if mine is not None and mine["id"] == device_id else response


def openapi_paths() -> dict[str, Any]:
    """Describe the device endpoints for /openapi.json."""
    from .openapi import OWNER, errors, ok, success

    session = {"$ref": "#/components/schemas/Session"}
    device = {
        "name": "device_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^{DEVICE_PATTERN}$"},
        "example": DeviceId.example,  # type: ignore[attr-defined]
        "description": "A device's id as listed.",
    }
    return {
        "/owner/session": {
            "get": {
                "summary": "Tell how this request is signed in, with the session's CSRF token.",
                "security": OWNER,
                "responses": {
                    "200": ok(
                        success(
                            via={"enum": ["session", "token"]},
                            session={"oneOf": [session, {"type": "null"}]},
                            csrf={"type": ["string", "null"]},
                        )
                    ),
                    **errors(401, 429, 503),
                },
            },
            "delete": {
                "summary": "Sign this device out.",
                "security": OWNER,
                "responses": {
                    "200": ok(success(signed_out={"type": "boolean"})),
                    **errors(401, 403, 429, 503),
                },
            },
        },
        "/owner/sessions": {
            "get": {
                "summary": "List the signed-in devices, newest first.",
                "security": OWNER,
                "responses": {
                    "200": ok(success(sessions={"type": "array", "items": session})),
                    **errors(401, 429, 503),
                },
            },
            "delete": {
                "summary": "Sign every device out.",
                "security": OWNER,
                "responses": {
                    "200": ok(success(signed_out={"type": "integer"})),
                    **errors(401, 403, 429, 503),
                },
            },
        },
        "/owner/sessions/{device_id}": {
            "parameters": [device],
            "delete": {
                "summary": "Sign one device out.",
                "security": OWNER,
                "responses": {
                    "200": ok(success(signed_out={"type": "string"})),
                    **errors(401, 403, 404, 429, 503),
                },
            },
        },
    }
