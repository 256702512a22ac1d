"""Emails to send about comments, recorded in the same transaction as the change.

A new comment (``posted``) and an approval (``approved``) each write one item
``NOTIFY#comments`` / ``<stamp>#<comment id>`` inside the transaction that
stores the change, so a notification can never be lost to a crash between the
two, and none is recorded for a change that did not happen. The mail code
(``api.comments.mail*``) reads them with :func:`pending` and removes each with
:func:`done` once sent; code that wants to act at once subscribes with
:func:`subscribe`, and the service calls :func:`publish` after the commit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from .. import storage
from ..storage import ConditionFailed, Table

PENDING = "NOTIFY#comments"
KINDS = ("posted", "approved")
log = logging.getLogger("api.comments.outbox")
Listener = Callable[[dict[str, Any]], None]
_listeners: dict[str, list[Listener]] = {}


def entry(what: str, comment: dict[str, Any]) -> dict[str, Any]:
    """Return the put (for the change's transaction) recording that ``what`` happened."""
    assert what in KINDS, what
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    item = {
        "pk": PENDING,
        "sk": f"{now}#{comment['id']}#{what}",
        "type": "comment-notify",
        "what": what,
        "comment_id": comment["id"],
        "thread": comment["thread"],
        "created_at": now,
    }
    return storage.put(item)


def subscribe(what: str, listener: Listener) -> None:
    """Call ``listener(notification)`` after each committed change of this kind."""
    _listeners.setdefault(what, []).append(listener)


def publish(action: dict[str, Any]) -> None:
    """Tell the subscribers of a committed change; a failing one only logs (the item stays)."""
    item = action["Put"]["Item"]
    for listener in _listeners.get(item["what"], ()):
        try:
            listener(dict(item))
        except Exception as exc:  # the stored item still holds it for the job's retry
            log.warning(
                json.dumps({"event": "listener_failed", "what": item["what"], "error": str(exc)})
            )


def pending(table: Table, limit: int = 100) -> list[dict[str, Any]]:
    """Return the oldest notifications not yet sent."""
    items, _ = table.query("pk", PENDING, limit=limit)
    return items


def done(table: Table, item: dict[str, Any]) -> bool:
    """Remove a sent notification; False if another sender had already done so."""
    try:
        table.transact([storage.delete(PENDING, item["sk"], "attribute_exists(pk)")])
    except ConditionFailed:
        return False
    return True
