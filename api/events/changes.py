"""Changes to an existing RSVP: its party size and answers, and cancelling it.

Each is one conditional transaction on the RSVP as it was read (same status,
party and ``rid``) and on the event's counters: more seats only if free and no
waiting party fits them, fewer seats or a cancel give seats back, and the line
moves up after (``waitlist.advance``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import NotFound, ServiceUnavailable
from ..storage import Table
from . import keys, outbox, rules, seats, store, waitlist
from .rules import Conflict


def _refresh(table: Table, rsvp: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    current = table.get(rsvp["pk"], rsvp["sk"])
    if current is None or current.get("rid") != rsvp.get("rid"):
        raise NotFound("This RSVP no longer exists.", code="rsvp_not_found")
    return current, table.get(rsvp["pk"], keys.META)


def _same(rsvp: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return (
        ["#status = :was", "#party = :was_party", "#rid = :rid"],
        {":was": rsvp["status"], ":was_party": rsvp["party"], ":rid": rsvp["rid"]},
    )


def cancel(
    table: Table, rsvp: dict[str, Any], now: datetime, *, by: str | None = None
) -> dict[str, Any]:
    """Cancel an RSVP, free its seats or place, and move the line up; return it as stored.

    ``by="owner"``: the owner cancelled it (said in the notification).
    """
    event_id = rsvp["event_id"]
    for attempt in store.attempts():
        rsvp, event = _refresh(table, rsvp)
        if rsvp["status"] in keys.ENDED:
            return rsvp
        if event is not None and now >= keys.parse_time(event.get("end") or event["start"]):
            raise rules.Gone(f"{event.get('title', 'The event')} is over.", code="event_past")
        party, status = int(rsvp["party"]), rsvp["status"]
        when, values = _same(rsvp)
        actions = [
            store.update(
                rsvp["pk"],
                rsvp["sk"],
                sets=["#status = :cancelled", "#cancelled_at = :now", "#updated_at = :now"],
                remove=["#gsi1pk", "#gsi1sk"] if status == keys.OFFERED else [],
                when=when,
                values={**values, ":cancelled": keys.CANCELLED, ":now": keys.stamp(now)},
            ),
            seats.change(
                event_id,
                event or {},
                confirmed=-party if status == keys.CONFIRMED else 0,
                offered=-party if status == keys.OFFERED else 0,
                waiting=-1 if status == keys.WAITLISTED else 0,
            ),
            outbox.entry(
                "cancelled",
                event_id,
                now,
                rsvp,
                party=party,
                was=status,
                **({"by": by} if by else {}),
            ),
        ]
        if status == keys.WAITLISTED:
            actions.append(store.delete(rsvp["pk"], keys.wait_sk(int(rsvp["seq"]))))
        try:
            store.transact(table, actions)
        except store.Refused:
            store.pause(attempt)  # it or the event changed meanwhile: look again
            continue
        outbox.publish(actions[2])
        if status != keys.WAITLISTED:
            waitlist.advance(table, event_id, now)
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    raise ServiceUnavailable("The event is very busy: try again in a moment.", retry_after=2)


def _more_seats(
    table: Table, event_id: str, event: dict[str, Any], extra: int
) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Return the conditions for ``extra`` more seats: free, and no waiting party fits them."""
    if not seats.fits(event, extra):
        left = seats.seats_left(event)
        raise Conflict(
            f"Only {left} more seat{'s are' if left != 1 else ' is'} free.",
            code="no_seats",
            fields={"party": "There are not enough seats for a larger party."},
        )
    if not seats.limited(event) or int(event.get("waiting", 0)) == 0:
        return ("#waiting = :zero",) if seats.limited(event) else (), {":zero": 0}
    places = waitlist.line(table, event_id, event)
    place, smallest = waitlist.first_fitting(places or [], seats.seats_left(event))
    if places is None or place is not None:
        raise Conflict(
            "Someone on the waitlist is first in line for the free seats.",
            code="no_seats",
            fields={"party": "Others are waiting for these seats."},
        )
    when = ["#wl_seq = :wl"] + (["#seats_left < :smallest"] if smallest is not None else [])
    return tuple(when), {":wl": event.get("wl_seq", 0), ":smallest": smallest}


def change(
    table: Table,
    rsvp: dict[str, Any],
    now: datetime,
    *,
    party: int | None = None,
    answers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Change party size and/or answers of an active RSVP; return it as stored."""
    event_id = rsvp["event_id"]
    for attempt in store.attempts():
        rsvp, event = _refresh(table, rsvp)
        refusal = rules.change_refusal(event, now)
        if refusal:
            raise refusal
        assert event is not None
        if rsvp["status"] not in keys.ACTIVE:
            raise Conflict("This RSVP is cancelled: RSVP again instead.", code="rsvp_cancelled")
        old = int(rsvp["party"])
        new = old if party is None else party
        if new != old and rsvp["status"] == keys.OFFERED:
            raise Conflict(
                "Claim the offered seats first; then change the size of your party.",
                code="offer_pending",
                fields={"party": "Claim your offer first."},
            )
        when, values = _same(rsvp)
        sets = ["#party = :party", "#updated_at = :now"]
        values.update({":party": new, ":now": keys.stamp(now)})
        if answers is not None:
            sets.append("#answers = :answers")
            values[":answers"] = answers
        actions = [store.update(rsvp["pk"], rsvp["sk"], sets=sets, when=when, values=values)]
        if new != old and rsvp["status"] == keys.CONFIRMED:
            extra_when, extra_values = (
                _more_seats(table, event_id, event, new - old) if new > old else ((), {})
            )
            actions.append(
                seats.change(
                    event_id, event, confirmed=new - old, when=extra_when, values=extra_values
                )
            )
        elif new != old:  # waitlisted: the place in line carries the size too
            actions.append(
                store.update(
                    rsvp["pk"],
                    keys.wait_sk(int(rsvp["seq"])),
                    sets=["#party = :party"],
                    when=["attribute_exists(pk)"],
                    values={":party": new},
                )
            )
        actions.append(outbox.entry("changed", event_id, now, rsvp, party=new, was_party=old))
        try:
            store.transact(table, actions)
        except store.Refused:
            store.pause(attempt)
            continue
        outbox.publish(actions[-1])
        if new < old:
            waitlist.advance(table, event_id, now)
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    raise ServiceUnavailable("The event is very busy: try again in a moment.", retry_after=2)
