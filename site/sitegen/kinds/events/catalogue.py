"""The event catalogue: the public facts the API needs to take RSVPs (docs/events.md).

The build writes it to `<build>/events/catalogue.json`; `make dev` and `make deploy`
hand it to the API (`python -m api.events sync FILE`), which codes against exactly
this shape. One entry per date with a page: a single event's id is its slug, a
recurring event's dates are `slug--YYYY-MM-DD`. Times are ISO 8601 with the
offset in force at that moment in the event's zone; an all-day event runs from
midnight on its first day to midnight after its last.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Occurrence

VERSION = 1


def catalogue(content: Any) -> dict:
    """Return every event date of the loaded content in the shared catalogue shape."""
    dated = [o for event in content.items.get("events", []) for o in event.occurrences]
    dated.sort(key=lambda o: (o.start, o.id))
    return {"version": VERSION, "events": [entry(o) for o in dated]}


def entry(occurrence: Occurrence) -> dict:
    """One date of an event as the API stores it."""
    event = occurrence.event
    place = event.location
    return {
        "id": occurrence.id,
        "slug": event.slug,
        "title": event.title,
        "url": occurrence.path,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "timezone": event.zone,
        "all_day": event.all_day,
        "location": None
        if place is None
        else {
            "name": place.name,
            "address": place.address,
            "lat": place.lat,
            "lon": place.lon,
            "map_url": place.map_url,
        },
        "online_url": event.online_url or None,
        "status": event.status,
        "capacity": event.capacity,
        "max_party": event.max_party,
        "waitlist": event.waitlist,
        "offer_hours": event.offer_hours,
        "rsvp_opens": occurrence.rsvp_opens.isoformat() if occurrence.rsvp_opens else None,
        "rsvp_closes": (occurrence.rsvp_closes or occurrence.start).isoformat(),
        "questions": [
            {
                "id": q.id,
                "label": q.label,
                "type": q.type,
                "choices": list(q.choices),
                "required": q.required,
            }
            for q in event.questions
        ],
        "ticket_url": event.ticket_url or None,
    }


def to_json(data: dict) -> str:
    """Serialise the catalogue as the build writes it (stable, readable in a diff)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
