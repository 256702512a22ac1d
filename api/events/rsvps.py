"""New RSVPs: the service that takes seats (``changes`` changes and gives them back).

Views and tests call :func:`reserve`, which holds the invariant with one
conditional transaction per step (see ``seats`` and ``waitlist``): confirmed
while seats remain and nobody is waiting, else a place at the end of the line
(waitlist on), else ``event_full``. The RSVP is put only if the address has no
active RSVP for the event: a repeat returns the existing one and takes nothing.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import ServiceUnavailable
from ..storage import StorageError, Table
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
        except StorageError:  # not written: the count must not wait for this place
            _give_back_number(table, event_id)
            raise
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
