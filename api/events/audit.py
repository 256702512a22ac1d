"""Check an event's counters against its RSVPs: what the tests and the benchmark assert.

Reads every RSVP and place of the event (a query of one partition), so it is
for tests, benchmarks and the owner's checks, never for a visitor's request.
"""

from __future__ import annotations

from ..storage import Table
from . import keys, seats, store


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
