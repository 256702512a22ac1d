"""The owner's event endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from ..validation import object_schema
from . import keys

_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
_MORE = {
    409: (
        "Refused by the RSVP's or the event's state: already checked in "
        "(already_checked_in, the message says when), not confirmed (not_confirmed), a "
        "ticket of another event (wrong_event), no seats for this party (no_seats), no "
        "waitlist (no_waitlist), nobody waiting would take the seats (nobody_waiting), "
        "cancelled (rsvp_cancelled), an offer gone (no_offer, offer_expired), an empty "
        "group (nobody_in_group)."
    ),
    410: "The event is over (event_past), cancelled (event_cancelled) or no longer listed.",
}
NULLABLE_TEXT = {"type": ["string", "null"]}
ATTENDEE = {
    "type": "object",
    "required": ["key", "name", "email", "party", "answers", "status"],
    "properties": {
        "key": {"type": "string", "description": "Names the RSVP in these endpoints."},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "party": {"type": "integer", "minimum": 1},
        "answers": {"type": "object", "additionalProperties": {"type": "string"}},
        "status": {"enum": [*keys.ACTIVE, *keys.ENDED]},
        "created_at": NULLABLE_TEXT,
        "updated_at": NULLABLE_TEXT,
        "checked_in_at": {**NULLABLE_TEXT, "description": "When they came in (UTC)."},
        "offer_expires": NULLABLE_TEXT,
        "cancelled_at": NULLABLE_TEXT,
        "position": {"type": ["integer", "null"], "description": "Place in line (1: next)."},
    },
}
EVENT = {
    "type": "object",
    "properties": {
        **{
            name: NULLABLE_TEXT
            for name in ("id", "title", "url", "start", "end", "timezone", "waitlist_mode")
        },
        "all_day": {"type": ["boolean", "null"]},
        "status": {"enum": [*keys.EVENT_STATUSES, None]},
        "capacity": {"type": ["integer", "null"], "description": "null: no limit"},
        "confirmed": {"type": "integer"},
        "seats_left": {"type": ["integer", "null"]},
        "waitlist": {"type": "integer", "description": "Parties waiting."},
        "offered": {"type": "integer", "description": "Seats held for open offers."},
        "upcoming": {"type": "boolean", "description": "Not over yet."},
        "removed": {"type": "boolean", "description": "No longer in the site's catalogue."},
    },
}
SENT = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "group": {"type": "string"},
        "subject": {"type": "string"},
        "message": {"type": "string"},
        "created_at": {"type": "string"},
        "recipients": {"type": "integer"},
    },
}
FEEDBACK = {
    "type": ["object", "null"],
    "description": (
        "null until the event has a feedback module (the email side's api.events.feedback.results)."
    ),
    "properties": {
        "count": {"type": "integer", "description": "Answers given."},
        "average": {"type": ["number", "null"]},
        "distribution": {"type": "object", "additionalProperties": {"type": "integer"}},
        "comments": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "rating": {"type": "integer"},
                    "comment": {"type": "string"},
                    "created_at": {"type": "string"},
                },
            },
        },
    },
}


def _errors(*codes: int) -> dict[str, Any]:
    from ..openapi import errors

    responses = errors(*(c for c in codes if c not in _MORE))
    for code in codes:
        if code in _MORE:
            responses[str(code)] = {"description": _MORE[code], "content": dict(_ERROR)}
    return dict(sorted(responses.items()))


def _params() -> tuple[dict[str, Any], dict[str, Any]]:
    from .openapi import EVENT_ID
    from .owner import KEY_PATTERN, RsvpKey

    key = {
        "name": "key",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^{KEY_PATTERN}$"},
        "example": RsvpKey.example,  # type: ignore[attr-defined]
        "description": "An RSVP's key, as the lists give it.",
    }
    return EVENT_ID, key


def openapi_paths() -> dict[str, Any]:
    """Describe the owner's event endpoints for /openapi.json."""
    from ..openapi import OWNER, json_body, ok, success
    from .owner import CHECKIN_FIELDS, MESSAGE_FIELDS, MOVE_FIELDS

    event_id, key = _params()
    attendee = ok(success(attendee=ATTENDEE))
    people = {"type": "array", "items": ATTENDEE}
    read, write = (401, 404, 429, 503), (400, 401, 403, 404, 409, 410, 413, 415, 422, 429, 503)
    return {
        "/owner/events": {
            "get": {
                "summary": "List every event with its seats, by start.",
                "security": OWNER,
                "responses": {
                    "200": ok(
                        success(
                            events={"type": "array", "items": EVENT},
                            upcoming={"type": "integer", "description": "Events not over."},
                            seats_taken={
                                "type": "integer",
                                "description": "Confirmed seats of the upcoming events.",
                            },
                        )
                    ),
                    **_errors(401, 429, 503),
                },
            }
        },
        "/owner/events/{event_id}/rsvps": {
            "parameters": [event_id],
            "get": {
                "summary": "Show an event's people by status, with answers, and messages sent.",
                "description": (
                    "confirmed by name; offered (seats held until offer_expires); waitlisted "
                    "in line order; cancelled (expired offers too), newest first."
                ),
                "security": OWNER,
                "responses": {
                    "200": ok(
                        success(
                            event=EVENT,
                            confirmed=people,
                            offered=people,
                            waitlisted=people,
                            cancelled=people,
                            checked_in={
                                "type": "object",
                                "properties": {
                                    "parties": {"type": "integer"},
                                    "people": {"type": "integer"},
                                },
                            },
                            messages={"type": "array", "items": SENT},
                        )
                    ),
                    **_errors(*read),
                },
            },
        },
        "/owner/events/{event_id}/rsvps.csv": {
            "parameters": [event_id],
            "get": {
                "summary": "Download an event's RSVPs as CSV, one column per question.",
                "security": OWNER,
                "responses": {
                    "200": {
                        "description": "CSV with a header row; formula-like cells are quoted.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **_errors(*read),
                },
            },
        },
        "/owner/events/{event_id}/feedback": {
            "parameters": [event_id],
            "get": {
                "summary": "Show the feedback attendees gave: average, distribution, comments.",
                "security": OWNER,
                "responses": {"200": ok(success(feedback=FEEDBACK)), **_errors(*read)},
            },
        },
        "/owner/events/{event_id}/messages": {
            "parameters": [event_id],
            "post": {
                "summary": "Write to one group of the event's attendees (sent by email).",
                "security": OWNER,
                "requestBody": json_body(object_schema(MESSAGE_FIELDS)),
                "responses": {
                    "201": ok(success(sent=SENT, text={"type": "string"}), "Stored and queued."),
                    **_errors(*write),
                },
            },
        },
        "/owner/events/{event_id}/checkin": {
            "parameters": [event_id],
            "post": {
                "summary": "Check in a ticket, scanned or typed (409 if already checked in).",
                "security": OWNER,
                "requestBody": json_body(object_schema(CHECKIN_FIELDS)),
                "responses": {
                    "200": ok(success(attendee=ATTENDEE, text={"type": "string"})),
                    **_errors(*write),
                },
            },
        },
        "/owner/events/{event_id}/rsvps/{key}/checkin": {
            "parameters": [event_id, key],
            "post": {
                "summary": "Check in someone picked from the list (409 if already checked in).",
                "security": OWNER,
                "responses": {
                    "200": ok(success(attendee=ATTENDEE, text={"type": "string"})),
                    **_errors(401, 403, 404, 409, 429, 503),
                },
            },
            "delete": {
                "summary": "Take a check-in back.",
                "security": OWNER,
                "responses": {"200": attendee, **_errors(401, 403, 404, 429, 503)},
            },
        },
        "/owner/events/{event_id}/rsvps/{key}": {
            "parameters": [event_id, key],
            "patch": {
                "summary": "Confirm a waiting party (if seats are free) or move one to the line.",
                "security": OWNER,
                "requestBody": json_body(object_schema(MOVE_FIELDS)),
                "responses": {"200": attendee, **_errors(*write)},
            },
            "delete": {
                "summary": "Cancel someone's RSVP; their seats go to the waitlist.",
                "security": OWNER,
                "responses": {"200": attendee, **_errors(401, 403, 404, 409, 410, 429, 503)},
            },
        },
    }
