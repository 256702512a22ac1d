"""Owner endpoints: the moderation queue, approve, reject, edit, delete, the counts.

Guarded like every owner endpoint (``api.auth.require_owner``): the bearer
token, or a signed-in browser's session with its CSRF header for changes.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..auth import require_owner
from ..body import read_body
from ..services import current
from ..validation import validate, validate_query
from .views import CommentId, use_converter

bp = Blueprint("comments_owner", __name__)
use_converter(bp, "comment_id", CommentId)
bp.before_request(require_owner)


@bp.get("/owner/comments")
def queue() -> Response:
    """List comments of a status (default: pending, the queue), newest first."""
    from . import service, store
    from .fields import QUEUE_QUERY

    query = validate_query(request.args, QUEUE_QUERY)
    table = current().table
    start = None
    if query.get("cursor"):
        last = store.get(table, query["cursor"])
        if last is None or last["status"] != query["status"]:
            # The comment the page ended at has moved on: nothing follows it any more.
            return jsonify(ok=True, comments=[], next_cursor=None)
        start = {k: last[k] for k in ("pk", "sk", "gsi1pk", "gsi1sk")}
    items, more = store.by_status(table, query["status"], limit=query["limit"], cursor=start)
    cursor = items[-1]["id"] if more and items else None
    titles = {}
    for thread in {i["thread"] for i in items}:
        meta = store.get_thread(table, thread) or {}
        titles[thread] = {"title": meta.get("title"), "url": meta.get("url")}
    comments = [dict(service.for_owner(i), page=titles[i["thread"]]) for i in items]
    return jsonify(ok=True, comments=comments, next_cursor=cursor)


@bp.get("/owner/comments/summary")
def summary() -> Response:
    """Count comments by status (the dashboard's card)."""
    from . import store

    response = jsonify(ok=True, **store.counts(current().table))
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.patch("/owner/comments/<comment_id:comment_id>")
def change(comment_id: str) -> Response:
    """Approve, reject or edit a comment."""
    from . import service
    from .fields import OWNER_FIELDS

    fields = validate(read_body()[0], OWNER_FIELDS)
    comment = service.moderate(current(), comment_id, fields["status"], fields["text"] or None)
    return jsonify(ok=True, comment=service.for_owner(comment))


@bp.delete("/owner/comments/<comment_id:comment_id>")
def delete(comment_id: str) -> Response:
    """Delete a comment for good (its votes too)."""
    from . import service

    service.delete(current(), comment_id)
    return jsonify(ok=True, deleted=comment_id)
