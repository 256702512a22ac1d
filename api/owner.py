"""Owner endpoints (bearer token): list, read, mark read, delete and export messages."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from flask import Blueprint, Response, jsonify, request

from . import messages
from .errors import InvalidFields, NotFound
from .http import read_body
from .security import check_owner
from .services import current
from .validation import Field, validate

bp = Blueprint("owner", __name__)

LIST_QUERY = {
    "limit": Field(required=False, max_length=3, description="Messages per page, 1-100."),
    "cursor": Field(required=False, max_length=500, description="next_cursor of the last page."),
}
UPDATE_FIELDS = {"read": Field(type=bool, description="true to mark read, false for unread.")}
CSV_COLUMNS = ("id", "created_at", "name", "email", "subject", "message", "read", "notified")
# A leading =, +, -, @, tab or CR makes spreadsheets run the cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.before_request
def _owner_only() -> None:
    check_owner(request.headers.get("Authorization"), current().settings.owner_token_sha256)


def _missing(message_id: str) -> NotFound:
    return NotFound(f"No message with id {message_id[:64]!r}.")


@bp.get("/messages")
def list_messages() -> Response:
    """List messages newest first, a page at a time."""
    query = validate(request.args.to_dict(), LIST_QUERY)
    limit = 20
    if query["limit"]:
        if not query["limit"].isdigit() or not 1 <= int(query["limit"]) <= 100:
            raise InvalidFields(fields={"limit": "Must be a whole number from 1 to 100."})
        limit = int(query["limit"])
    items, cursor = messages.page(current().table, limit, query["cursor"] or None)
    return jsonify(ok=True, messages=[messages.public(i) for i in items], next_cursor=cursor)


@bp.get("/messages/<message_id>")
def get_message(message_id: str) -> Response:
    """Show one message."""
    item = messages.get(current().table, message_id)
    if item is None:
        raise _missing(message_id)
    return jsonify(ok=True, message=messages.public(item))


@bp.patch("/messages/<message_id>")
def update_message(message_id: str) -> Response:
    """Mark a message read or unread."""
    data, _ = read_body()
    fields = validate(data, UPDATE_FIELDS)
    item = messages.set_read(current().table, message_id, fields["read"])
    if item is None:
        raise _missing(message_id)
    return jsonify(ok=True, message=messages.public(item))


@bp.delete("/messages/<message_id>")
def delete_message(message_id: str) -> Response:
    """Delete a message for good."""
    if not messages.delete(current().table, message_id):
        raise _missing(message_id)
    return jsonify(ok=True, deleted=message_id)


def safe_cell(value: object) -> str:
    """Return a CSV cell that spreadsheets show as text, never run as a formula."""
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(items: list[dict]) -> str:
    """Render messages as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow([safe_cell(item.get(col)) for col in CSV_COLUMNS])
    return out.getvalue()


@bp.get("/messages/export.csv")
def export_messages() -> Response:
    """Download every message as CSV, newest first."""
    body = to_csv(list(messages.every(current().table)))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="messages-{stamp}.csv"'},
    )
