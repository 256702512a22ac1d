"""The owner's messages to an event's attendees: stored, and handed to the email side.

A message is ``EVENT#<id>`` / ``NOTICE#<time>#<rand>`` (the group, subject,
text and who was in the group then) and, in the same transaction, a
``message`` notification in the outbox naming each recipient's RSVP, which
the sender sends one email per RSVP (see docs/events-api.md, hooks). Who gets
it is decided when the owner sends, not when the email goes out.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from ..storage import Table
from . import keys, outbox, roster, store
from .rules import Conflict

PREFIX = "NOTICE#"
# Who a message goes to: the groups of the event's page, and those not yet at the door.
GROUPS = {
    "all": "everyone confirmed, offered a seat or waiting",
    "confirmed": "everyone confirmed",
    "waitlisted": "everyone waiting or offered a seat",
    "not_checked_in": "everyone confirmed and not checked in yet",
    "cancelled": "everyone who cancelled or let an offer lapse",
}


def recipients(groups: dict[str, list[dict[str, Any]]], group: str) -> list[dict[str, Any]]:
    """Return the people of a group (``roster.people`` lists) a message goes to."""
    waiting = groups["offered"] + groups["waitlisted"]
    return {
        "all": lambda: groups["confirmed"] + waiting,
        "confirmed": lambda: groups["confirmed"],
        "waitlisted": lambda: waiting,
        "not_checked_in": lambda: [p for p in groups["confirmed"] if not p["checked_in_at"]],
        "cancelled": lambda: groups["cancelled"],
    }[group]()


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Return what the owner sees of a sent message."""
    return {
        "id": item["sk"].removeprefix(PREFIX),
        "group": item["group"],
        "subject": item["subject"],
        "message": item["message"],
        "created_at": item["created_at"],
        "recipients": len(item.get("rsvps") or []),
    }


def send(
    table: Table, event_id: str, group: str, subject: str, message: str, now: datetime
) -> dict[str, Any]:
    """Store a message to a group and its notification; return it (409 if the group is empty)."""
    people = recipients(roster.people(table, event_id), group)
    if not people:
        raise Conflict(
            f"Nobody is in this group ({GROUPS[group]}): nothing was sent.",
            code="nobody_in_group",
            fields={"group": "Nobody is in this group."},
        )
    hashes = [p["key"] for p in people]
    item = {
        "pk": keys.event_pk(event_id),
        # Microseconds, so two messages in one second list in the order sent.
        "sk": f"{PREFIX}{now.astimezone(UTC):%Y-%m-%dT%H:%M:%S.%fZ}#{secrets.token_hex(4)}",
        "type": "event-message",
        "event_id": event_id,
        "group": group,
        "subject": subject,
        "message": message,
        "rsvps": hashes,
        "created_at": keys.stamp(now),
    }
    note = outbox.entry(
        "message",
        event_id,
        now,
        subject=subject,
        message=message,
        group=group,
        rsvps=hashes,
        notice=item["sk"],
    )
    store.transact(table, [store.put(item, when=["attribute_not_exists(pk)"]), note])
    outbox.publish(note)
    return public(item)


def sent(table: Table, event_id: str) -> list[dict[str, Any]]:
    """Return the messages sent about an event, newest first."""
    items = store.every_with_prefix(table, keys.event_pk(event_id), PREFIX)
    return [public(item) for item in reversed(items)]
