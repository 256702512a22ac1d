"""The owner's event endpoints: who is coming, CSV, messages, moves, check-in, feedback.

Thin, as the visitor's: each reads and checks the request, then calls a
service (``roster``, ``notices``, ``moves``, ``checkin``), imported on first
use so the Lambda's cold start does not pay for them. Every route needs the
owner (``require_owner``: the bearer token, or a session with its CSRF token).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, jsonify

from ..auth import require_owner
from ..body import read_body
from ..routing import id_converter, use_converter
from ..services import current
from ..validation import Field, validate
from . import keys
from .views import EventId

bp = Blueprint("events_owner", __name__)
KEY_PATTERN = "[0-9a-f]{32}"
RsvpKey = id_converter("rsvp_key", KEY_PATTERN, "0" * 32)
use_converter(bp, "event_id", EventId)
use_converter(bp, "rsvp_key", RsvpKey)
bp.before_request(require_owner)

GROUP_NAMES = ("all", "confirmed", "waitlisted", "not_checked_in", "cancelled")
MESSAGE_FIELDS = {
    "group": Field(
        pattern="(?:" + "|".join(GROUP_NAMES) + ")",
        pattern_message="Must be one of: " + ", ".join(GROUP_NAMES) + ".",
        description=(
            "Who gets it: all (confirmed, offered and waiting), confirmed, waitlisted "
            "(waiting or offered), not_checked_in (confirmed, not at the door yet), cancelled."
        ),
    ),
    "subject": Field(max_length=150, single_line=True, description="The email's subject."),
    "message": Field(max_length=5000, description="The text (plain; line breaks kept)."),
}
CHECKIN_FIELDS = {
    "code": Field(
        max_length=200,
        single_line=True,
        description=(
            "A ticket: the whole code as its QR code holds it, or the 16 characters printed "
            "under it (ABCD-EFGH-JKMN-PQRS; any case, spaces or hyphens)."
        ),
    ),
}
MOVE_FIELDS = {
    "status": Field(
        pattern="(?:confirmed|waitlisted)",
        pattern_message="Must be confirmed or waitlisted.",
        description=(
            "confirmed: a waiting party takes free seats (out of turn); waitlisted: a confirmed "
            "party goes to the end of the line and its seats to the first in it."
        ),
    )
}


def _now() -> datetime:
    return datetime.now(UTC)


def _plain(value: Any) -> Any:
    # DynamoDB hands numbers back as Decimal, which JSON would write as text.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@bp.get("/owner/events")
def list_events() -> Response:
    """List every event with its seats; count the upcoming ones and their seats taken."""
    from . import roster

    items = roster.events(current().table, _now())
    upcoming = [e for e in items if e["upcoming"] and not e["removed"]]
    return jsonify(
        ok=True,
        events=items,
        upcoming=len(upcoming),
        seats_taken=sum(e["confirmed"] for e in upcoming),
    )


@bp.get("/owner/events/<event_id:event_id>/rsvps")
def event_rsvps(event_id: str) -> Response:
    """Show an event with its confirmed, offered, waiting and cancelled people and messages."""
    from . import checkin, notices, roster

    table = current().table
    event = checkin.event_of(table, event_id)
    groups = roster.people(table, event_id)
    questions = [
        {"id": q["id"], "label": q.get("label") or q["id"], "type": q.get("type", "text")}
        for q in event.get("questions") or []
    ]
    return jsonify(
        ok=True,
        event=dict(roster.summary(event, _now()), questions=questions),
        **groups,
        checked_in=roster.checked_in(groups),
        messages=notices.sent(table, event_id),
    )


@bp.get("/owner/events/<event_id:event_id>/rsvps.csv")
def export_rsvps(event_id: str) -> Response:
    """Download an event's RSVPs as CSV, one answer per column."""
    from .. import csvfile
    from . import checkin, roster

    table = current().table
    event = checkin.event_of(table, event_id)
    columns, rows = roster.csv_rows(event, roster.people(table, event_id))
    return csvfile.download(csvfile.to_csv(columns, rows), f"rsvps-{event_id}")


def feedback_results(event_id: str) -> dict[str, Any] | None:
    """Return the event's feedback results, or None where the feedback module is not there."""
    try:
        from . import feedback
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.feedback":
            raise
        return None
    results = getattr(feedback, "results", None)
    return _plain(results(current().table, event_id)) if results else None


@bp.get("/owner/events/<event_id:event_id>/feedback")
def event_feedback(event_id: str) -> Response:
    """Show what attendees said afterwards: average, distribution, comments (or null)."""
    from . import checkin

    checkin.event_of(current().table, event_id)
    return jsonify(ok=True, feedback=feedback_results(event_id))


@bp.post("/owner/events/<event_id:event_id>/messages")
def send_message(event_id: str) -> Response:
    """Write to one group of the event's attendees (emailed through the outbox)."""
    from . import checkin, notices

    data, _ = read_body()
    fields = validate(data, MESSAGE_FIELDS)
    table = current().table
    checkin.event_of(table, event_id)
    sent = notices.send(
        table, event_id, fields["group"], fields["subject"], fields["message"], _now()
    )
    count = sent["recipients"]
    response = jsonify(ok=True, sent=sent, text=f"Sent to {count} RSVP{'s' if count != 1 else ''}.")
    response.status_code = 201
    return response


def _checked_in(rsvp: dict[str, Any]) -> Response:
    from . import roster

    person = roster.attendee(rsvp)
    who = person["name"] + (f", party of {person['party']}" if person["party"] > 1 else "")
    return jsonify(ok=True, attendee=person, text=f"Checked in: {who}.")


@bp.post("/owner/events/<event_id:event_id>/checkin")
def check_in_by_code(event_id: str) -> Response:
    """Check in the ticket scanned or typed at the door (409 if already checked in)."""
    from . import checkin

    data, _ = read_body()
    fields = validate(data, CHECKIN_FIELDS)
    services = current()
    event = checkin.event_of(services.table, event_id)
    rsvp = checkin.find_ticket(services.table, services.settings, event, fields["code"])
    return _checked_in(checkin.check_in(services.table, event, rsvp, _now()))


@bp.post("/owner/events/<event_id:event_id>/rsvps/<rsvp_key:key>/checkin")
def check_in_by_key(event_id: str, key: str) -> Response:
    """Check in someone picked from the list (409 if already checked in)."""
    from . import checkin

    table = current().table
    event = checkin.event_of(table, event_id)
    rsvp = checkin.rsvp_of(table, event_id, key)
    return _checked_in(checkin.check_in(table, event, rsvp, _now()))


@bp.delete("/owner/events/<event_id:event_id>/rsvps/<rsvp_key:key>/checkin")
def undo_check_in(event_id: str, key: str) -> Response:
    """Take a check-in back (again: no change)."""
    from . import checkin, roster

    table = current().table
    checkin.event_of(table, event_id)
    rsvp = checkin.undo(table, checkin.rsvp_of(table, event_id, key))
    return jsonify(ok=True, attendee=roster.attendee(rsvp))


@bp.patch("/owner/events/<event_id:event_id>/rsvps/<rsvp_key:key>")
def move(event_id: str, key: str) -> Response:
    """Move someone: confirm a waiting party (seats permitting), or a confirmed one to the line."""
    from . import checkin, moves, roster

    data, _ = read_body()
    fields = validate(data, MOVE_FIELDS)
    table = current().table
    checkin.event_of(table, event_id)
    rsvp = checkin.rsvp_of(table, event_id, key)
    if fields["status"] == keys.CONFIRMED:
        rsvp = moves.confirm(table, rsvp, _now())
    else:
        rsvp = moves.to_waitlist(table, rsvp, _now())
    return jsonify(ok=True, attendee=roster.attendee(rsvp))


@bp.delete("/owner/events/<event_id:event_id>/rsvps/<rsvp_key:key>")
def cancel(event_id: str, key: str) -> Response:
    """Cancel someone's RSVP (again: no change); their seats go to the waitlist."""
    from . import checkin, moves, roster

    table = current().table
    checkin.event_of(table, event_id)
    rsvp = moves.cancel(table, checkin.rsvp_of(table, event_id, key), _now())
    return jsonify(ok=True, attendee=roster.attendee(rsvp))
