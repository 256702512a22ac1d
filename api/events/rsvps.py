"""The RSVP service: the one place that takes, changes and gives back seats.

Views and tests call these functions; each holds the invariant with one
conditional transaction per step (see ``seats`` and ``waitlist``):

- :func:`reserve`: confirmed while seats remain and nobody is waiting, else a
  place at the end of the line (waitlist on), else ``event_full``. The RSVP is
  put only if the address has no active RSVP for the event: a repeat returns
  the existing one and takes nothing.
- :func:`change`: party size (more seats only if free and nobody waiting fits
  them) and answers.
- :func:`cancel`: gives the seats back; the line moves up.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import ServiceUnavailable
from ..storage import Table
from . import keys, outbox, rules, seats, store, waitlist
from .rules import Conflict

PUBLIC = ("event_id", "name", "email", "party", "answers", "status", "created_at", "updated_at")


@dataclass
class Outcome:
    """An RSVP as stored, and whether this request created it (False: a repeat)."""

    rsvp: dict[str, Any]
    created: bool


def new_rsvp(
    event_id: str,
    fields: dict[str, Any],
    answers: dict[str, str],
    client: str,
    now: datetime,
) -> dict[str, Any]:
    """Build the RSVP item for validated fields (its status is decided by :func:`reserve`)."""
    hashed = keys.email_hash(fields["email"])
    return {
        "pk": keys.event_pk(event_id),
        "sk": keys.rsvp_sk(hashed),
        "type": "rsvp",
        "event_id": event_id,
        "hash": hashed,
        "rid": secrets.token_hex(6),  # a manage link names it: a new RSVP gets new links
        "name": fields["name"],
        "email": fields["email"],
        "party": int(fields["party"]),
        "answers": answers,
        "created_at": keys.stamp(now),
        "updated_at": keys.stamp(now),
        "client": client,
    }


def public(rsvp: dict[str, Any]) -> dict[str, Any]:
    """Return what the attendee sees of their RSVP."""
    shown = {name: rsvp.get(name) for name in PUBLIC}
    shown["party"] = int(rsvp["party"])
    shown["offer_expires"] = rsvp.get("offer_expires") if rsvp["status"] == keys.OFFERED else None
    return shown


def _still_open(event: dict[str, Any]) -> list[str]:
    return [
        "attribute_not_exists(#removed_at)",
        "#status IN (:takes_1, :takes_2)",
        "#rev = :rev",
    ]


def _open_values(event: dict[str, Any]) -> dict[str, Any]:
    return {":takes_1": keys.TAKES_RSVPS[0], ":takes_2": keys.TAKES_RSVPS[1], ":rev": event["rev"]}


def _put_rsvp(rsvp: dict[str, Any]) -> dict[str, Any]:
    return store.put(
        rsvp,
        when=["attribute_not_exists(pk) OR #status IN (:cancelled, :expired)"],
        values={":cancelled": keys.CANCELLED, ":expired": keys.EXPIRED},
    )


def _confirm(event_id: str, event: dict[str, Any], rsvp: dict[str, Any], now: datetime) -> list:
    rsvp = dict(rsvp, status=keys.CONFIRMED, confirmed_at=keys.stamp(now))
    when = tuple(_still_open(event)) + (("#waiting = :zero",) if seats.limited(event) else ())
    counters = seats.change(
        event_id,
        event,
        confirmed=rsvp["party"],
        when=when,
        values={**_open_values(event), ":zero": 0},
    )
    note = outbox.entry("confirmed", event_id, now, rsvp, party=rsvp["party"])
    return [_put_rsvp(rsvp), counters, note]


def _take_a_number(event_id: str, event: dict[str, Any], party: int, now: datetime) -> dict:
    # One counter update, not a transaction: it hands back the number. It counts
    # the party as waiting at once, so no one is confirmed ahead of it, and a
    # promoter that sees fewer places than waiting parties waits for this one's.
    return seats.change(
        event_id,
        event,
        waiting=1,
        sets=("#wl_seq = #wl_seq + :one", "#wl_joined_at = :now"),
        when=(*_still_open(event), "#seats_left < :party OR #waiting > :zero"),
        values={
            **_open_values(event),
            ":one": 1,
            ":zero": 0,
            ":now": keys.stamp(now),
            ":party": party,
        },
    )


def _place(rsvp: dict[str, Any], seq: int) -> dict[str, Any]:
    return {
        "pk": rsvp["pk"],
        "sk": keys.wait_sk(seq),
        "type": "wait",
        "rsvp": rsvp["hash"],
        "party": rsvp["party"],
        "seq": seq,
    }


def _give_back_number(table: Table, event_id: str) -> None:
    # The address already had an RSVP: the number is left unused, the count restored.
    back = store.update(
        keys.event_pk(event_id),
        keys.META,
        sets=["#waiting = #waiting - :one"],
        when=["#waiting > :zero"],
        values={":one": 1, ":zero": 0},
    )
    with contextlib.suppress(store.Refused):
        store.apply(table, back)


def _full(event: dict[str, Any], party: int) -> Conflict:
    left, title = seats.seats_left(event) or 0, event.get("title", "This event")
    if left:
        return Conflict(
            f"Only {left} seat{'s' if left != 1 else ''} left for {title}: "
            f"a party of {party} does not fit.",
            code="event_full",
            fields={"party": f"At most {left} now."},
        )
    return Conflict(f"{title} is full.", code="event_full")


def reserve(
    table: Table, event_id: str, event: dict[str, Any] | None, rsvp: dict[str, Any], now: datetime
) -> Outcome:
    """Store a new RSVP, confirmed or waitlisted, or return the address's existing one.

    Confirming is one transaction (the RSVP, if the address has none, and the
    seats, if free and nobody waits). Joining the line is a number from the
    event's counter, then one transaction writing the RSVP and its place.
    """
    for attempt in store.attempts():
        refusal = rules.refusal(event, event_id, now)
        if refusal:
            raise refusal
        assert event is not None
        nobody_waiting = int(event.get("waiting", 0)) == 0
        if seats.fits(event, rsvp["party"]) and (nobody_waiting or not seats.limited(event)):
            actions = _confirm(event_id, event, rsvp, now)
            try:
                store.transact(table, actions)
            except store.Refused as exc:
                existing = _existing(table, rsvp, exc)
                if existing:
                    return Outcome(existing, created=False)
                event = exc.items.get(1) or table.get(rsvp["pk"], keys.META)
                store.pause(attempt)  # the seats went meanwhile: look again
                continue
            outbox.publish(actions[-1])
            return Outcome(actions[0]["Put"]["Item"], created=True)
        if event.get("waitlist", "off") == "off":
            raise _full(event, rsvp["party"])
        try:
            event = store.apply(table, _take_a_number(event_id, event, rsvp["party"], now))
        except store.Refused as exc:
            event = exc.items.get(0) or table.get(rsvp["pk"], keys.META)
            continue  # seats came free, or the event changed: decide again
        joined = dict(
            rsvp, status=keys.WAITLISTED, seq=int(event["wl_seq"]), waitlisted_at=keys.stamp(now)
        )
        place = store.put(_place(joined, joined["seq"]), when=["attribute_not_exists(pk)"])
        note = outbox.entry("waitlisted", event_id, now, joined, party=joined["party"])
        try:
            store.transact(table, [_put_rsvp(joined), place, note])
        except store.Refused as exc:
            _give_back_number(table, event_id)
            existing = _existing(table, rsvp, exc)
            if existing:
                return Outcome(existing, created=False)
            event = table.get(rsvp["pk"], keys.META)
            continue
        outbox.publish(note)
        return Outcome(_after_joining(table, event_id, joined, now), created=True)
    raise ServiceUnavailable(
        "Many people are RSVPing right now: try again in a moment.", retry_after=2
    )


def _existing(table: Table, rsvp: dict[str, Any], exc: store.Refused) -> dict[str, Any] | None:
    """Return the address's active RSVP if that is what refused the put (action 0)."""
    if 0 not in exc.items:
        return None
    existing = exc.items[0] or table.get(rsvp["pk"], rsvp["sk"])
    return existing if existing and existing.get("status") in keys.ACTIVE else None


def _after_joining(table: Table, event_id: str, rsvp: dict[str, Any], now: datetime) -> dict:
    # Seats may be free for a party behind others that do not fit, or freed
    # while this one joined: move the line now. If this party is offered the
    # seats, it is here asking for them, so it takes them at once.
    moved = waitlist.advance(table, event_id, now)
    if any(m["hash"] == rsvp["hash"] for m in moved):
        current = table.get(rsvp["pk"], rsvp["sk"]) or rsvp
        if current["status"] == keys.OFFERED:
            # If it lapsed or went meanwhile, the RSVP as stored says where it stands.
            with contextlib.suppress(Conflict):
                waitlist.claim(table, event_id, current, now)
        return table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    return rsvp


def _refresh(table: Table, rsvp: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    current = table.get(rsvp["pk"], rsvp["sk"])
    if current is None or current.get("rid") != rsvp.get("rid"):
        from ..errors import NotFound

        raise NotFound("This RSVP no longer exists.", code="rsvp_not_found")
    return current, table.get(rsvp["pk"], keys.META)


def _same(rsvp: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return (
        ["#status = :was", "#party = :was_party", "#rid = :rid"],
        {":was": rsvp["status"], ":was_party": rsvp["party"], ":rid": rsvp["rid"]},
    )


def cancel(table: Table, rsvp: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Cancel an RSVP, free its seats or place, and move the line up; return it as stored."""
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
            outbox.entry("cancelled", event_id, now, rsvp, party=party, was=status),
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


def audit(table: Table, event_id: str) -> list[str]:
    """Return every way the event's counters disagree with its RSVPs (empty: all is well)."""
    pk = keys.event_pk(event_id)
    event = table.get(pk, keys.META) or {}
    rsvps = store.every_with_prefix(table, pk, keys.RSVP_PREFIX)
    places = store.every_with_prefix(table, pk, keys.WAIT_PREFIX)
    held = {
        s: sum(int(r["party"]) for r in rsvps if r["status"] == s)
        for s in (keys.CONFIRMED, keys.OFFERED)
    }
    waiting = [r for r in rsvps if r["status"] == keys.WAITLISTED]
    problems = []
    if held[keys.CONFIRMED] != int(event.get("confirmed", 0)):
        problems.append(
            f"confirmed seats {held[keys.CONFIRMED]} != counter {event.get('confirmed')}"
        )
    if held[keys.OFFERED] != int(event.get("offered", 0)):
        problems.append(f"offered seats {held[keys.OFFERED]} != counter {event.get('offered')}")
    if not len(waiting) == len(places) == int(event.get("waiting", 0)):
        problems.append(
            f"waiting {len(waiting)} RSVPs, {len(places)} places, counter {event.get('waiting')}"
        )
    if seats.limited(event):
        total = held[keys.CONFIRMED] + held[keys.OFFERED] + int(event["seats_left"])
        if int(event["seats_left"]) < 0 or total != int(event["capacity"]):
            problems.append(
                f"oversold: {held} + {event['seats_left']} left != capacity {event['capacity']}"
            )
    return problems
