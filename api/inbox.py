"""The inbox's counts (messages, unread, newest), kept exact beside the messages.

One item, ``INBOX`` / ``STATS``, changes in the same transaction as every message
write (see ``messages``), so the dashboard can ask "anything new?" with one read
and an ``ETag``, never a scan. A table written before the counts existed has no
such item, or one that only counts what came since: the first summary counts
every message once and marks the item ``counted``.
"""

from __future__ import annotations

from typing import Any

from . import storage
from .storage import ConditionFailed, Table

KEY = ("INBOX", "STATS")


def count_new(message_id: str) -> dict[str, Any]:
    """The transaction step that counts a new, unread message."""
    return storage.update(
        *KEY,
        "ADD #t :one, #u :one SET #l = :id",
        {":one": 1, ":id": message_id},
        names={"#t": "total", "#u": "unread", "#l": "latest"},
    )


def count_read(read: bool) -> dict[str, Any]:
    """The transaction step for a message marked read (or unread again)."""
    return storage.update(*KEY, "ADD #u :d", {":d": -1 if read else 1}, names={"#u": "unread"})


def count_deleted(was_read: bool) -> dict[str, Any]:
    """The transaction step for a deleted message."""
    return storage.update(
        *KEY,
        "ADD #t :minus, #u :d",
        {":minus": -1, ":d": 0 if was_read else -1},
        names={"#t": "total", "#u": "unread"},
    )


def summary(table: Table) -> dict[str, Any]:
    """Return ``{total, unread, latest}`` (latest: the newest message's id, or None)."""
    item = table.get(*KEY)
    if item is None or not item.get("counted"):
        item = _recount(table)
    return {
        "total": int(item.get("total", 0)),
        "unread": int(item.get("unread", 0)),
        "latest": item.get("latest"),
    }


def _recount(table: Table) -> dict[str, Any]:
    from .messages import every

    total = unread = 0
    latest = None
    for message in every(table):
        latest = latest or message["id"]  # newest first
        total += 1
        unread += not message.get("read")
    item = {"pk": KEY[0], "sk": KEY[1], "total": total, "unread": unread, "counted": True}
    if latest:
        item["latest"] = latest
    try:
        table.transact([storage.put(item, "attribute_not_exists(#c)", names={"#c": "counted"})])
    except ConditionFailed:  # counted meanwhile by another request: theirs stands
        return table.get(*KEY) or item
    return item
