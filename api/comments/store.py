"""Comments in the table: every read and every all-or-nothing write (see ``keys``).

Each write that changes what people see is one ``TransactWriteItems`` whose
conditions hold the invariants: a comment and its duplicate marker go in
together (the same text twice on a thread fails on the marker); a reply
stores only while its parent is still approved; a status change applies only
to the status it was read in, with the per-status counts and the outbox item
in the same transaction; an upvote is a ``VOTE`` item that must not exist yet
plus ``ADD votes 1`` on the comment, so the count always equals the votes.
Other packages (emails, import) use these functions, never the keys directly.
"""

from __future__ import annotations

from typing import Any

from .. import storage
from ..events.store import Refused, every_with_prefix, transact
from ..storage import GSI1, Table
from . import keys, outbox

__all__ = ["Refused"]


class Duplicate(Exception):
    """The same text was already posted on this thread."""


class ParentGone(Exception):
    """The comment replied to is no longer approved."""


class Changed(Exception):
    """The comment was changed or deleted meanwhile: read it again."""


# -- reads ---------------------------------------------------------------
def get_thread(table: Table, thread: str) -> dict[str, Any] | None:
    """Return a thread's META (removed ones too), or None."""
    return table.get(keys.thread_pk(thread), keys.META)


def threads(table: Table) -> list[dict[str, Any]]:
    """Return every synced thread's META (removed ones too), by thread id."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query(
            "gsi1pk", keys.THREADS, index=GSI1, sort_key="gsi1sk", start=start
        )
        found.extend(items)
        if not start:
            return found


def locate(table: Table, comment_id: str) -> dict[str, Any] | None:
    """Return where a comment is (``thread``, ``sk_comment``), or None."""
    return table.get(keys.comment_pk(comment_id), keys.META)


def get(table: Table, comment_id: str) -> dict[str, Any] | None:
    """Return a comment as stored (any status), or None."""
    where = locate(table, comment_id)
    if where is None:
        return None
    return table.get(keys.thread_pk(where["thread"]), where["sk_comment"])


def in_thread(table: Table, thread: str) -> list[dict[str, Any]]:
    """Return every comment of a thread (any status), oldest first."""
    return every_with_prefix(table, keys.thread_pk(thread), keys.COMMENT_PREFIX)


def by_status(
    table: Table, status: str, *, limit: int | None = None, cursor: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Return one page of comments of a status, newest first, and the key to go on."""
    return table.query(
        "gsi1pk",
        keys.queue_pk(status),
        index=GSI1,
        sort_key="gsi1sk",
        newest_first=True,
        limit=limit,
        start=cursor,
    )


def every_approved(table: Table) -> list[dict[str, Any]]:
    """Return every approved comment of every thread (newest first)."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        items, cursor = by_status(table, keys.APPROVED, cursor=cursor)
        found.extend(items)
        if not cursor:
            return found


def is_trusted(table: Table, hashed: str) -> bool:
    """Tell whether the owner approved an earlier comment from this address."""
    return table.get(keys.trust_pk(hashed), keys.META) is not None


def counts(table: Table) -> dict[str, int]:
    """Return how many comments there are of each status."""
    item = table.get(*keys.STATS) or {}
    return {status: int(item.get(status, 0)) for status in keys.STATUSES}


def votes_of(table: Table, comment_id: str) -> list[dict[str, Any]]:
    """Return every upvote of a comment (tests and audits compare them with the count)."""
    return every_with_prefix(table, keys.comment_pk(comment_id), keys.VOTE_PREFIX)


# -- writes --------------------------------------------------------------
def _count(status: str, delta: int) -> dict[str, Any]:
    return storage.update(*keys.STATS, "ADD #s :d", {":d": delta}, names={"#s": status})


def _dup_key(comment: dict[str, Any]) -> tuple[str, str]:
    return keys.thread_pk(comment["thread"]), keys.DUP_PREFIX + comment["text_hash"]


def insert(table: Table, comment: dict[str, Any]) -> dict[str, Any]:
    """Store a new comment; return its outbox action (publish it). Duplicate, ParentGone."""
    pk = keys.thread_pk(comment["thread"])
    dup_pk, dup_sk = _dup_key(comment)
    note = outbox.entry("posted", comment)
    actions = [
        storage.put(comment, "attribute_not_exists(pk)"),
        storage.put(
            {"pk": dup_pk, "sk": dup_sk, "type": "comment-dup", "comment_id": comment["id"]},
            "attribute_not_exists(pk)",
        ),
        storage.put(
            {
                "pk": keys.comment_pk(comment["id"]),
                "sk": keys.META,
                "type": "comment-ref",
                "thread": comment["thread"],
                "sk_comment": comment["sk"],
            },
            "attribute_not_exists(pk)",
        ),
        _count(comment["status"], 1),
        note,
    ]
    if comment.get("parent"):
        parent = locate(table, comment["parent"])
        if parent is None or parent["thread"] != comment["thread"]:
            raise ParentGone
        actions.append(
            {
                "ConditionCheck": {
                    "Key": {"pk": pk, "sk": parent["sk_comment"]},
                    "ConditionExpression": "#s = :approved",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":approved": keys.APPROVED},
                }
            }
        )
    try:
        transact(table, actions)
    except Refused as exc:
        if 1 in exc.items:
            raise Duplicate from exc
        if len(actions) - 1 in exc.items:
            raise ParentGone from exc
        raise
    return note


def change(
    table: Table,
    comment: dict[str, Any],
    *,
    status: str | None = None,
    text: str | None = None,
    html: str | None = None,
    now: str,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Move a comment to ``status`` and/or replace its text, if unchanged since read.

    Approving also trusts the address (``TRUST#<hash>``) and records an
    ``approved`` notification. Returns the comment as now stored and the outbox
    action to publish (or None). Raises Changed if it moved meanwhile.
    """
    old = comment["status"]
    new = status or old
    sets = {"status": new, "updated": now, "gsi1pk": keys.queue_pk(new)}
    if text is not None:
        sets.update(text=text, html=html, edited=now)
    expression = "SET " + ", ".join(f"#{n} = :{n}" for n in sets)
    values = {f":{n}": v for n, v in sets.items()} | {":old": old, ":rev": comment.get("rev", 0)}
    expression += ", #rev = :rev + :one"
    values[":one"] = 1
    names = {f"#{n}": n for n in [*sets, "rev"]}
    condition = (
        "attribute_exists(pk) AND #status = :old AND (attribute_not_exists(#rev) OR #rev = :rev)"
    )
    update = storage.update(
        comment["pk"], comment["sk"], expression, values, names=names, condition=condition
    )
    actions = [update]
    note = None
    if new != old:
        actions.append(
            storage.update(
                *keys.STATS,
                "ADD #old :minus, #new :one",
                {":minus": -1, ":one": 1},
                names={"#old": old, "#new": new},
            )
        )
        if new == keys.APPROVED:
            note = outbox.entry("approved", comment)
            actions.append(note)
            if comment.get("email_hash"):
                actions.append(
                    storage.put(
                        {
                            "pk": keys.trust_pk(comment["email_hash"]),
                            "sk": keys.META,
                            "type": "comment-trust",
                            "since": now,
                            "comment_id": comment["id"],
                        }
                    )
                )
    try:
        transact(table, actions)
    except Refused as exc:
        raise Changed from exc
    updated = dict(comment, **sets, rev=int(comment.get("rev", 0)) + 1)
    return updated, note


def remove(table: Table, comment: dict[str, Any]) -> None:
    """Delete a comment for good (its votes too); Changed if it changed meanwhile."""
    dup_pk, dup_sk = _dup_key(comment)
    actions = [
        storage.delete(
            comment["pk"],
            comment["sk"],
            "attribute_exists(pk) AND #s = :s",
            {":s": comment["status"]},
            {"#s": "status"},
        ),
        storage.delete(keys.comment_pk(comment["id"]), keys.META),
        storage.delete(dup_pk, dup_sk),
        _count(comment["status"], -1),
    ]
    try:
        transact(table, actions)
    except Refused as exc:
        raise Changed from exc
    for vote in votes_of(table, comment["id"]):  # nothing reads votes of a deleted comment
        table.delete(vote["pk"], vote["sk"])


def vote(table: Table, comment: dict[str, Any], visitor: str, now: str, up: bool) -> bool:
    """Add (``up``) or withdraw one visitor's upvote; False if there was nothing to change.

    Raises Changed if the comment is not approved (any more).
    """
    pk, sk = keys.comment_pk(comment["id"]), keys.vote_sk(visitor)
    if up:
        mark = storage.put(
            {"pk": pk, "sk": sk, "type": "comment-vote", "at": now}, "attribute_not_exists(pk)"
        )
    else:
        mark = storage.delete(pk, sk, "attribute_exists(pk)")
    count = storage.update(
        comment["pk"],
        comment["sk"],
        "ADD #v :d",
        {":d": 1 if up else -1, ":approved": keys.APPROVED},
        names={"#v": "votes", "#s": "status"},
        condition="attribute_exists(pk) AND #s = :approved",
    )
    try:
        transact(table, [mark, count])
    except Refused as exc:
        if 1 in exc.items:
            raise Changed from exc
        return False
    return True
