"""The comment service: who may post where, moderation and trust, reviews, votes.

Views call these; tests call them directly and through HTTP. Every stored
change is one transaction in ``store``; the notification it records is
published only after it committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import ApiError, Forbidden, InvalidFields, NotFound
from ..services import Services
from . import keys, outbox, store


class Conflict(ApiError):
    status, code = 409, "conflict"


@dataclass
class Author:
    """Who is posting: the owner (approved, marked), or a visitor and their keys."""

    owner: bool
    visitor: str
    client: str


def not_found(thread: str) -> NotFound:
    """The answer for a page that takes no comments (unknown, off or removed)."""
    return NotFound(f"No comments here: {thread!r} is not a page that takes them.")


def open_thread(services: Services, thread: str, now: datetime) -> dict[str, Any]:
    """Return the thread's META if it takes new comments now; else 404 or 403."""
    meta = store.get_thread(services.table, thread)
    if meta is None or meta.get("removed_at") or meta.get("comments") == keys.OFF:
        raise not_found(thread)
    if not is_open(meta, now):
        raise Forbidden(
            "Comments on this page are closed.",
            code="comments_closed",
        )
    return meta


def is_open(meta: dict[str, Any], now: datetime) -> bool:
    """Tell whether a thread takes new comments at ``now``."""
    if meta.get("comments") != keys.OPEN:
        return False
    closes = meta.get("closes_at")
    return not closes or now < keys.parse_time(closes)


def _status(services: Services, meta: dict[str, Any], author: Author, hashed: str | None) -> str:
    mode = meta.get("moderation", "first")
    if author.owner or mode == "none":
        return keys.APPROVED
    if mode == "first" and hashed and store.is_trusted(services.table, hashed):
        return keys.APPROVED
    return keys.PENDING


def _check_parent(services: Services, thread: str, parent: str) -> None:
    found = store.get(services.table, parent) if parent else None
    if parent and (found is None or found["thread"] != thread or found["status"] != keys.APPROVED):
        raise InvalidFields(fields={"parent": "No such comment on this page to reply to."})


def new_comment(
    services: Services, meta: dict[str, Any], fields: dict[str, Any], author: Author, now: datetime
) -> dict[str, Any]:
    """Return the item of a new comment (not stored yet), status decided."""
    from .markup import render

    thread = meta["thread"]
    comment_id = keys.new_id()
    created = keys.stamp(now)
    email = fields.get("email") or ""
    hashed = keys.email_hash(email, services.secret) if email else None
    status = _status(services, meta, author, hashed)
    item: dict[str, Any] = {
        "pk": keys.thread_pk(thread),
        "sk": keys.comment_sk(created, comment_id),
        "type": "comment",
        "id": comment_id,
        "thread": thread,
        "name": fields["name"],
        "text": fields["text"],
        "html": render(fields["text"]),
        "text_hash": keys.text_hash(fields["text"]),
        "created": created,
        "status": status,
        "votes": 0,
        "author": author.owner,
        "visitor": author.visitor,
        "client": author.client,
        "notify": bool(fields.get("notify") and email),
        "gsi1pk": keys.queue_pk(status),
        "gsi1sk": f"{created}#{comment_id}",
        "rev": 0,
    }
    if fields.get("parent"):
        item["parent"] = fields["parent"]
    if email:
        item.update(email=email, email_hash=hashed)
    if fields.get("rating"):
        item["rating"] = fields["rating"]
    return item


def check_rating(meta: dict[str, Any], fields: dict[str, Any]) -> None:
    """Refuse a rating where it does not belong (pages without ratings, replies)."""
    if not fields.get("rating"):
        return
    if not meta.get("ratings"):
        raise InvalidFields(fields={"rating": "Only recipes take ratings."})
    if fields.get("parent"):
        raise InvalidFields(fields={"rating": "A reply cannot carry a rating."})


def post(
    services: Services, meta: dict[str, Any], fields: dict[str, Any], author: Author, now: datetime
) -> dict[str, Any]:
    """Store a comment (a review with its rating); return it. 409 on duplicate text."""
    thread = meta["thread"]
    _check_parent(services, thread, fields.get("parent") or "")
    item = new_comment(services, meta, fields, author, now)
    dup = services.table.get(item["pk"], keys.DUP_PREFIX + item["text_hash"])
    if dup is not None:
        raise duplicate()
    if item.get("rating"):
        from ..ratings.service import rate

        rate(services, meta["slug"], author.visitor, item["rating"])
    try:
        note = store.insert(services.table, item)
    except store.Duplicate:
        raise duplicate() from None
    except store.ParentGone:
        raise InvalidFields(
            fields={"parent": "No such comment on this page to reply to."}
        ) from None
    outbox.publish(note)
    return item


def duplicate() -> Conflict:
    """The answer for a text already posted on this page."""
    return Conflict(
        "This comment was already posted on this page.",
        code="duplicate_comment",
        fields={"text": "The same text is already here."},
    )


def moderate(
    services: Services, comment_id: str, status: str | None, text: str | None
) -> dict[str, Any]:
    """Approve, reject and/or edit a comment as the owner; return it as now stored."""
    from .markup import render

    comment = store.get(services.table, comment_id)
    if comment is None:
        raise NotFound(f"No comment with id {comment_id!r}.")
    if status in (None, comment["status"]) and text in (None, comment["text"]):
        return comment  # nothing to change
    now = keys.stamp(datetime.now(UTC))
    html = render(text) if text is not None else None
    try:
        updated, note = store.change(
            services.table, comment, status=status, text=text, html=html, now=now
        )
    except store.Changed:
        raise Conflict(
            "The comment changed meanwhile: reload and try again.", code="comment_changed"
        ) from None
    if note is not None:
        outbox.publish(note)
    return updated


def delete(services: Services, comment_id: str) -> None:
    """Delete a comment for good as the owner."""
    comment = store.get(services.table, comment_id)
    if comment is None:
        raise NotFound(f"No comment with id {comment_id!r}.")
    try:
        store.remove(services.table, comment)
    except store.Changed:
        raise Conflict(
            "The comment changed meanwhile: reload and try again.", code="comment_changed"
        ) from None


def vote(services: Services, comment_id: str, visitor: str, up: bool) -> tuple[int, bool]:
    """Upvote (or withdraw) once per visitor; return the count and whether the vote stands."""
    table = services.table
    comment = store.get(table, comment_id)
    missing = NotFound(f"No comment with id {comment_id!r}.")
    if comment is None or comment["status"] != keys.APPROVED:
        raise missing
    try:
        store.vote(table, comment, visitor, keys.stamp(datetime.now(UTC)), up)
    except store.Changed:
        raise missing from None
    now = table.get(comment["pk"], comment["sk"]) or comment
    return int(now.get("votes", 0)), up


def public(comment: dict[str, Any], shown: set[str] | None = None) -> dict[str, Any]:
    """Return what anyone may see of an approved comment (never the email)."""
    parent = comment.get("parent")
    if shown is not None and parent not in shown:
        parent = None  # its parent was removed or hidden since: shown at the top
    out = {
        "id": comment["id"],
        "parent": parent,
        "name": comment["name"],
        "author": bool(comment.get("author")),
        "created": comment["created"],
        "text": comment["text"],
        "html": comment["html"],
        "votes": int(comment.get("votes", 0)),
        "status": comment["status"],
    }
    if comment.get("rating"):
        out["rating"] = int(comment["rating"])
    if comment.get("edited"):
        out["edited"] = comment["edited"]
    return out


def for_owner(comment: dict[str, Any]) -> dict[str, Any]:
    """Return a comment as the owner sees it: with its page, email and state."""
    out = public(comment)
    out["parent"] = comment.get("parent")
    out.update(
        thread=comment["thread"],
        email=comment.get("email"),
        notify=bool(comment.get("notify")),
        updated=comment.get("updated"),
    )
    return out


def thread_public(meta: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Return what anyone may see of a thread, with whether it takes comments now."""
    return {
        "id": meta["thread"],
        "kind": meta["kind"],
        "slug": meta["slug"],
        "url": meta["url"],
        "title": meta["title"],
        "comments": meta["comments"],
        "moderation": meta["moderation"],
        "closes_at": meta.get("closes_at"),
        "ratings": bool(meta.get("ratings")),
        "open": is_open(meta, now),
    }


def shown_comments(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the approved comments of a thread for anyone, oldest first."""
    approved = [c for c in items if c["status"] == keys.APPROVED]
    approved.sort(key=lambda c: (c["created"], c["id"]))
    ids = {c["id"] for c in approved}
    return [public(c, ids) for c in approved]
