"""What the events tests share: an event in the catalogue's shape, bodies, tokens, reads.

Not a conftest (the API's conftest belongs to every API test); imported by the
events test modules. It holds no tests itself.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from api.events import catalog, keys, store
from api.security import issue_token

from .conftest import SECRET

EVENT_ID = "board-games"
# One start for the whole run, so two calls of event() describe the same event.
START = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=7)


def event(event_id: str = EVENT_ID, **changes: Any) -> dict[str, Any]:
    """Return a catalogue entry a week ahead (changes applied; None values kept)."""
    start = START
    entry: dict[str, Any] = {
        "id": event_id,
        "slug": event_id.split("--")[0],
        "title": "Board games night",
        "url": f"/events/{event_id}/",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=3)).isoformat(),
        "timezone": "Europe/Oslo",
        "all_day": False,
        "location": {"name": "The Library", "address": "Main St 1", "lat": 59.91, "lon": 10.75},
        "online_url": None,
        "status": "scheduled",
        "capacity": 20,
        "max_party": 4,
        "waitlist": "auto",
        "offer_hours": 24,
        "rsvp_opens": None,
        "rsvp_closes": None,
        "questions": [
            {"id": "diet", "label": "Dietary needs", "type": "text", "required": False},
            {"id": "games", "label": "Bring games?", "type": "yesno", "required": True},
            {
                "id": "level",
                "label": "Experience",
                "type": "choice",
                "choices": ["new", "casual", "expert"],
                "required": False,
            },
        ],
        "ticket_url": None,
    }
    entry.update(changes)
    return entry


def catalogue(*events: dict[str, Any]) -> dict[str, Any]:
    """Return a catalogue holding these events."""
    return {"version": 1, "events": list(events)}


def table_of(app: Any) -> Any:
    """Return the table of an API app."""
    return app.extensions["frostfolio"].table


def sync(app_or_table: Any, *events: dict[str, Any]) -> catalog.Report:
    """Sync these events into the app's (or a) table and check nothing went wrong."""
    table = getattr(app_or_table, "extensions", None) and table_of(app_or_table) or app_or_table
    report = catalog.sync(table, catalogue(*events), datetime.now(UTC))
    assert report.ok, report.problems
    return report


def rsvp_token(event_id: str = EVENT_ID, age: float = 10) -> str:
    """Return a form token for an event's RSVP form, issued ``age`` seconds ago."""
    return issue_token(SECRET, f"rsvp:{event_id}", now=time.time() - age)


def rsvp_body(email: str = "ada@example.org", event_id: str = EVENT_ID, **changes: Any) -> dict:
    """Return a valid RSVP (changes applied; None removes a key)."""
    body: dict[str, Any] = {
        "name": "Ada Lovelace",
        "email": email,
        "party": 1,
        "answer_games": "yes",
        "website": "",
        "token": rsvp_token(event_id),
    }
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def meta(table: Any, event_id: str = EVENT_ID) -> dict[str, Any]:
    """Return an event's stored item."""
    return table.get(keys.event_pk(event_id), keys.META)


def rsvps_of(table: Any, event_id: str = EVENT_ID) -> list[dict[str, Any]]:
    """Return every RSVP of an event."""
    return store.every_with_prefix(table, keys.event_pk(event_id), keys.RSVP_PREFIX)


def by_status(table: Any, status: str, event_id: str = EVENT_ID) -> list[dict[str, Any]]:
    """Return an event's RSVPs in one status."""
    return [r for r in rsvps_of(table, event_id) if r["status"] == status]


def notifications(table: Any) -> list[dict[str, Any]]:
    """Return the pending notifications, oldest first."""
    found, start = [], None
    while True:
        items, start = table.query("pk", "NOTIFY#events", start=start)
        found.extend(items)
        if not start:
            return found


def manage_path(response_json: dict[str, Any]) -> str:
    """Return the API path of a manage link (without the site's origin and /api)."""
    return "/" + response_json["manage_url"].split("/api/", 1)[1]


def reserve(table: Any, email: str, party: int = 1, event_id: str = EVENT_ID) -> dict[str, Any]:
    """RSVP through the service (no HTTP); return the RSVP as stored."""
    from api.events import rsvps

    now = datetime.now(UTC)
    fields = {"name": email.split("@")[0], "email": email, "party": party}
    item = rsvps.new_rsvp(event_id, fields, {}, "test-client", now)
    return rsvps.reserve(table, event_id, meta(table, event_id), item, now).rsvp
