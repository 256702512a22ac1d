"""The owner's view of events: every event with its seats, and who is coming to one.

Reads only: the list is one query of GSI1 (``EVENTS``), an event's people one
strongly consistent query of its partition (``RSVP#`` items; the line's order
is each waiting RSVP's ``seq``). Nothing here is on a visitor's path.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..storage import GSI1, Table
from . import keys, seats, store

SHOWN = ("id", "title", "url", "start", "end", "timezone", "all_day", "status")
# The lists of an event's page, each in the order the owner reads it.
GROUPS = ("confirmed", "offered", "waitlisted", "cancelled")


def _ends(event: dict[str, Any]) -> datetime:
    return keys.parse_time(event.get("end") or event["start"])


def summary(event: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Return what the owner sees of an event in a list: its facts and its seats."""
    shown = {name: event.get(name) for name in SHOWN}
    shown.update(
        seats.public(event),
        offered=int(event.get("offered", 0)),
        waitlist_mode=event.get("waitlist", "off"),
        upcoming=now < _ends(event),
        removed=bool(event.get("removed_at")),
    )
    return shown


def events(table: Table, now: datetime) -> list[dict[str, Any]]:
    """Return every event the API has stored, by start, as :func:`summary` shows it."""
    found, start = [], None
    while True:
        items, start = table.query(
            "gsi1pk", keys.EVENTS, index=GSI1, sort_key="gsi1sk", start=start
        )
        found.extend(summary(item, now) for item in items)
        if not start:
            return found


def attendee(rsvp: dict[str, Any]) -> dict[str, Any]:
    """Return what the owner sees of one RSVP (``key`` names it in the owner's endpoints)."""
    status = rsvp["status"]
    return {
        "key": rsvp["hash"],
        "name": rsvp.get("name", ""),
        "email": rsvp.get("email", ""),
        "party": int(rsvp["party"]),
        "answers": dict(rsvp.get("answers") or {}),
        "status": status,
        "created_at": rsvp.get("created_at"),
        "updated_at": rsvp.get("updated_at"),
        "checked_in_at": rsvp.get("checked_in_at") if status == keys.CONFIRMED else None,
        "offer_expires": rsvp.get("offer_expires") if status == keys.OFFERED else None,
        "cancelled_at": rsvp.get("cancelled_at") or rsvp.get("expired_at")
        if status in keys.ENDED
        else None,
        "position": None,
    }


def people(table: Table, event_id: str) -> dict[str, list[dict[str, Any]]]:
    """Return an event's RSVPs by group: confirmed by name, the line in order, cancelled last.

    ``offered`` are waiting parties holding offered seats; ``cancelled`` holds
    expired offers too. Each waiting party carries its ``position`` (1: next).
    """
    rsvps = store.every_with_prefix(table, keys.event_pk(event_id), keys.RSVP_PREFIX)
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in GROUPS}
    for rsvp in rsvps:
        status = rsvp["status"]
        group = "cancelled" if status in keys.ENDED else status
        groups[group].append(rsvp)
    groups["confirmed"].sort(key=lambda r: (r.get("name", "").casefold(), r["hash"]))
    groups["offered"].sort(key=lambda r: r.get("offer_expires", ""))
    groups["waitlisted"].sort(key=lambda r: int(r.get("seq", 0)))
    groups["cancelled"].sort(
        key=lambda r: r.get("cancelled_at") or r.get("expired_at") or "", reverse=True
    )
    shown = {name: [attendee(r) for r in items] for name, items in groups.items()}
    for place, person in enumerate(shown["waitlisted"], start=1):
        person["position"] = place
    return shown


def checked_in(groups: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Count the confirmed parties and people checked in."""
    arrived = [p for p in groups["confirmed"] if p["checked_in_at"]]
    return {"parties": len(arrived), "people": sum(p["party"] for p in arrived)}


def csv_rows(
    event: dict[str, Any], groups: dict[str, list[dict[str, Any]]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Return the columns and rows of an event's CSV: every RSVP, one answer per column."""
    from ..csvfile import safe_cell

    questions = event.get("questions") or []
    # The author's labels head the answer columns (made safe like every cell;
    # a label used twice gets its id).
    labels: dict[str, str] = {}
    for question in questions:
        label = safe_cell(question.get("label") or question["id"])
        if label in labels.values() or label in _COLUMNS:
            label = f"{label} ({question['id']})"
        labels[question["id"]] = label
    rows = []
    for group in GROUPS:
        for person in groups[group]:
            row = {name: person.get(name) for name in _COLUMNS}
            row["position"] = person["position"] or ""
            row.update({labels[q]: person["answers"].get(q, "") for q in labels})
            rows.append(row)
    return [*_COLUMNS, *labels.values()], rows


_COLUMNS = (
    "status",
    "name",
    "email",
    "party",
    "position",
    "checked_in_at",
    "created_at",
    "updated_at",
    "offer_expires",
    "cancelled_at",
)
