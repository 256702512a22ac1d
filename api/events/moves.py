"""The owner moves someone: cancels them, confirms a waiting party, or moves one to the waitlist.

Each move is one conditional transaction on the RSVP as read (status, party,
``rid``) and on the event's counters through ``seats.change``, so capacity is
held as for a visitor's own RSVP: confirming takes seats only if they are free
(``seats_left >= party``), never more. Unlike a visitor, the owner may still
move people after the start, until the end: at the door, seats a no-show
frees can go to someone from the waitlist who came anyway. Notifications are
the visitor's own kinds with ``by: "owner"``, so the email says who did it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import ServiceUnavailable
from ..storage import Table
from . import keys, outbox, rules, seats, store, waitlist
from .rules import Conflict, Gone

BY_OWNER = "owner"


def _still_on(event: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    if event is None or event.get("removed_at"):
        raise Gone("This event is no longer listed: its RSVPs cannot change.", code="event_gone")
    title = event.get("title") or "The event"
    if event.get("status") == keys.EVENT_CANCELLED:
        raise Gone(f"{title} is cancelled.", code="event_cancelled")
    if now >= keys.parse_time(event.get("end") or event["start"]):
        raise Gone(f"{title} is over.", code="event_past")
    return event


def _read(table: Table, rsvp: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    current = table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    return current, table.get(rsvp["pk"], keys.META)  # type: ignore[return-value]


def _same(rsvp: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return (
        ["#status = :was", "#party = :was_party", "#rid = :rid"],
        {":was": rsvp["status"], ":was_party": rsvp["party"], ":rid": rsvp["rid"]},
    )


def cancel(table: Table, rsvp: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Cancel someone's RSVP as the owner; their seats go to the waitlist (before the start)."""
    from . import changes

    return changes.cancel(table, rsvp, now, by=BY_OWNER)


def confirm(table: Table, rsvp: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Confirm a waiting party out of turn, if its seats are free; return it as stored."""
    event_id = rsvp["event_id"]
    for attempt in store.attempts():
        rsvp, event = _read(table, rsvp)
        event = _still_on(event, now)
        name, party = rsvp.get("name", "This party"), int(rsvp["party"])
        if rsvp["status"] == keys.CONFIRMED:
            return rsvp
        if rsvp["status"] == keys.OFFERED:
            waitlist.claim(table, event_id, rsvp, now)  # the seats are held for them already
            return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
        if rsvp["status"] != keys.WAITLISTED:
            raise Conflict(
                f"{name} cancelled: they can RSVP again with the event's form.",
                code="rsvp_cancelled",
            )
        if not seats.fits(event, party):
            left = seats.seats_left(event)
            raise Conflict(
                f"Only {left} seat{'s are' if left != 1 else ' is'} free: {name}'s party of "
                f"{party} does not fit. Cancel someone or move them to the waitlist first.",
                code="no_seats",
            )
        when, values = _same(rsvp)
        actions = [
            store.delete(rsvp["pk"], keys.wait_sk(int(rsvp["seq"])), when=["attribute_exists(pk)"]),
            store.update(
                rsvp["pk"],
                rsvp["sk"],
                sets=["#status = :confirmed", "#promoted_at = :now", "#updated_at = :now"],
                when=when,
                values={**values, ":confirmed": keys.CONFIRMED, ":now": keys.stamp(now)},
            ),
            seats.change(event_id, event, confirmed=party, waiting=-1),
            outbox.entry("promoted", event_id, now, rsvp, party=party, by=BY_OWNER),
        ]
        try:
            store.transact(table, actions)
        except store.Refused:
            store.pause(attempt)  # it or the seats changed meanwhile: look again
            continue
        outbox.publish(actions[-1])
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    raise ServiceUnavailable("The event is very busy: try again in a moment.", retry_after=2)


def _someone_else_fits(table: Table, event: dict[str, Any], party: int) -> bool:
    places = waitlist.line(table, event["id"], event)
    left = seats.seats_left(event)
    place, _ = waitlist.first_fitting(places or [], None if left is None else left + party)
    return places is None or place is not None


def to_waitlist(table: Table, rsvp: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Move a confirmed party to the end of the line; its seats go to whoever is first in it."""
    event_id = rsvp["event_id"]
    for attempt in store.attempts():
        rsvp, event = _read(table, rsvp)
        event = _still_on(event, now)
        name, party = rsvp.get("name", "This party"), int(rsvp["party"])
        if rsvp["status"] == keys.WAITLISTED:
            return rsvp
        if event.get("waitlist", "off") == "off" or not seats.limited(event):
            raise Conflict(
                f"{event.get('title', 'This event')} has no waitlist: cancel instead.",
                code="no_waitlist",
            )
        if rsvp["status"] != keys.CONFIRMED:
            raise Conflict("Only a confirmed party can move to the waitlist.", code="not_confirmed")
        # Before the start the line moves up at once: with nobody there to take
        # the seats, the party would be moved straight back. After it, seats stay free.
        if rules.moves_up(event, now) and not _someone_else_fits(table, event, party):
            raise Conflict(
                f"Nobody on the waitlist fits the seats this frees, so {name} would move "
                "straight back: cancel instead.",
                code="nobody_waiting",
            )
        seq = int(event.get("wl_seq", 0)) + 1
        when, values = _same(rsvp)
        place = {
            "pk": rsvp["pk"],
            "sk": keys.wait_sk(seq),
            "type": "wait",
            "rsvp": rsvp["hash"],
            "party": party,
            "seq": seq,
        }
        actions = [
            store.update(
                rsvp["pk"],
                rsvp["sk"],
                sets=[
                    "#status = :waitlisted",
                    "#seq = :seq",
                    "#waitlisted_at = :now",
                    "#updated_at = :now",
                ],
                remove=["#checked_in_at"],
                when=when,
                values={
                    **values,
                    ":waitlisted": keys.WAITLISTED,
                    ":seq": seq,
                    ":now": keys.stamp(now),
                },
            ),
            seats.change(
                event_id,
                event,
                confirmed=-party,
                waiting=1,
                sets=("#wl_seq = :seq", "#wl_joined_at = :now"),
                when=("#wl_seq = :seq_was",),
                values={":seq": seq, ":seq_was": seq - 1, ":now": keys.stamp(now)},
            ),
            store.put(place, when=["attribute_not_exists(pk)"]),
            outbox.entry("waitlisted", event_id, now, rsvp, party=party, by=BY_OWNER),
        ]
        try:
            store.transact(table, actions)
        except store.Refused:
            store.pause(attempt)
            continue
        outbox.publish(actions[-1])
        waitlist.advance(table, event_id, now)
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    raise ServiceUnavailable("The event is very busy: try again in a moment.", retry_after=2)
