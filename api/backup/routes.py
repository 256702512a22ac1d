"""``GET /owner/export``: the owner downloads the backup file from the dashboard.

The one module of the package the app imports at start; the export itself is
imported on the first download. Lambda answers at most 6 MB (the JSON Lines
text travels escaped inside Zappa's JSON answer, so about 4 MB of file): a
larger table is exported with ``python -m api.backup export`` instead, and the
answer says so.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, stream_with_context

from ..auth import require_owner
from ..errors import ServiceUnavailable
from ..services import current

bp = Blueprint("backup", __name__)
bp.before_request(require_owner)
MAX_BYTES = 4_000_000
MEDIA_TYPE = "application/jsonl"


@bp.get("/owner/export")
def download() -> Response:
    """Download every item of the table as a backup file (JSON Lines)."""
    from .export import TooLarge, snapshot

    try:
        snap = snapshot(current().table, max_bytes=MAX_BYTES)
        size = snap.size()
        if size > MAX_BYTES:  # the header tipped it over
            raise TooLarge(size)
    except TooLarge:
        raise ServiceUnavailable(
            f"The backup is more than the API can send in one answer ({MAX_BYTES / 1e6:.0f} MB): "
            "run `python -m api.backup export FILE` (README, Backups).",
            code="export_too_large",
        ) from None
    day = snap.exported_at[:10]
    name = f"frostfolio-{snap.table}-{day}.jsonl"
    return Response(
        stream_with_context(snap.chunks()),
        mimetype=MEDIA_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Length": str(size),
        },
    )


def openapi_paths() -> dict[str, Any]:
    """Describe the export for /openapi.json."""
    from ..openapi import OWNER, errors

    return {
        "/owner/export": {
            "get": {
                "summary": "Download every item of the table as a backup file (JSON Lines).",
                "description": (
                    "A header line, then one item per line in DynamoDB's typed JSON, "
                    "sorted by key; sessions, sign-in links, rate-limit windows and "
                    "recent errors are left out. The same file as `python -m api.backup "
                    "export`, which `restore` reads. A backup over 4 MB is refused "
                    "(export_too_large): use the command line."
                ),
                "security": OWNER,
                "responses": {
                    "200": {
                        "description": "The backup file, as an attachment.",
                        "content": {MEDIA_TYPE: {"schema": {"type": "string"}}},
                    },
                    **errors(401, 429, 503),
                },
            }
        }
    }
