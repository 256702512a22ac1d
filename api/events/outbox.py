"""Notification hooks: what happened to an RSVP, stored in the same transaction as the change.

Every change an attendee should hear about (confirmed, waitlisted, moved up,
offered a seat, offer lapsed, changed, cancelled; an event's time, place or
status changed) writes one item ``NOTIFY#events`` / ``<stamp>#<rand>`` inside the
transaction that makes the change, so a notification can never be lost to a
crash between the two, and none is recorded for a change that did not happen.

Whoever sends email reads these with :func:`pending` and removes each with
:func:`done` once sent (a conditional delete: two senders cannot both claim
one). Code that wants to act at once subscribes with :func:`subscribe`; the
service calls :func:`publish` after the transaction committed. Nothing here
sends anything itself: the view never knows who listens.
"""

from __future__ import annotations

import itertools
import json
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..storage import ConditionFailed, Table
from . import keys, store

PENDING = "NOTIFY#events"
KINDS = (
    "confirmed",  # a new RSVP got its seats
    "waitlisted",  # a new RSVP joined the line
    "promoted",  # moved up from the line (waitlist: auto)
    "offered",  # a freed seat is held for the party until offer_expires (waitlist: offer)
    "offer_expired",  # nobody claimed it in time; it passed on
    "claimed",  # the offer was taken
    "changed",  # party size or answers changed
    "cancelled",  # the attendee cancelled
    "link_requested",  # someone RSVPed again with the address: resend its manage link
    "event_changed",  # time, place or status changed (sequence bumped): tell every attendee
    "message",  # the owner wrote to a group of attendees: send it to each of `rsvps`
)
log = logging.getLogger("api.events.outbox")
Listener = Callable[[dict[str, Any]], None]
_listeners: dict[str, list[Listener]] = {}
_ticks = itertools.count()


def entry(
    kind: str,
    event_id: str,
    now: datetime,
    rsvp: dict[str, Any] | None = None,
    **details: Any,
) -> dict[str, Any]:
    """Return the put (for the change's transaction) recording that ``kind`` happened."""
    assert kind in KINDS, kind
    item: dict[str, Any] = {
        "pk": PENDING,
        "sk": _order_key(),
        "type": "event-notify",
        "kind": kind,
        "event_id": event_id,
        "created_at": keys.stamp(now),
        **details,
    }
    if rsvp is not None:
        item["rsvp"] = rsvp["hash"]
    return store.put(item)


def _order_key() -> str:
    # The time of writing (not the request's `now`, which one request shares
    # between, say, "waitlisted" and "promoted") with a per-process tiebreak,
    # so a sender reads one RSVP's news in the order it happened.
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return f"{stamp}#{next(_ticks):08d}#{secrets.token_hex(3)}"


def subscribe(kind: str, listener: Listener) -> None:
    """Call ``listener(notification)`` after each committed change of this kind."""
    _listeners.setdefault(kind, []).append(listener)


def publish(action: dict[str, Any]) -> None:
    """Tell the subscribers of a committed change; a failing one only logs (the item stays)."""
    item = action["Put"]["Item"]
    for listener in _listeners.get(item["kind"], ()):
        try:
            listener(dict(item))
        except Exception as exc:  # the stored item still holds it for the sender's retry
            log.warning(
                json.dumps({"event": "listener_failed", "kind": item["kind"], "error": str(exc)})
            )


def pending(table: Table, limit: int = 100) -> list[dict[str, Any]]:
    """Return the oldest notifications not yet sent."""
    items, _ = table.query("pk", PENDING, limit=limit)
    return items


def done(table: Table, item: dict[str, Any]) -> bool:
    """Remove a sent notification; False if another sender had already done so."""
    try:
        store.transact(table, [store.delete(PENDING, item["sk"], when=["attribute_exists(pk)"])])
    except store.Refused:
        return False
    except ConditionFailed:
        return False
    return True
