"""Who gets an email when someone replies: addresses confirmed by a double opt-in, per thread.

A visitor who leaves a comment with an email and ``notify`` asks to be told of
replies to their comments on that page. Anyone can type anyone's address, so
the request only stores a *pending* subscription and sends one confirmation
email; reply notifications go only to subscriptions the address's owner
confirmed from that email. One item per address and thread::

    SUB#<email hash> / THREAD#<kind>/<slug>
        status: pending | confirmed | unsubscribed
        email (kept for sending; removed on unsubscribe), rid (the request's
        random id, in the confirmation link), comment_id (the comment that
        asked), requested_at, confirmed_at, unsubscribed_at

A confirmation link names its request (``rid``): asking again later makes a
new link and the older one stops working. An address that never confirms, or
unsubscribed, is sent at most one confirmation a day per thread however often
someone asks, so the form cannot be used to flood a stranger's inbox. Each
change is one conditional write: no read-then-write race between two requests.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from ..storage import ConditionFailed, Table
from . import keys

PENDING, CONFIRMED, UNSUBSCRIBED = "pending", "confirmed", "unsubscribed"
ASK_AGAIN_AFTER = timedelta(days=1)


def sub_key(hashed: str, thread: str) -> tuple[str, str]:
    """Return the (pk, sk) of an address's subscription to a thread."""
    return f"SUB#{hashed}", f"THREAD#{thread}"


def get(table: Table, hashed: str, thread: str) -> dict[str, Any] | None:
    """Return an address's subscription to a thread, whatever its status, or None."""
    return table.get(*sub_key(hashed, thread))


def confirmed(table: Table, hashed: str, thread: str) -> dict[str, Any] | None:
    """Return the subscription if its address confirmed it (and did not unsubscribe since)."""
    found = get(table, hashed, thread)
    return found if found and found.get("status") == CONFIRMED and found.get("email") else None


def request(
    table: Table, email: str, hashed: str, thread: str, now: datetime, comment_id: str = ""
) -> dict[str, Any] | None:
    """Record a wish to follow a thread; return it if a confirmation email should go out.

    None when the address already confirmed this thread, or was sent a
    confirmation for it less than a day ago.
    """
    pk, sk = sub_key(hashed, thread)
    try:
        return table.update(
            pk,
            sk,
            "SET #type = :type, #status = :pending, #email = :email, #thread = :thread, "
            "#hash = :hash, #rid = :rid, #requested_at = :now, #comment_id = :comment",
            {
                ":type": "comment-subscription",
                ":pending": PENDING,
                ":confirmed": CONFIRMED,
                ":email": email,
                ":thread": thread,
                ":hash": hashed,
                ":rid": secrets.token_urlsafe(9),
                ":now": keys.stamp(now),
                ":before": keys.stamp(now - ASK_AGAIN_AFTER),
                ":comment": comment_id,
            },
            names={
                f"#{n}": n
                for n in (
                    "type",
                    "status",
                    "email",
                    "thread",
                    "hash",
                    "rid",
                    "requested_at",
                    "comment_id",
                )
            },
            condition="attribute_not_exists(pk) OR "
            "(#status <> :confirmed AND #requested_at <= :before)",
        )
    except ConditionFailed:
        return None


def confirm(table: Table, hashed: str, thread: str, rid: str, now: datetime) -> bool:
    """Confirm the request a link names; True if it is (now, or already) confirmed."""
    pk, sk = sub_key(hashed, thread)
    try:
        table.update(
            pk,
            sk,
            "SET #status = :confirmed, #confirmed_at = :now",
            {":confirmed": CONFIRMED, ":pending": PENDING, ":rid": rid, ":now": keys.stamp(now)},
            names={"#status": "status", "#confirmed_at": "confirmed_at", "#rid": "rid"},
            condition="#rid = :rid AND #status = :pending",
        )
    except ConditionFailed:  # confirmed already (by this link or a newer one), or stale
        found = get(table, hashed, thread)
        return bool(found and found.get("status") == CONFIRMED)
    return True


def unsubscribe(table: Table, hashed: str, thread: str, now: datetime) -> bool:
    """Stop every email about a thread to an address at once; False if none was subscribed."""
    pk, sk = sub_key(hashed, thread)
    try:
        table.update(
            pk,
            sk,
            "SET #status = :unsubscribed, #unsubscribed_at = :now REMOVE #email",
            {":unsubscribed": UNSUBSCRIBED, ":now": keys.stamp(now)},
            names={"#status": "status", "#unsubscribed_at": "unsubscribed_at", "#email": "email"},
            condition="attribute_exists(pk) AND #status <> :unsubscribed",
        )
    except ConditionFailed:
        return False
    return True
