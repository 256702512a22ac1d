"""``GET /owner/health``: last deploy, job runs, pending notifications, recent errors."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from ..auth import require_owner
from ..services import current

bp = Blueprint("health", __name__)
bp.before_request(require_owner)


@bp.get("/owner/health")
def show() -> Response:
    """Show how the site is doing: deploy, jobs, notifications, errors."""
    from .report import health

    return jsonify(ok=True, **health(current().table))


def openapi_paths() -> dict[str, Any]:
    """Describe the health page for /openapi.json."""
    from ..openapi import OWNER, errors, ok, success

    text = {"type": ["string", "null"]}
    job = {
        "type": "object",
        "properties": {
            "job": {"type": "string"},
            "started_at": text,
            "finished_at": text,
            "seconds": {"type": ["number", "null"]},
            "ok": {"type": ["boolean", "null"]},
            "counts": {"type": ["object", "null"], "additionalProperties": {"type": "integer"}},
            "error": text,
            "runs": {"type": ["integer", "null"]},
            "failures": {"type": ["integer", "null"]},
            "failed_at": text,
            "last_error": text,
        },
    }
    error = {
        "type": "object",
        "properties": {
            "at": text,
            "request_id": text,
            "method": text,
            "path": text,
            "status": {"type": ["integer", "null"]},
            "error": text,
            "exception": text,
        },
    }
    deploy = {
        "type": ["object", "null"],
        "properties": {
            "stage": text,
            "finished_at": text,
            "commit": text,
            "api": {"type": ["boolean", "null"]},
        },
    }
    notifications = {
        "type": "object",
        "required": ["pending", "queues", "oldest"],
        "properties": {
            "pending": {"type": "integer"},
            "queues": {"type": "object", "additionalProperties": {"type": "integer"}},
            "oldest": text,
        },
    }
    return {
        "/owner/health": {
            "get": {
                "summary": "Show the last deploy, job runs, pending notifications, recent errors.",
                "security": OWNER,
                "responses": {
                    "200": ok(
                        success(
                            now={"type": "string"},
                            deploy=deploy,
                            jobs={"type": "array", "items": job},
                            notifications=notifications,
                            errors={"type": "array", "items": error},
                        )
                    ),
                    **errors(401, 429, 503),
                },
            }
        }
    }
