"""Owner endpoints: the inbox's counts, list and search, read, mark read, delete, export."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from . import csvfile, inbox, messages
from .auth import require_owner
from .body import read_body
from .errors import NotFound
from .routing import id_converter, use_converter
from .services import current
from .validation import Field, validate, validate_query

bp = Blueprint("owner", __name__)
MessageId = id_converter("message_id", messages.ID_PATTERN, messages.ID_EXAMPLE)
use_converter(bp, "message_id", MessageId)
bp.before_request(require_owner)

LIST_QUERY = {
    "limit": Field(
        type=int,
        required=False,
        minimum=1,
        maximum=100,
        default=20,
        description="Messages per page.",
    ),
    "cursor": Field(
        required=False,
        pattern=messages.ID_PATTERN,
        pattern_message=messages.CURSOR_MESSAGE,
        description="next_cursor of the last page (the id of its last message).",
    ),
    "q": Field(
        required=False,
        max_length=100,
        single_line=True,
        description="Only messages whose sender, address, subject or text contains this.",
    ),
}
UPDATE_FIELDS = {"read": Field(type=bool, description="true to mark read, false for unread.")}
CSV_COLUMNS = ("id", "created_at", "name", "email", "subject", "message", "read", "notified")


def _missing(message_id: str) -> NotFound:
    return NotFound(f"No message with id {message_id!r}.")


@bp.get("/messages")
def list_messages() -> Response:
    """List messages newest first, a page at a time."""
    query = validate_query(request.args, LIST_QUERY)
    table, cursor = current().table, query["cursor"] or None
    if query["q"]:
        items, cursor = messages.matching(table, query["q"], query["limit"], cursor)
    else:
        items, cursor = messages.page(table, query["limit"], cursor)
    return jsonify(ok=True, messages=[messages.public(i) for i in items], next_cursor=cursor)


@bp.get("/inbox")
def inbox_summary() -> Response:
    """Count the messages and unread ones; 304 when nothing changed (If-None-Match)."""
    summary = inbox.summary(current().table)
    etag = f"{summary['total']}-{summary['unread']}-{summary['latest'] or 'none'}"
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = jsonify(ok=True, **summary)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"  # ask every time; the answer is cheap
    return response


@bp.get("/messages/export.csv")
def export_messages() -> Response:
    """Download every message as CSV, newest first."""
    return csvfile.download(
        csvfile.to_csv(CSV_COLUMNS, messages.every(current().table)), "messages"
    )


@bp.get("/messages/<message_id:message_id>")
def get_message(message_id: str) -> Response:
    """Show one message."""
    item = messages.get(current().table, message_id)
    if item is None:
        raise _missing(message_id)
    return jsonify(ok=True, message=messages.public(item))


@bp.patch("/messages/<message_id:message_id>")
def update_message(message_id: str) -> Response:
    """Mark a message read or unread."""
    data, _ = read_body()
    fields = validate(data, UPDATE_FIELDS)
    item = messages.set_read(current().table, message_id, fields["read"])
    if item is None:
        raise _missing(message_id)
    return jsonify(ok=True, message=messages.public(item))


@bp.delete("/messages/<message_id:message_id>")
def delete_message(message_id: str) -> Response:
    """Delete a message for good."""
    if not messages.delete(current().table, message_id):
        raise _missing(message_id)
    return jsonify(ok=True, deleted=message_id)
