"""The feedback link's page, ``{api}/events/feedback/<token>``: a form that needs no JavaScript.

``GET`` shows the form (or the answer already given); its form posts back
here and is answered with a redirect to the page (``?done=thanks``) or the
page with each problem by its field. Scripts ask for JSON (``Accept:
application/json``) and post JSON. Storage and the rules are ``feedback``'s.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, render_template, request

from ..body import read_body
from ..errors import ApiError, InvalidFields, NotFound, from_storage
from ..routing import id_converter, use_converter
from ..services import current
from ..storage import StorageError
from ..validation import Field, validate, validate_query
from . import keys, tokens

bp = Blueprint("feedback", __name__)
FeedbackToken = id_converter("feedback_token", tokens.MANAGE_PATTERN, tokens.MANAGE_EXAMPLE)
use_converter(bp, "feedback_token", FeedbackToken)
_DIGITS = re.compile("[0-9]{1,6}")
PAGE_QUERY = {
    "done": Field(
        required=False,
        pattern="thanks",
        pattern_message="Must be thanks.",
        description="Set after the form was sent (shown as a notice).",
    )
}


def _from_form(data: dict[str, Any]) -> dict[str, Any]:
    """Read a form's rating as a number (ASCII digits only); none chosen as left out."""
    data = dict(data)
    raw = data.get("rating")
    if isinstance(raw, str):
        if not raw.strip():
            data.pop("rating")
        elif _DIGITS.fullmatch(raw.strip()):
            data["rating"] = int(raw.strip())
    return data


def _load(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from . import feedback, rules
    from .views import secret

    event_id, hashed, rid = feedback.read_token(secret(), token)
    table = current().table
    rsvp = table.get(*tokens.rsvp_key(event_id, hashed))
    if rsvp is None or rsvp.get("rid") != rid:
        raise NotFound(
            "This RSVP no longer exists, so it cannot give feedback.", code="rsvp_not_found"
        )
    event = table.get(keys.event_pk(event_id), keys.META)
    if event is None:
        raise rules.not_found(event_id)
    return rsvp, event


def _guarded(run: Any) -> Any:
    try:
        return run()
    except StorageError as exc:
        raise from_storage(exc) from exc


def _page(status: int, **context: Any) -> Response:
    from .pages import when

    event = context.pop("event", None) or {}
    context.setdefault("errors", {})
    context.setdefault("values", {})
    html = render_template(
        "events/feedback.html",
        title=f"Feedback: {event.get('title', 'the event')}",
        event_title=event.get("title", "Feedback"),
        when=when(event) if event else "",
        back="",
        **context,
    )
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Referrer-Policy"] = "same-origin"  # as the manage page (see pages._page)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _problem(exc: ApiError, event: dict[str, Any] | None = None) -> Response:
    return _page(exc.status, event=event, message=exc.message, open=False, answer=None)


def _json(event: dict[str, Any], rsvp: dict[str, Any], status: int = 200) -> Response:
    from . import feedback

    answer = feedback.given(current().table, event["id"], rsvp["hash"])
    shown = {k: event.get(k) for k in ("title", "url", "start", "end", "status")}
    response = jsonify(
        ok=True,
        event=dict(shown, id=event["id"]),
        open=feedback.refusal(event, rsvp, datetime.now(UTC)) is None and answer is None,
        feedback=feedback.public(answer) if answer else None,
    )
    response.status_code = status
    return response


@bp.get("/events/feedback/<feedback_token:token>")
def show(token: str) -> Response:
    """Show the feedback form (or the answer given): a page, or JSON."""
    from . import feedback
    from .manage import wants_json

    event = None
    try:
        query = validate_query(request.args, PAGE_QUERY)
        rsvp, event = _guarded(lambda: _load(token))
        if wants_json():
            return _json(event, rsvp)
        answer = _guarded(lambda: feedback.given(current().table, event["id"], rsvp["hash"]))
        if answer is None:
            refusal = feedback.refusal(event, rsvp, datetime.now(UTC))
            if refusal is not None:
                raise refusal
    except ApiError as exc:
        if wants_json():
            raise
        return _problem(exc, event)
    return _page(
        200,
        event=event,
        done=query.get("done") == "thanks",
        open=True,
        answer=feedback.public(answer) if answer else None,
    )


@bp.post("/events/feedback/<feedback_token:token>")
def send(token: str) -> Response:
    """Store an attendee's rating and comment, once."""
    from . import feedback

    data, from_form = read_body(form=True)
    if from_form:
        data = _from_form(data)
    else:  # a bad body is a 422 whatever the link, as on every endpoint
        validate(data, feedback.FIELDS)
    event = None
    try:
        rsvp, event = _guarded(lambda: _load(token))
        refusal = feedback.refusal(event, rsvp, datetime.now(UTC))
        if refusal is not None:
            raise refusal
        clean = validate(data, feedback.FIELDS)
        _guarded(
            lambda: feedback.give(
                current().table, rsvp, clean["rating"], clean["comment"], datetime.now(UTC)
            )
        )
    except ApiError as exc:
        if not from_form:
            raise
        if isinstance(exc, InvalidFields) and event is not None:
            values = {k: str(v)[:2000] for k, v in data.items() if k in feedback.FIELDS}
            return _page(
                exc.status,
                event=event,
                message=exc.message,
                errors=exc.fields,
                values=values,
                open=True,
                answer=None,
            )
        answer = None
        if event is not None and exc.code == "feedback_given":
            answer = feedback.given(current().table, event["id"], rsvp["hash"])
        return _page(
            exc.status,
            event=event,
            message=exc.message,
            open=False,
            answer=feedback.public(answer) if answer else None,
        )
    if from_form:
        return redirect(f"{request.script_root}{request.path}?done=thanks", code=303)
    return _json(event, rsvp, 201)


def openapi_paths() -> dict[str, Any]:
    """Describe the feedback endpoints for /openapi.json."""
    from ..openapi import ok, success
    from ..validation import object_schema
    from . import feedback
    from .openapi import HTML, _errors

    answer = {
        "type": ["object", "null"],
        "properties": {
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "comment": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    }
    event = {
        "type": "object",
        "properties": {
            name: {"type": ["string", "null"]}
            for name in ("id", "title", "url", "start", "end", "status")
        },
    }
    shown = ok(
        success(
            event=event,
            open={"type": "boolean", "description": "Feedback can be sent now."},
            feedback=answer,
        )
    )
    shown["content"].update(HTML)
    schema = object_schema(feedback.FIELDS)
    token = {
        "name": "token",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^{tokens.MANAGE_PATTERN}$"},
        "example": tokens.MANAGE_EXAMPLE,
        "description": "The signed token of the attendee's feedback link.",
    }
    return {
        "/events/feedback/{token}": {
            "parameters": [token],
            "get": {
                "summary": "Show the feedback form, or the answer given: a page, or JSON.",
                "parameters": [
                    {
                        "name": "done",
                        "in": "query",
                        "required": False,
                        "schema": PAGE_QUERY["done"].json_schema(),
                    }
                ],
                "responses": {"200": shown, **_errors(404, 409, 410, 422, 503, html=True)},
            },
            "post": {
                "summary": "Send a rating (1-5) and a comment, once per attendee.",
                "description": (
                    "A form post is answered 303 back to the page with ?done=thanks; "
                    "JSON gets 201 and the answer. A second answer is 409 feedback_given."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": schema},
                        "application/x-www-form-urlencoded": {"schema": schema},
                    },
                },
                "responses": {
                    "201": shown,
                    "303": {"description": "Stored: back to the page."},
                    **_errors(400, 403, 404, 409, 410, 413, 415, 422, 503, html=True),
                },
            },
        }
    }
