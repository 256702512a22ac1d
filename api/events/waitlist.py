"""The waitlist: freed seats go to waiting parties in arrival order, for parties that fit.

A party's place is ``WAIT#<seq>``, numbered when it joined (``wl_seq`` on the
event moves in the same transaction, so line order is commit order). Moving
someone up is its own transaction: delete the place, change the RSVP, move the
counters, under conditions that the seats are still free and, when earlier
parties were skipped because they did not fit, that they still do not
(``seats_left < smallest skipped party``). A move that loses a race is refused
by DynamoDB, never oversold, and the loop looks again.

Two modes (the event's ``waitlist``): ``auto`` confirms the party at once;
``offer`` holds the seats for it until ``offer_expires`` (``offer_hours``
later): it claims them through its manage link, or :func:`expire_offers`
(a scheduled job) passes them on to the next party.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

from ..storage import Table
from . import keys, outbox, rules, seats, store
from .rules import Conflict

MAX_STEPS = 200  # reads and attempts per call; the scheduled job picks up anything left
STALE_SECONDS = 60  # a number taken this long ago with no place written was abandoned
JOINING_WAITS = 10  # waits (≈ 1 s in all) for a joining party's place before leaving it be


def line(table: Table, event_id: str, event: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Return the places in line numbered up to the event's ``wl_seq`` as read, in order.

    None if a party counted as waiting has no place yet: its number was taken
    and its RSVP is being written (milliseconds), so nobody may be moved past
    it. A place never written (its request died) is written off after
    :data:`STALE_SECONDS`, so the line cannot stall.
    """
    places = store.every_with_prefix(table, keys.event_pk(event_id), keys.WAIT_PREFIX)
    numbered = int(event.get("wl_seq", 0))
    places = [p for p in places if int(p["seq"]) <= numbered]
    waiting = int(event.get("waiting", 0))
    if len(places) >= waiting:
        return places
    joined_at = event.get("wl_joined_at")
    if joined_at and datetime.now(UTC) - keys.parse_time(joined_at) > (
        timedelta(seconds=STALE_SECONDS)
    ):
        recount = store.update(
            keys.event_pk(event_id),
            keys.META,
            sets=["#waiting = :counted"],
            when=["#waiting = :was", "#wl_seq = :numbered"],
            values={":counted": len(places), ":was": waiting, ":numbered": numbered},
        )
        with contextlib.suppress(store.Refused):
            store.apply(table, recount)
    return None


def first_fitting(
    places: list[dict[str, Any]], left: int | None
) -> tuple[dict[str, Any] | None, int | None]:
    """Return the first place whose party fits ``left`` seats, and the smallest party before it."""
    smallest = None
    for place in places:
        party = int(place["party"])
        if left is None or party <= left:
            return place, smallest
        smallest = party if smallest is None else min(smallest, party)
    return None, smallest


def _move(
    event_id: str, event: dict[str, Any], place: dict[str, Any], smallest: int | None, now: datetime
) -> tuple[list[dict[str, Any]], str]:
    pk, party = keys.event_pk(event_id), int(place["party"])
    when, values = [], {}
    if smallest is not None and seats.limited(event):
        when, values = ["#seats_left < :smallest"], {":smallest": smallest}
    common = {":waitlisted": keys.WAITLISTED, ":seq": place["seq"], ":now": keys.stamp(now)}
    offer = event.get("waitlist") == "offer" and seats.limited(event)
    if offer:
        expires = keys.stamp(now + timedelta(hours=int(event.get("offer_hours", 24))))
        rsvp = store.update(
            pk,
            keys.rsvp_sk(place["rsvp"]),
            sets=[
                "#status = :offered",
                "#offer_expires = :expires",
                "#gsi1pk = :offers",
                "#gsi1sk = :offer_key",
                "#updated_at = :now",
            ],
            when=["#status = :waitlisted", "#seq = :seq"],
            values={
                **common,
                ":offered": keys.OFFERED,
                ":expires": expires,
                ":offers": keys.OFFERS,
                ":offer_key": f"{expires}#{event_id}#{place['rsvp']}",
            },
        )
        counters = seats.change(
            event_id, event, offered=party, waiting=-1, when=tuple(when), values=values
        )
        note = outbox.entry(
            "offered", event_id, now, {"hash": place["rsvp"]}, party=party, offer_expires=expires
        )
    else:
        rsvp = store.update(
            pk,
            keys.rsvp_sk(place["rsvp"]),
            sets=["#status = :confirmed", "#promoted_at = :now", "#updated_at = :now"],
            when=["#status = :waitlisted", "#seq = :seq"],
            values={**common, ":confirmed": keys.CONFIRMED},
        )
        counters = seats.change(
            event_id, event, confirmed=party, waiting=-1, when=tuple(when), values=values
        )
        note = outbox.entry("promoted", event_id, now, {"hash": place["rsvp"]}, party=party)
    place_gone = store.delete(pk, place["sk"], when=["attribute_exists(pk)"])
    return [place_gone, rsvp, counters, note], (keys.OFFERED if offer else keys.CONFIRMED)


def advance(table: Table, event_id: str, now: datetime) -> list[dict[str, Any]]:
    """Give free seats to waiting parties that fit, first come first served; return who moved.

    Each returned dict holds the party's ``hash``, ``party`` and new ``status``.
    """
    moved: list[dict[str, Any]] = []
    pk = keys.event_pk(event_id)
    lost = joining = 0
    for step in store.attempts():
        if step >= MAX_STEPS:
            break
        event = table.get(pk, keys.META)
        if not event or int(event.get("waiting", 0)) <= 0 or not rules.moves_up(event, now):
            break
        left = seats.seats_left(event)
        if left is not None and left <= 0:
            break
        places = line(table, event_id, event)
        if places is None:  # a party is joining: wait (briefly) for its place
            if joining >= JOINING_WAITS:
                break  # its own request moves the line once it is in; else the job does
            store.pause(joining)
            joining += 1
            continue
        place, smallest = first_fitting(places, left)
        if place is None:
            break
        actions, status = _move(event_id, event, place, smallest, now)
        try:
            store.transact(table, actions)
        except store.Refused:
            store.pause(lost)  # someone else moved first: look again
            lost += 1
            continue
        outbox.publish(actions[-1])
        moved.append({"hash": place["rsvp"], "party": int(place["party"]), "status": status})
    return moved


def claim(table: Table, event_id: str, rsvp: dict[str, Any], now: datetime) -> None:
    """Confirm an offered party's held seats; refuse if there is no offer or it lapsed."""
    if rsvp["status"] != keys.OFFERED:
        raise Conflict("There is no seat offered to this RSVP.", code="no_offer")
    if keys.stamp(now) >= rsvp["offer_expires"]:
        expire(table, rsvp, now)
        advance(table, event_id, now)
        raise Conflict(
            "This offer has expired and passed to the next in line.", code="offer_expired"
        )
    party = int(rsvp["party"])
    for attempt in range(10):
        event = table.get(keys.event_pk(event_id), keys.META)
        actions = [
            store.update(
                keys.event_pk(event_id),
                rsvp["sk"],
                sets=["#status = :confirmed", "#confirmed_at = :now", "#updated_at = :now"],
                remove=["#gsi1pk", "#gsi1sk", "#offer_expires"],
                when=[
                    "#status = :offered",
                    "#offer_expires = :expires",
                    "#offer_expires > :now",
                    "#rid = :rid",
                ],
                values={
                    ":confirmed": keys.CONFIRMED,
                    ":offered": keys.OFFERED,
                    ":expires": rsvp["offer_expires"],
                    ":now": keys.stamp(now),
                    ":rid": rsvp["rid"],
                },
            ),
            seats.change(event_id, event or {}, confirmed=party, offered=-party),
            outbox.entry("claimed", event_id, now, rsvp, party=party),
        ]
        try:
            store.transact(table, actions)
        except store.Refused as exc:
            if 0 in exc.items:
                raise Conflict("This offer is no longer open.", code="offer_expired") from None
            store.pause(attempt)  # the limit changed meanwhile
            continue
        outbox.publish(actions[-1])
        return
    raise Conflict("The event kept changing: try again.", code="busy")


def expire(table: Table, rsvp: dict[str, Any], now: datetime) -> bool:
    """Lapse an unclaimed offer and free its seats; False if it was claimed or lapsed already."""
    event_id, party = rsvp["event_id"], int(rsvp["party"])
    for attempt in range(10):
        event = table.get(keys.event_pk(event_id), keys.META)
        actions = [
            store.update(
                keys.event_pk(event_id),
                keys.rsvp_sk(rsvp["hash"]),
                sets=["#status = :expired", "#expired_at = :now", "#updated_at = :now"],
                remove=["#gsi1pk", "#gsi1sk"],
                when=["#status = :offered", "#offer_expires = :expires"],
                values={
                    ":expired": keys.EXPIRED,
                    ":offered": keys.OFFERED,
                    ":expires": rsvp["offer_expires"],
                    ":now": keys.stamp(now),
                },
            ),
            seats.change(event_id, event or {}, offered=-party),
            outbox.entry("offer_expired", event_id, now, rsvp, party=party),
        ]
        try:
            store.transact(table, actions)
        except store.Refused as exc:
            if 0 in exc.items:
                return False
            store.pause(attempt)
            continue
        outbox.publish(actions[-1])
        return True
    return False


def expire_offers(table: Table, now: datetime) -> dict[str, int]:
    """Pass every offer past its time on to the next party in line; return counts."""
    counts = {"expired": 0, "moved_up": 0}
    touched: set[str] = set()
    start = None
    while True:
        items, start = store.gsi_before(table, keys.OFFERS, keys.stamp(now), start)
        for item in items:
            if expire(table, item, now):
                counts["expired"] += 1
                touched.add(item["event_id"])
        if not start:
            break
    # Also a safety net: a request that stopped between freeing seats and moving
    # the line up (a timeout) leaves seats that this picks up.
    for event in _events_with_room(table):
        touched.add(event["id"])
    for event_id in sorted(touched):
        counts["moved_up"] += len(advance(table, event_id, now))
    return counts


def _events_with_room(table: Table) -> list[dict[str, Any]]:
    from ..storage import GSI1

    found, start = [], None
    while True:
        items, start = table.query(
            "gsi1pk", keys.EVENTS, index=GSI1, sort_key="gsi1sk", start=start
        )
        found += [
            e
            for e in items
            if int(e.get("waiting", 0)) > 0 and not e.get("removed_at") and seats.fits(e, 1)
        ]
        if not start:
            return found


def position(table: Table, rsvp: dict[str, Any]) -> int:
    """Return a waiting party's place in line (1: next to move up)."""
    out = table.call(
        "query",
        TableName=table.name,
        KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :mine",
        ExpressionAttributeValues=table.dump(
            {
                ":pk": rsvp["pk"],
                ":first": keys.WAIT_PREFIX,
                ":mine": keys.wait_sk(int(rsvp["seq"])),
            }
        ),
        ConsistentRead=True,
        Select="COUNT",
    )
    return int(out["Count"])
