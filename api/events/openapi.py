"""The events endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from ..validation import object_schema
from . import fields, keys, tokens

HTML = {"text/html": {"schema": {"type": "string"}}}
_MORE = {
    409: (
        "The event refuses this now: full with no waitlist (event_full), RSVPs not open yet "
        "(rsvp_not_open) or closed (rsvp_closed), postponed (event_postponed), tickets sold "
        "elsewhere (tickets_elsewhere), not enough seats for a larger party (no_seats), no or "
        "an expired offer (no_offer, offer_expired), the event started (event_started)."
    ),
    410: "The event is over (event_past), cancelled (event_cancelled) or no longer listed.",
}
RSVP = {
    "type": "object",
    "required": ["event_id", "status", "party"],
    "properties": {
        "event_id": {"type": "string"},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "party": {"type": "integer", "minimum": 1},
        "answers": {"type": "object", "additionalProperties": {"type": "string"}},
        "status": {"enum": [*keys.ACTIVE, *keys.ENDED]},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "offer_expires": {
            "type": ["string", "null"],
            "description": "Until when offered seats are held (status offered).",
        },
    },
}
EVENT_ID = {
    "name": "event_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{keys.ID_PATTERN}$"},
    "example": keys.ID_EXAMPLE,
    "description": "The event's id: its slug, or slug--YYYY-MM-DD for one occurrence.",
}
TOKEN = {
    "name": "token",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{tokens.MANAGE_PATTERN}$"},
    "example": tokens.MANAGE_EXAMPLE,
    "description": "The signed token of the RSVP's manage link.",
}


def _body(declared: dict[str, Any], *, form: bool) -> dict[str, Any]:
    schema = object_schema(declared)
    schema["patternProperties"] = {
        f"^{fields.ANSWER_PREFIX}{keys.QUESTION_PATTERN}$": fields.ANSWER_FIELD.json_schema()
    }
    content = {"application/json": {"schema": schema}}
    if form:
        content["application/x-www-form-urlencoded"] = {"schema": schema}
    return {"required": True, "content": content}


def _errors(*codes: int, html: bool = False) -> dict[str, Any]:
    from ..openapi import errors

    responses = errors(*(c for c in codes if c not in _MORE))
    for code in codes:
        if code in _MORE:
            responses[str(code)] = {
                "description": _MORE[code],
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
    if html:  # a browser's form post gets a page with the same status
        for response in responses.values():
            response["content"].update(HTML)
    return dict(sorted(responses.items()))


def _manage_answer(description: str = "The RSVP as it now stands.") -> dict[str, Any]:
    from ..openapi import ok, success

    event = {
        "type": "object",
        "properties": {
            name: {"type": ["string", "null"]}
            for name in ("id", "title", "url", "start", "end", "status")
        },
    }
    return ok(
        success(
            rsvp={"$ref": "#/components/schemas/Rsvp"},
            position={
                "type": ["integer", "null"],
                "description": "Place in line while waitlisted (1: next).",
            },
            event=event,
        ),
        description,
    )


def openapi_paths() -> dict[str, Any]:
    """Describe the events endpoints for /openapi.json."""
    from .feedback_views import openapi_paths as feedback_paths

    return {**_rsvp_paths(), **feedback_paths()}


def _rsvp_paths() -> dict[str, Any]:
    from ..openapi import ok, success

    rsvp_ref = {"$ref": "#/components/schemas/Rsvp"}
    created = ok(
        success(
            status={"enum": list(keys.ACTIVE)},
            rsvp=rsvp_ref,
            manage_url={"type": ["string", "null"]},
            message={"type": "string"},
        )
    )
    created["content"].update(HTML)
    repeat = ok(created["content"]["application/json"]["schema"])
    repeat["description"] = (
        "The address already has an RSVP for this event: it is returned (status and party "
        "only, no manage link; the link is emailed again). No seat is taken."
    )
    repeat["content"].update(HTML)
    created["description"] = "Stored: confirmed, or waitlisted; manage_url changes or cancels it."
    manage = _manage_answer()
    manage["content"].update(HTML)
    return {
        "/events/{event_id}/rsvp/token": {
            "parameters": [EVENT_ID],
            "get": {
                "summary": "Get a form token for this event's RSVP form.",
                "responses": {
                    "200": ok(
                        success(
                            token={"type": "string"},
                            min_age={"type": "number"},
                            max_age={"type": "number"},
                        )
                    ),
                    **_errors(404, 503),
                },
            },
        },
        "/events/{event_id}/availability": {
            "parameters": [EVENT_ID],
            "get": {
                "summary": "Seats, confirmed seats, the waitlist and whether RSVPs are open.",
                "description": "Cacheable for 5 seconds (Cache-Control: public, max-age=5).",
                "responses": {
                    "200": ok(
                        success(
                            capacity={"type": ["integer", "null"], "description": "null: no limit"},
                            confirmed={"type": "integer"},
                            seats_left={"type": ["integer", "null"]},
                            waitlist={"type": "integer", "description": "Parties waiting."},
                            open={"type": "boolean", "description": "RSVPs are taken now."},
                            status={"enum": list(keys.EVENT_STATUSES)},
                            waitlist_mode={"enum": list(keys.WAITLIST_MODES)},
                        )
                    ),
                    **_errors(404, 503),
                },
            },
        },
        "/events/{event_id}/rsvp": {
            "parameters": [EVENT_ID],
            "post": {
                "summary": "RSVP: confirmed while seats remain, else waitlisted (if on), else 409.",
                "description": (
                    "JSON answers in JSON. An HTML form post is redirected (303) to the site's "
                    "<event url>confirmed/ or waitlisted/ page; on failure it gets a page with "
                    "the form refilled, each problem by its field, and a fresh token. Answers "
                    "to the event's questions are fields answer_<question id>."
                ),
                "requestBody": _body(fields.RSVP_FIELDS, form=True),
                "responses": {
                    "200": repeat,
                    "201": created,
                    "303": {"description": "Form post stored: go to the site's page for it."},
                    **_errors(400, 403, 404, 409, 410, 413, 415, 422, 429, 503, html=True),
                },
            },
        },
        "/events/rsvp/{token}": {
            "parameters": [TOKEN],
            "get": {
                "summary": "Show an RSVP: a page with forms, or JSON (Accept: application/json).",
                "parameters": [
                    {
                        "name": "done",
                        "in": "query",
                        "required": False,
                        "schema": fields_done_schema(),
                    }
                ],
                "responses": {"200": manage, **_errors(404, 422, 503, html=True)},
            },
            "post": {
                "summary": "Carry out the manage page's form: save, claim or cancel.",
                "description": (
                    "A form post is answered 303 back to the page with ?done=; JSON gets the RSVP."
                ),
                "requestBody": _body(fields.MANAGE_FORM_FIELDS, form=True),
                "responses": {
                    "200": manage,
                    "303": {"description": "Done: back to the manage page."},
                    **_errors(400, 403, 404, 409, 410, 413, 415, 422, 503, html=True),
                },
            },
            "patch": {
                "summary": "Change party size or answers, or claim offered seats.",
                "requestBody": _body(fields.CHANGE_FIELDS, form=False),
                "responses": {
                    "200": _manage_answer(),
                    **_errors(400, 403, 404, 409, 410, 413, 415, 422, 503),
                },
            },
            "delete": {
                "summary": "Cancel the RSVP; its seats go to the waitlist.",
                "responses": {"200": _manage_answer(), **_errors(403, 404, 410, 503)},
            },
        },
    }


def fields_done_schema() -> dict[str, Any]:
    """The ``done`` query parameter of the manage page."""
    from .manage import PAGE_QUERY

    return PAGE_QUERY["done"].json_schema()


COMPONENTS = {"Rsvp": RSVP}
