"""Check-in at the door: by ticket code (scanned or typed) or by the RSVP picked from the list.

A check-in is one conditional update, ``checked_in_at`` set only if the RSVP
is confirmed and not checked in yet, never a read followed by a write: two
phones at one door scanning the same ticket check it in once, and the second
is told when (409 ``already_checked_in``, "Already checked in at 18:42: …",
in the event's own time zone). Undoing one removes the time again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import NotFound
from ..storage import Table
from . import keys, store, tickets
from .rules import Conflict, not_found

NOT_CONFIRMED = {
    keys.WAITLISTED: "is on the waitlist, not confirmed",
    keys.OFFERED: "has a seat offered but not claimed yet",
    keys.CANCELLED: "cancelled their RSVP",
    keys.EXPIRED: "let their offered seat lapse",
}


def event_of(table: Table, event_id: str) -> dict[str, Any]:
    """Return the stored event (removed ones too: their RSVPs are kept), or raise 404."""
    event = table.get(keys.event_pk(event_id), keys.META)
    if event is None:
        raise not_found(event_id)
    return event


def rsvp_of(table: Table, event_id: str, key: str) -> dict[str, Any]:
    """Return an event's RSVP by its key (the address's hash), or raise 404."""
    rsvp = table.get(keys.event_pk(event_id), keys.rsvp_sk(key))
    if rsvp is None:
        raise NotFound("This event has no such RSVP.", code="rsvp_not_found")
    return rsvp


def local_time(event: dict[str, Any], stamp: str, now: datetime) -> str:
    """Say when ``stamp`` was, in the event's time zone: 18:42, or 18:42 on 14 Oct (another day)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    when = keys.parse_time(stamp)
    try:
        zone: Any = ZoneInfo(event.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    local, today = (when.astimezone(zone), now.astimezone(zone)) if zone else (when, now)
    text = local.strftime("%H:%M")
    if local.date() != today.date():
        text += f" on {local.day} {local:%b}"
    return text + ("" if zone else " UTC")


def _who(rsvp: dict[str, Any]) -> str:
    party = int(rsvp["party"])
    return rsvp.get("name", "") + (f", party of {party}" if party > 1 else "")


def check_in(table: Table, event: dict[str, Any], rsvp: dict[str, Any], now: datetime) -> dict:
    """Check a confirmed RSVP in once; return it as stored, or say why not (409)."""
    update = store.update(
        rsvp["pk"],
        rsvp["sk"],
        sets=["#checked_in_at = :now"],
        when=["#status = :confirmed", "attribute_not_exists(#checked_in_at)"],
        values={":now": keys.stamp(now), ":confirmed": keys.CONFIRMED},
    )
    try:
        return store.apply(table, update)
    except store.Refused as exc:
        was = exc.items.get(0) or table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    if was.get("status") == keys.CONFIRMED and was.get("checked_in_at"):
        at = local_time(event, was["checked_in_at"], now)
        raise Conflict(f"Already checked in at {at}: {_who(was)}.", code="already_checked_in")
    reason = NOT_CONFIRMED.get(was.get("status", ""), "is not confirmed")
    raise Conflict(f"Not checked in: {_who(was)} {reason}.", code="not_confirmed")


def undo(table: Table, rsvp: dict[str, Any]) -> dict[str, Any]:
    """Take a check-in back (a tap on the wrong name); return the RSVP as stored."""
    update = store.update(
        rsvp["pk"],
        rsvp["sk"],
        remove=["#checked_in_at"],
        when=["attribute_exists(#checked_in_at)"],
    )
    try:
        return store.apply(table, update)
    except store.Refused:  # not checked in (any more): nothing to take back
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp


def find_ticket(table: Table, settings: Any, event: dict[str, Any], code: str) -> dict[str, Any]:
    """Return the RSVP of the event whose ticket this is, or raise 404 (or 409: another event)."""
    event_id = event["id"]
    read = tickets.read_ticket(settings, code, event_id)
    title = event.get("title") or event_id
    if read is None:
        raise NotFound(
            "This is not a ticket code: it has 16 letters and digits, e.g. ABCD-EFGH-JKMN-PQRS.",
            code="ticket_not_found",
        )
    named, prefix = read
    if named != event_id:
        other = table.get(keys.event_pk(named), keys.META)
        name = (other or {}).get("title") or named
        raise Conflict(f"This ticket is for another event: {name}.", code="wrong_event")
    candidates = store.every_with_prefix(
        table, keys.event_pk(event_id), keys.rsvp_sk(prefix), page=20
    )
    for rsvp in candidates:
        if tickets.matches(settings, event_id, rsvp["hash"], code):
            return rsvp
    raise NotFound(f"No RSVP for {title} has this ticket.", code="ticket_not_found")
