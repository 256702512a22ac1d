"""Contact messages in the table: create, list newest first, get, mark read, delete.

Keys: ``CONTACT#<yyyy-mm>`` / ``<timestamp>#<rand>``, listed across months via
the GSI (``gsi1pk = CONTACT``). A message waiting for its owner notification
also has a marker item ``NOTIFY#pending`` / ``<timestamp>#<rand>``, written
before the message and removed only after the email went out, so a crash or an
SES failure can never lose the email. If the message itself is then refused,
the marker is taken back before the error reaches the client, so a post that
was not acknowledged leaves nothing behind. (Two puts rather than a
transaction: plain puts cost half the write capacity of a transaction, and a
marker orphaned by a crash between the two is harmless: the retry job drops it.)
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from . import inbox, storage
from .errors import InvalidFields
from .storage import GSI1, ConditionFailed, StorageError, Table, Unavailable

LISTING = "CONTACT"
PENDING = "NOTIFY#pending"
# ASCII digits: in Python, \d also matches other scripts' digits.
ID_PATTERN = "[0-9]{8}T[0-9]{12}Z-[0-9a-f]{8}"
ID_EXAMPLE = "20260101T120000000000Z-0a1b2c3d"
CURSOR_MESSAGE = "Not a cursor this API returned."
_ID_PARTS = re.compile("([0-9]{8}T[0-9]{12}Z)-([0-9a-f]{8})")
PUBLIC = ("id", "name", "email", "subject", "message", "created_at", "read", "notified")


def _stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%S%fZ")


def keys_for(message_id: str) -> tuple[str, str] | None:
    """Return the (pk, sk) of a message id, or None if it cannot be one of ours."""
    match = _ID_PARTS.fullmatch(message_id)
    if not match:
        return None
    stamp, rand = match.groups()
    return f"CONTACT#{stamp[:4]}-{stamp[4:6]}", f"{stamp}#{rand}"


def new_message(fields: dict[str, str], client: str, now: datetime | None = None) -> dict[str, Any]:
    """Build the item for a validated submission."""
    now = now or datetime.now(UTC)
    stamp, rand = _stamp(now), secrets.token_hex(4)
    sk = f"{stamp}#{rand}"
    return {
        "pk": f"CONTACT#{now:%Y-%m}",
        "sk": sk,
        "gsi1pk": LISTING,
        "gsi1sk": sk,
        "type": "contact",
        "id": f"{stamp}-{rand}",
        "name": fields["name"],
        "email": fields["email"],
        "subject": fields.get("subject", ""),
        "message": fields["message"],
        "created_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "read": False,
        "notified": False,
        "client": client,
    }


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of a message the owner sees."""
    return {k: item.get(k) for k in PUBLIC}


def _store(table: Table, item: dict[str, Any]) -> None:
    # The message and the inbox's counts change together, or neither does.
    table.transact([storage.put(item, "attribute_not_exists(pk)"), inbox.count_new(item["id"])])


def save(table: Table, item: dict[str, Any], *, notify: bool) -> None:
    """Store a message, with its pending-notification marker when notifying."""
    if not notify:
        _store(table, item)
        return
    table.put_new({"pk": PENDING, "sk": item["sk"], "type": "notify", "ref": item["pk"]})
    try:
        _store(table, item)
    except Exception:
        with contextlib.suppress(StorageError):  # the retry job drops it if this fails too
            table.delete(PENDING, item["sk"])
        raise


def get(table: Table, message_id: str) -> dict[str, Any] | None:
    """Return the stored message with this id, or None."""
    keys = keys_for(message_id)
    return table.get(*keys) if keys else None


def set_read(table: Table, message_id: str, read: bool) -> dict[str, Any] | None:
    """Mark a message read or unread; return it, or None if there is none."""
    keys = keys_for(message_id)
    if not keys:
        return None
    step = storage.update(
        *keys,
        "SET #r = :r",
        {":r": read},
        names={"#r": "read"},
        condition="attribute_exists(pk) AND #r <> :r",
    )
    # Absent, or already in that state: nothing changes, nothing to count.
    with contextlib.suppress(ConditionFailed):
        table.transact([step, inbox.count_read(read)])
    return table.get(*keys)


def delete(table: Table, message_id: str) -> bool:
    """Delete a message (and any pending notification); return False if absent."""
    keys = keys_for(message_id)
    if not keys:
        return False
    for _attempt in range(3):
        item = table.get(*keys)
        if item is None:
            return False
        was_read = bool(item.get("read"))
        try:
            # Only if it is still as read: the counts must match what is removed.
            table.transact(
                [
                    storage.delete(*keys, "#r = :r", {":r": item.get("read")}, {"#r": "read"}),
                    inbox.count_deleted(was_read),
                ]
            )
        except ConditionFailed:
            continue  # marked read or unread, or deleted, meanwhile: look again
        table.delete(PENDING, keys[1])
        return True
    raise Unavailable("message kept changing while being deleted")


def encode_cursor(key: dict[str, Any]) -> str:
    """Turn DynamoDB's last-evaluated key into a cursor: the id of the last message listed."""
    return key["sk"].replace("#", "-")


def decode_cursor(cursor: str) -> dict[str, Any]:
    """Turn a cursor back into a start key, or raise a field error.

    Any id is a valid place to start: the next page lists what is older.
    """
    keys = keys_for(cursor)
    if keys is None:
        raise InvalidFields(
            "The cursor is not valid: start again from the first page.",
            fields={"cursor": CURSOR_MESSAGE},
        )
    pk, sk = keys
    return {"pk": pk, "sk": sk, "gsi1pk": LISTING, "gsi1sk": sk}


def page(
    table: Table, limit: int, cursor: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Return up to ``limit`` messages newest first, and the cursor of the next page."""
    start = decode_cursor(cursor) if cursor else None
    items, last = table.query(
        "gsi1pk", LISTING, index=GSI1, newest_first=True, limit=limit, start=start
    )
    return items, (encode_cursor(last) if last else None)


def matching(
    table: Table, query: str, limit: int, cursor: str | None = None, scan_limit: int = 5000
) -> tuple[list[dict[str, Any]], str | None]:
    """Return up to ``limit`` messages whose sender or text contains ``query``, newest first.

    Case and accents aside (casefold). A personal inbox is small, so the messages
    are read page by page and filtered here, at most ``scan_limit`` of them per call.
    """
    needle = query.casefold()
    found: list[dict[str, Any]] = []
    scanned = 0
    while scanned < scan_limit:
        items, cursor = page(table, 200, cursor)
        for i, item in enumerate(items):
            scanned += 1
            text = " ".join(str(item.get(k, "")) for k in ("name", "email", "subject", "message"))
            if needle in text.casefold():
                found.append(item)
                if len(found) == limit:
                    more = i + 1 < len(items) or cursor is not None
                    return found, (item["id"] if more else None)
        if not cursor:
            return found, None
    return found, cursor


def every(table: Table, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Yield every message, newest first."""
    cursor = None
    while True:
        items, cursor = page(table, batch, cursor)
        yield from items
        if not cursor:
            return


def pending(table: Table, older_than: datetime) -> list[dict[str, Any]]:
    """Return pending-notification markers created before ``older_than``."""
    found, start = [], None
    while True:
        items, start = table.query("pk", PENDING, before=_stamp(older_than), start=start)
        found.extend(items)
        if not start:
            return found


def notified(table: Table, item: dict[str, Any]) -> None:
    """Record that the owner was told about a message and drop its marker."""
    table.update(item["pk"], item["sk"], "SET notified = :t", {":t": True})
    table.delete(PENDING, item["sk"])
