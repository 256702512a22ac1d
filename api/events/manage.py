"""An attendee's manage link: ``{api}/events/rsvp/<token>``, no account needed.

A browser gets a page in the site's look that works without JavaScript (view,
change the party or answers, claim an offered seat, cancel): its forms post
back here and are answered with a redirect to the page (or the page with each
problem by its field). Scripts ask for JSON (``Accept: application/json``) and
use ``PATCH`` and ``DELETE``. Every change goes through the service.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, request

from ..body import read_body
from ..errors import ApiError, InvalidFields, NotFound, from_storage
from ..routing import id_converter, use_converter
from ..services import current
from ..storage import StorageError
from ..validation import Field, validate_query
from . import fields, keys, tokens
from .views import secret

bp = Blueprint("events_manage", __name__)
ManageToken = id_converter("manage_token", tokens.MANAGE_PATTERN, tokens.MANAGE_EXAMPLE)
use_converter(bp, "manage_token", ManageToken)
DONE = ("saved", "cancelled", "claimed")
PAGE_QUERY = {
    "done": Field(
        required=False,
        pattern="(?:" + "|".join(DONE) + ")",
        pattern_message="Must be saved, cancelled or claimed.",
        description="What the last change did (shown as a notice on the page).",
    )
}


def wants_json() -> bool:
    """Tell whether the client asked for JSON rather than a page."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def load(token: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Return the RSVP a manage token names and its event, or raise 404."""
    event_id, hashed, rid = tokens.read_manage_token(secret(), token)
    table = current().table
    rsvp = table.get(*tokens.rsvp_key(event_id, hashed))
    if rsvp is None or rsvp.get("rid") != rid:
        raise NotFound(
            "This RSVP no longer exists: it was cancelled and made again, with a new link.",
            code="rsvp_not_found",
        )
    return rsvp, table.get(keys.event_pk(event_id), keys.META)


def _json(rsvp: dict[str, Any], event: dict[str, Any] | None) -> Response:
    from . import rsvps, waitlist

    place = waitlist.position(current().table, rsvp) if rsvp["status"] == keys.WAITLISTED else None
    shown = {k: (event or {}).get(k) for k in ("title", "url", "start", "end", "status")}
    return jsonify(
        ok=True, rsvp=rsvps.public(rsvp), position=place, event=dict(shown, id=rsvp["event_id"])
    )


def _guarded(run: Any) -> Any:
    try:
        return run()
    except StorageError as exc:
        raise from_storage(exc) from exc


@bp.get("/events/rsvp/<manage_token:token>")
def show(token: str) -> Response:
    """Show an RSVP: a page with its forms, or JSON."""
    try:
        query = validate_query(request.args, PAGE_QUERY)
        rsvp, event = _guarded(lambda: load(token))
    except ApiError as exc:
        if wants_json():
            raise
        from .pages import problem_page

        return problem_page(exc)
    if wants_json():
        return _json(rsvp, event)
    from .pages import manage_page

    return manage_page(rsvp, event, done=query.get("done", ""))


def _apply(
    rsvp: dict[str, Any], event: dict[str, Any] | None, action: str, clean: dict, given: dict
) -> tuple[dict[str, Any], str]:
    from . import changes, rules, waitlist

    table, now = current().table, datetime.now(UTC)
    if action == "cancel":
        return changes.cancel(table, rsvp, now), "cancelled"
    if action == "claim":
        refusal = rules.change_refusal(event, now)  # no seats to take at a cancelled event
        if refusal:
            raise refusal
        waitlist.claim(table, rsvp["event_id"], rsvp, now)
        rsvp = table.get(rsvp["pk"], rsvp["sk"]) or rsvp
    party = clean.get("party")
    if event is not None:
        problems = fields.event_problems(event, party, given, partial=True)
        if problems:
            raise InvalidFields(fields=problems)
        answers = fields.answers_for(event, given, partial=True) if given else None
        if party is not None or answers:
            merged = dict(rsvp.get("answers") or {}, **(answers or {}))
            rsvp = changes.change(
                table, rsvp, now, party=party, answers=merged if answers else None
            )
    return rsvp, ("claimed" if action == "claim" else "saved")


@bp.post("/events/rsvp/<manage_token:token>")
def act(token: str) -> Response:
    """Carry out a manage page's form: save changes, claim an offer, or cancel."""
    data, from_form = read_body(form=True)
    if from_form:
        data = fields.from_form(data)
    rsvp = event = None
    try:
        clean, given = fields.split(data, fields.MANAGE_FORM_FIELDS)
        rsvp, event = _guarded(lambda: load(token))
        rsvp, done = _guarded(lambda: _apply(rsvp, event, clean["action"], clean, given))
    except ApiError as exc:
        if not from_form:
            raise
        from .pages import manage_page, problem_page

        if rsvp is None:
            return problem_page(exc)
        return manage_page(rsvp, event, error=exc, values=data)
    if from_form:
        return redirect(f"{request.script_root}{request.path}?done={done}", code=303)
    return _json(rsvp, event)


@bp.patch("/events/rsvp/<manage_token:token>")
def patch(token: str) -> Response:
    """Change party size or answers, or claim an offered seat (``"claim": true``)."""
    data, _ = read_body()
    clean, given = fields.split(data, fields.CHANGE_FIELDS)
    rsvp, event = _guarded(lambda: load(token))
    action = "claim" if clean.get("claim") else "save"
    rsvp, _done = _guarded(lambda: _apply(rsvp, event, action, clean, given))
    return _json(rsvp, event)


@bp.delete("/events/rsvp/<manage_token:token>")
def delete(token: str) -> Response:
    """Cancel the RSVP (again: no change); its seats go to the waitlist."""
    rsvp, event = _guarded(lambda: load(token))
    rsvp, _done = _guarded(lambda: _apply(rsvp, event, "cancel", {}, {}))
    return _json(rsvp, event)
