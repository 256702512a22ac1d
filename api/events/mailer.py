"""Attendees' emails: the outbox's notifications sent through SES, each once.

Subscribed to the outbox (``listeners``), so the news of an
RSVP a request makes (confirmed, waitlisted, cancelled, ...) goes out during
that request, after its transaction committed. The scheduled job
(``api.events.jobs.send_mail``) goes through every notification still stored,
oldest first: it sends what the request could not (SES down, a crash), what
jobs and the catalogue sync wrote (offers, an event's change of time, place
or status, fanned out to every attendee), and removes each notification once
every email it asks for is settled. ``deliveries`` makes each email go out
once whoever tries it and however often.

Every email is a multipart MIME message (text and HTML, the check-in QR code
inline, the calendar entry as ``invite.ics``) sent with SES ``SendRawEmail``
from ``FROSTFOLIO_SES_SENDER``, replies going to ``FROSTFOLIO_SES_RECIPIENT``.
``icalendar`` and ``segno`` are imported only when an email is composed.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..outbox_drain import TimeLeft, drain
from ..settings import Settings
from ..storage import Table
from . import deliveries, keys, outbox, store, tokens

log = logging.getLogger("api.events.mailer")

GRACE = timedelta(seconds=60)  # the job leaves a request this long to send its own news
MARGIN = 10.0  # seconds of Lambda time a job keeps in hand: no new email below it
INLINE_SECONDS = 3.0  # what a request spends at most on sending its news
PERSONAL = tuple(kind for kind in outbox.KINDS if kind != "event_changed")


def enabled(settings: Settings) -> bool:
    """Tell whether attendees' emails are configured (sender, signing secret, public site)."""
    return bool(settings.ses_sender and settings.form_secret and settings.site_url)


def api_base(settings: Settings) -> str:
    """Return the API's public address on the site's origin (``https://site/api``)."""
    parts = urlsplit(settings.site_url)
    return f"{parts.scheme}://{parts.netloc}/api"


def manage_link(settings: Settings, rsvp: dict[str, Any]) -> str:
    """Return an RSVP's manage link (as ``views.manage_url`` makes it in a request)."""
    return f"{api_base(settings)}/events/rsvp/{tokens.manage_token(settings.form_secret, rsvp)}"


def page_link(settings: Settings, event: dict[str, Any]) -> str:
    """Return the event's page on the site."""
    if not event.get("url"):
        return ""
    return settings.site_url.rstrip("/") + "/" + event["url"].strip("/") + "/"


def _templates() -> Any:
    global _ENV
    if _ENV is None:
        from pathlib import Path

        from jinja2 import Environment, FileSystemLoader, select_autoescape

        _ENV = Environment(
            loader=FileSystemLoader(Path(__file__).with_name("templates") / "events" / "mail"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return _ENV


_ENV: Any = None


def _ticket(settings: Settings, rsvp: dict[str, Any]) -> tuple[str, bytes | None]:
    """Return the check-in code as people type it, and its QR image (``tickets``)."""
    from . import tickets

    code = tickets.ticket_code(settings, rsvp["event_id"], rsvp["hash"])
    try:
        return tickets.display_code(code), tickets.qr_png(code, scale=6)
    except Exception as exc:  # a QR that cannot be drawn must not hold the email back
        log.warning(json.dumps({"event": "qr_failed", "error": f"{type(exc).__name__}: {exc}"}))
        return tickets.display_code(code), None


def _to(rsvp: dict[str, Any]) -> str:
    from ..validation import parse_email

    try:
        ascii_email = parse_email(rsvp["email"]).ascii_email
    except Exception as exc:
        raise deliveries.Undeliverable(f"not an address SES takes: {exc}") from exc
    if not ascii_email:  # a non-ASCII local part needs SMTPUTF8, which SES does not offer
        raise deliveries.Undeliverable("the address needs SMTPUTF8, which SES does not offer")
    return ascii_email


def compose(
    settings: Settings,
    letter: Any,
    event: dict[str, Any],
    rsvp: dict[str, Any],
    now: datetime,
) -> tuple[str, str, bytes]:
    """Return (source, destination, raw MIME) of a letter to one attendee."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, make_msgid, parseaddr

    from . import letters

    to = _to(rsvp)
    letters.facts_for(event, rsvp, letter)
    host = urlsplit(settings.site_url).hostname or "localhost"
    letter.footer = (
        f"You get this email because you RSVPed to {event.get('title', event['id'])} "
        f"on {host}. Reply to reach the organiser."
    )
    ticket = _ticket(settings, rsvp) if letter.ticket else None
    qr_cid = make_msgid(domain=host) if ticket and ticket[1] else ""
    context = {
        "subject": letter.subject,
        "heading": letter.heading,
        "paragraphs": letter.paragraphs,
        "facts": letter.facts,
        "actions": letter.actions,
        "footer": letter.footer,
        "ticket": ticket[0] if ticket else "",
        "qr_cid": qr_cid[1:-1],
    }
    message = EmailMessage(policy=SMTP)
    message["From"] = settings.ses_sender
    message["To"] = Address(display_name=rsvp["name"], addr_spec=to)
    message["Subject"] = letter.subject[:200]
    message["Date"] = format_datetime(now.astimezone(UTC))
    if settings.ses_recipient:
        message["Reply-To"] = settings.ses_recipient
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message["X-Frostfolio-Mail"] = letter.kind
    message.set_content(_templates().get_template("letter.txt").render(context))
    message.add_alternative(_templates().get_template("letter.html").render(context), "html")
    if qr_cid:
        html = message.get_payload()[1]
        html.add_related(ticket[1], "image", "png", cid=qr_cid, filename="ticket.png")
    if letter.calendar:
        from . import ics

        method, partstat = letter.calendar
        organizer_name, organizer = parseaddr(settings.ses_sender)
        body = ics.calendar(
            event,
            method=method,
            sequence=int(event.get("sequence", 0)),
            site_url=settings.site_url,
            organizer=(organizer_name or host, organizer),
            attendee=(rsvp["name"], to),
            partstat=partstat,
            page_url=page_link(settings, event),
            # Not the manage link itself: calendars are often shared, and the link cancels.
            note="Change or cancel your RSVP with the link in your email."
            if letter.actions
            else "",
            now=now,
        )
        message.add_attachment(
            body.decode(),
            subtype="calendar",
            filename="invite.ics",
            params={"method": method},
        )
    return settings.ses_sender, to, message.as_bytes()


def events_starting(table: Table, since: datetime, until: datetime) -> list[dict[str, Any]]:
    """Return the events that start from ``since`` up to ``until``, soonest first (GSI1)."""
    from ..storage import GSI1

    found: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": table.name,
        "IndexName": GSI1,
        "KeyConditionExpression": "gsi1pk = :k AND gsi1sk BETWEEN :low AND :high",
        "ExpressionAttributeValues": table.dump(
            {":k": keys.EVENTS, ":low": keys.stamp(since), ":high": keys.stamp(until) + "~"}
        ),
    }
    while True:
        out = table.call("query", **kwargs)
        found += [table.load(item) for item in out.get("Items", [])]
        if not out.get("LastEvaluatedKey"):
            return found
        kwargs["ExclusiveStartKey"] = out["LastEvaluatedKey"]


def _event(table: Table, event_id: str) -> dict[str, Any] | None:
    return table.get(keys.event_pk(event_id), keys.META)


def recipients(table: Table, note: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the RSVPs a notification is for: its own, or every attendee of a changed event."""
    pk = keys.event_pk(note["event_id"])
    if note["kind"] == "message":  # the owner's message: to whom it named when sent
        found = (table.get(pk, keys.rsvp_sk(hashed)) for hashed in note.get("rsvps") or [])
        return [rsvp for rsvp in found if rsvp]
    if note["kind"] == "event_changed":
        every = store.every_with_prefix(table, pk, keys.RSVP_PREFIX)
        # Who RSVPed after the change got its news in their confirmation.
        return [
            r for r in every if r["status"] in keys.ACTIVE and r["created_at"] <= note["created_at"]
        ]
    rsvp = table.get(pk, keys.rsvp_sk(note["rsvp"])) if note.get("rsvp") else None
    return [rsvp] if rsvp else []


def _stale(note: dict[str, Any], event: dict[str, Any] | None, now: datetime) -> bool:
    """Tell whether a notification has nothing left to say (nobody is emailed for it)."""
    if event is None or event.get("removed_at"):
        return True
    if note["kind"] == "event_changed":
        # A later change wrote its own notification, which tells the latest; and
        # nobody needs an update about an event that is over.
        later = int(event.get("sequence", 0)) > int(note.get("sequence", 0))
        return later or now >= keys.parse_time(event.get("end") or event["start"])
    return False


def settle(
    table: Table,
    ses: Any,
    settings: Settings,
    note: dict[str, Any],
    now: datetime,
    counts: dict[str, int],
    time_left: TimeLeft = None,
) -> bool:
    """Send every email a notification asks for; True once all are settled."""
    event = _event(table, note["event_id"])
    if _stale(note, event, now):
        return True
    assert event is not None
    settled = True
    for rsvp in recipients(table, note):
        if time_left is not None and time_left() < MARGIN:
            return False
        outcome = deliveries.deliver(
            table,
            ses,
            event_id=note["event_id"],
            what=f"note#{note['sk']}",
            hashed=rsvp["hash"],
            compose=lambda rsvp=rsvp: _letter_for(settings, note, event, rsvp, now),
            now=now,
        )
        counts[outcome] = counts.get(outcome, 0) + 1
        settled = settled and outcome in deliveries.SETTLED
    return settled


def _letter_for(
    settings: Settings,
    note: dict[str, Any],
    event: dict[str, Any],
    rsvp: dict[str, Any],
    now: datetime,
) -> tuple[str, str, bytes] | None:
    from . import letters

    letter = letters.for_attendee(note["kind"], event, rsvp, note, manage_link(settings, rsvp))
    return compose(settings, letter, event, rsvp, now) if letter else None


def on_commit(note: dict[str, Any]) -> None:
    """Send an attendee's news at once, from the request that made it (the job clears it after)."""
    from flask import has_app_context

    if not has_app_context() or note["kind"] not in PERSONAL:
        return  # jobs and the catalogue sync leave their news to the mail job
    from ..services import current

    services = current()
    if not enabled(services.settings):
        return
    started = time.monotonic()
    settle(
        services.table,
        deliveries.ses_client(services.settings),
        services.settings,
        note,
        datetime.now(UTC),
        {},
        # A message to many attendees keeps its request short: the job sends the rest.
        time_left=lambda: MARGIN + INLINE_SECONDS - (time.monotonic() - started),
    )


def send_pending(
    table: Table,
    ses: Any,
    settings: Settings,
    now: datetime,
    *,
    grace: timedelta = GRACE,
    time_left: TimeLeft = None,
) -> dict[str, int]:
    """Send what every stored notification still asks for, oldest first; return counts."""
    if not enabled(settings):
        return {"notifications_done": 0, "notifications_left": 0}
    return drain(
        table,
        outbox.PENDING,
        lambda note, counts: settle(table, ses, settings, note, now, counts, time_left),
        outbox.done,
        now,
        grace=grace,
        margin=MARGIN,
        time_left=time_left,
    )
