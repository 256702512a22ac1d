"""Public event endpoints: a form token, ``POST /events/<id>/rsvp``, live availability.

Thin: they read and check the request, then call the service (``rsvps``),
which holds the seat invariant. Anti-abuse as for contact: a signed form token
bound to the event's form, a honeypot, a per-client rate limit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, url_for

from .. import ratelimit
from ..body import read_body
from ..errors import ApiError, InvalidFields, ServiceUnavailable, from_storage
from ..http import client_address
from ..routing import id_converter, use_converter
from ..security import check_token, client_hash, issue_token
from ..services import current
from ..storage import StorageError
from . import feedback_views, fields, keys, listeners, tokens

bp = Blueprint("events", __name__, template_folder="templates")
EventId = id_converter("event_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
use_converter(bp, "event_id", EventId)
bp.register_blueprint(feedback_views.bp)  # the feedback link's page
listeners.listen()  # attendees' news goes out by email, from the request that made it


def secret() -> str:
    """Return the secret that signs form tokens and manage links, or refuse (503)."""
    value = current().settings.form_secret
    if not value:
        raise ServiceUnavailable(
            "RSVPs are not configured on this server.", code="form_not_configured"
        )
    return value


def read_event(event_id: str) -> dict[str, Any] | None:
    """Return the stored event (removed ones too), or None."""
    return current().table.get(keys.event_pk(event_id), keys.META)


def manage_url(rsvp: dict[str, Any]) -> str:
    """Return the RSVP's manage link: on the site's origin under /api when the site is known."""
    token = tokens.manage_token(secret(), rsvp)
    site = current().settings.site_url
    if site:
        from urllib.parse import urlsplit

        parts = urlsplit(site)
        return f"{parts.scheme}://{parts.netloc}/api/events/rsvp/{token}"
    return url_for("events_manage.show", token=token, _external=True)


def site_page(event: dict[str, Any], status: str) -> str | None:
    """Return the site's static page for this outcome (``<event url>confirmed/``), if known."""
    settings = current().settings
    site = settings.site_url or next(iter(settings.allowed_origins), "")
    if not site or not event.get("url"):
        return None
    page = "confirmed" if status == keys.CONFIRMED else "waitlisted"
    path = f"/{event['url'].strip('/')}/".replace("//", "/")
    return f"{site.rstrip('/')}{path}{page}/"


@bp.get("/events/<event_id:event_id>/rsvp/token")
def token(event_id: str) -> Response:
    """Hand out a form token for this event's RSVP form (valid after a short wait)."""
    settings = current().settings
    return jsonify(
        ok=True,
        token=issue_token(secret(), tokens.form_purpose(event_id)),
        min_age=settings.token_min_age,
        max_age=settings.token_max_age,
    )


@bp.get("/events/<event_id:event_id>/availability")
def availability(event_id: str) -> Response:
    """Show seats, confirmed seats, the waitlist and whether RSVPs are open (cacheable 5 s)."""
    from . import rules, seats

    event = read_event(event_id)
    if event is None or event.get("removed_at"):
        raise rules.not_found(event_id)
    now = datetime.now(UTC)
    response = jsonify(
        ok=True,
        **seats.public(event),
        open=rules.refusal(event, event_id, now) is None,
        status=event.get("status"),
        waitlist_mode=event.get("waitlist", "off"),
    )
    response.headers["Cache-Control"] = "public, max-age=5"
    return response


@bp.post("/events/<event_id:event_id>/rsvp")
def rsvp(event_id: str) -> Response:
    """RSVP: confirmed while seats remain, else waitlisted (if on), else 409."""
    data, from_form = read_body(form=True)
    if from_form:
        data = fields.from_form(data)
    try:
        try:
            outcome = _accept(event_id, data)
        except StorageError as exc:
            raise from_storage(exc) from exc
    except ApiError as exc:
        if from_form:
            from .pages import rsvp_form_page

            return rsvp_form_page(event_id, data, exc)
        raise
    found, event = outcome
    if from_form:
        target = site_page(event, found.rsvp["status"])
        if target:
            return redirect(target, code=303)
        from .pages import outcome_page

        return outcome_page(event, found.rsvp, manage_url(found.rsvp) if found.created else None)
    return _answer(found)


def _answer(outcome: Any) -> Response:
    from . import rsvps

    rsvp = outcome.rsvp
    if not outcome.created:
        return jsonify(
            ok=True,
            status=rsvp["status"],
            rsvp={
                "event_id": rsvp["event_id"],
                "status": rsvp["status"],
                "party": int(rsvp["party"]),
            },
            manage_url=None,
            message=(
                "This address has already RSVPed for this event: the link to change "
                "or cancel it is in the confirmation email."
            ),
        )
    message = {
        keys.CONFIRMED: "You're in: see you there.",
        keys.WAITLISTED: "The event is full: you're on the waitlist.",
        keys.OFFERED: "A seat is offered to you: claim it through your manage link.",
    }[rsvp["status"]]
    response = jsonify(
        ok=True,
        status=rsvp["status"],
        rsvp=rsvps.public(rsvp),
        manage_url=manage_url(rsvp),
        message=message,
    )
    response.status_code = 201
    return response


def _count(client: str) -> None:
    services = current()
    settings = services.settings
    # The contact form's allowance, counted separately: as many RSVPs as messages.
    limit = ratelimit.Limit(
        "rsvp", settings.contact_rate_limit, settings.contact_rate_window, "RSVPs"
    )
    ratelimit.hit(services.table, limit, client)


def _accept(event_id: str, data: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from . import outbox, rsvps, rules, store

    services = current()
    settings = services.settings
    key = secret()
    client = client_hash(client_address(), services.secret)
    if data.get(fields.HONEYPOT):  # as for contact: anything at all in it is a program
        _count(client)
        raise InvalidFields(
            "The hidden 'website' field must stay empty: it is there to catch automated posts.",
            fields={fields.HONEYPOT: "Leave this field empty."},
            code="spam_suspected",
        )
    now = datetime.now(UTC)
    try:
        clean, given = fields.split(data, fields.RSVP_FIELDS)
    except InvalidFields as exc:
        # Field problems come first (an unknown event is not read for a bad body);
        # if the event takes RSVPs, what only it can judge is said in the same
        # answer, so a visitor fixes everything at once.
        event = read_event(event_id)
        if rules.refusal(event, event_id, now) is None:
            assert event is not None
            party = data.get("party") if isinstance(data.get("party"), int) else None
            more = fields.event_problems(event, party, fields.raw_answers(data))
            exc.fields = {**more, **exc.fields}
        raise
    event = read_event(event_id)
    refusal = rules.refusal(event, event_id, now)
    if refusal:
        raise refusal
    assert event is not None
    problems = fields.event_problems(event, clean["party"], given)
    if problems:
        raise InvalidFields(fields=problems)
    answers = fields.answers_for(event, given)
    check_token(
        clean["token"],
        key,
        min_age=settings.token_min_age,
        max_age=settings.token_max_age,
        purpose=tokens.form_purpose(event_id),
    )
    _count(client)
    item = rsvps.new_rsvp(event_id, clean, answers, client, now)
    outcome = rsvps.reserve(services.table, event_id, event, item, now)
    if not outcome.created:
        note = outbox.entry("link_requested", event_id, now, outcome.rsvp)
        store.transact(services.table, [note])
        outbox.publish(note)
    return outcome, event
