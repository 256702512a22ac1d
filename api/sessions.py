"""The owner's signed-in devices and one-time sign-in links, in the table.

A session id is 32 random bytes the browser keeps in an HttpOnly cookie; the
table holds only its SHA-256 (``SESSION#<hash>`` / ``META``), so a copy of the
table signs nobody in. Each session has a device label, when it was created and
last seen, and an expiry that slides forward while it is used (``ttl`` days);
DynamoDB's TTL removes expired items, and a lookup never trusts one that has
expired but not yet been removed. Devices are listed through the GSI
(``gsi1pk = SESSIONS``) by a short public id, never by the secret.

A sign-in link carries a random token stored the same way (``SIGNIN#<hash>`` /
``LINK``), valid for ``LINK_MINUTES`` and used once: taking it is a conditional
delete, so two browsers racing with one link cannot both win.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

from .storage import GSI1, TTL_ATTRIBUTE, ConditionFailed, Table

LISTING = "SESSIONS"
LINK_MINUTES = 15
TOUCH_EVERY = 300  # seconds between last-seen writes: not one write per request
PUBLIC = ("id", "label", "created_at", "last_seen", "expires")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def public_id(session_hash: str) -> str:
    """The id a device is listed and signed out by (not enough to sign in with)."""
    return session_hash[:16]


def create(table: Table, label: str, days: int, now: float | None = None) -> tuple[str, dict]:
    """Start a session; return its secret id (for the cookie) and its stored item."""
    now = time.time() if now is None else now
    secret = secrets.token_urlsafe(32)
    digest = _hash(secret)
    item = {
        "pk": f"SESSION#{digest}",
        "sk": "META",
        "gsi1pk": LISTING,
        "gsi1sk": f"{_iso(now)}#{public_id(digest)}",
        "type": "session",
        "id": public_id(digest),
        "label": label,
        "created_at": _iso(now),
        "last_seen": _iso(now),
        "seen": int(now),
        TTL_ATTRIBUTE: int(now + days * 86400),
    }
    table.put_new(item)
    return secret, item


def lookup(table: Table, secret: str, days: int, now: float | None = None) -> dict | None:
    """Return the live session with this secret id, sliding its expiry; None if none."""
    if not secret or len(secret) > 100:
        return None
    now = time.time() if now is None else now
    item = table.get(f"SESSION#{_hash(secret)}", "META")
    if item is None or int(item[TTL_ATTRIBUTE]) <= now:
        return None
    if now - int(item.get("seen", 0)) >= TOUCH_EVERY:
        try:
            item = table.update(
                item["pk"],
                "META",
                "SET last_seen = :s, seen = :n, #ttl = :e",
                {":s": _iso(now), ":n": int(now), ":e": int(now + days * 86400)},
                names={"#ttl": TTL_ATTRIBUTE},
                condition="attribute_exists(pk)",  # signed out meanwhile: stay out
            )
        except ConditionFailed:
            return None
    return item


def public(item: dict[str, Any], current: dict | None = None) -> dict[str, Any]:
    """What the owner sees of a device."""
    shown = {k: item.get(k) for k in PUBLIC if k != "expires"}
    shown["expires"] = _iso(int(item[TTL_ATTRIBUTE]))
    shown["current"] = current is not None and current["pk"] == item["pk"]
    return shown


def every(table: Table, now: float | None = None) -> list[dict[str, Any]]:
    """List the live sessions, newest first."""
    now = time.time() if now is None else now
    found, start = [], None
    while True:
        items, start = table.query("gsi1pk", LISTING, index=GSI1, newest_first=True, start=start)
        found += [i for i in items if int(i[TTL_ATTRIBUTE]) > now]
        if not start:
            return found


def end(table: Table, item: dict[str, Any]) -> None:
    """Sign one session out."""
    table.delete(item["pk"], "META")


def end_by_public_id(table: Table, device: str) -> bool:
    """Sign out the device listed as ``device``; False if there is none."""
    for item in every(table):
        if hmac.compare_digest(item["id"], device):
            end(table, item)
            return True
    return False


def end_all(table: Table) -> int:
    """Sign every device out; return how many were."""
    items = every(table)
    for item in items:
        end(table, item)
    return len(items)


def csrf_token(item: dict[str, Any], key: str) -> str:
    """The token a signed-in page sends with each change (tied to this session)."""
    return hmac.new(key.encode(), f"csrf:{item['pk']}".encode(), hashlib.sha256).hexdigest()[:32]


def new_link(table: Table, now: float | None = None) -> str:
    """Store a one-time sign-in token valid for ``LINK_MINUTES``; return it."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(24)
    table.put_new(
        {
            "pk": f"SIGNIN#{_hash(token)}",
            "sk": "LINK",
            "type": "signin_link",
            TTL_ATTRIBUTE: int(now + LINK_MINUTES * 60),
        }
    )
    return token


def take_link(table: Table, token: str, now: float | None = None) -> bool:
    """Use a sign-in token: True once while it is valid, False ever after."""
    if not token or len(token) > 100:
        return False
    now = time.time() if now is None else now
    try:
        table.call(
            "delete_item",
            TableName=table.name,
            Key=table.dump({"pk": f"SIGNIN#{_hash(token)}", "sk": "LINK"}),
            ConditionExpression="attribute_exists(pk) AND #ttl > :now",
            ExpressionAttributeNames={"#ttl": TTL_ATTRIBUTE},
            ExpressionAttributeValues=table.dump({":now": int(now)}),
        )
    except ConditionFailed:
        return False
    return True


def drop_link(table: Table, token: str) -> None:
    """Forget a sign-in token that was never sent."""
    table.delete(f"SIGNIN#{_hash(token)}", "LINK")
