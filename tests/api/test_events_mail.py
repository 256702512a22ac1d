"""Attendees' emails through moto's SES: what each says, its calendar entry, sent once.

The emails are read back from moto's SES over HTTP (``/moto-api/data.json``),
as an attendee's mail client would get them, and their ``.ics`` parsed back
with icalendar.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sitegen.kinds.events.ical import site_host

from api.events import deliveries, jobs, mailer, outbox, tickets

from .conftest import ORIGIN, SENDER
from .test_events_mail_support import (
    address,
    calendar_of,
    html_of,
    mails,
    text_of,
    vevent,
)
from .test_events_support import (
    EVENT_ID,
    START,
    event,
    manage_path,
    notifications,
    rsvp_body,
    sync,
    table_of,
)

ROOT = Path(__file__).resolve().parents[2]
UID = f"{EVENT_ID}@{site_host(ORIGIN)}"  # what the site's own calendar files say


@pytest.fixture
def app(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=2, waitlist="auto"))
    return app


def rsvp(client, email: str, **changes) -> dict:
    response = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(email, **changes))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def run_mail_job(app, minutes: float = 2) -> dict:
    later = datetime.now(UTC) + timedelta(minutes=minutes)
    return jobs.send_mail({}, None, services=app.extensions["frostfolio"], now=later)


def test_a_confirmation_carries_the_manage_link_the_ticket_and_an_invitation(app, client, moto_url):
    to = address()
    answer = rsvp(client, to, name="Ada Lovelace", party=2)
    (mail,) = mails(moto_url, to)
    assert mail["X-Frostfolio-Mail"] == "confirmed"
    assert mail["Subject"] == "You're confirmed: Board games night"
    assert mail["From"] == SENDER and mail["To"] == f"Ada Lovelace <{to}>"
    assert mail.get_content_type() == "multipart/mixed"
    text, html = text_of(mail), html_of(mail)
    assert answer["manage_url"] in text and answer["manage_url"] in html
    assert "2 people" in text and "The Library, Main St 1" in text
    code = tickets.ticket_code(
        app.extensions["frostfolio"].settings,
        EVENT_ID,
        table_of(app).get(f"EVENT#{EVENT_ID}", f"RSVP#{_hash(to)}")["hash"],
    )
    assert tickets.display_code(code) in text
    (qr,) = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    assert qr.get_content() == tickets.qr_png(code, scale=6)
    assert f'src="cid:{qr["Content-ID"][1:-1]}"' in html  # shown inline, in the HTML

    cal, part = calendar_of(mail)
    assert part.get_filename() == "invite.ics" and part.get_param("method") == "REQUEST"
    assert cal["METHOD"] == "REQUEST"
    entry = vevent(cal)
    assert str(entry["UID"]) == UID
    assert entry["SEQUENCE"] == 0
    assert entry.decoded("DTSTART") == START and entry.decoded("DTEND") == START + timedelta(
        hours=3
    )
    assert entry["DTSTART"].params["TZID"] == "Europe/Oslo" and cal.walk("VTIMEZONE")
    assert str(entry["ORGANIZER"]) == f"mailto:{SENDER}"
    assert str(entry["ATTENDEE"]) == f"mailto:{to}"
    assert entry["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert entry["ATTENDEE"].params["CN"] == "Ada Lovelace"
    assert entry["STATUS"] == "CONFIRMED"
    # A calendar may be shared: the entry links the event's page, never the manage link.
    assert str(entry["URL"]) == f"{ORIGIN}/events/{EVENT_ID}/"
    assert "/api/events/rsvp/" not in str(entry["DESCRIPTION"])
    assert "link in your email" in str(entry["DESCRIPTION"])


def _hash(email: str) -> str:
    from api.events import keys

    return keys.email_hash(email)


def test_the_waitlist_moving_up_and_a_cancel_each_update_the_one_calendar_entry(
    app, client, moto_url
):
    first, second = address("first"), address("second")
    mine = rsvp(client, first, party=2)
    rsvp(client, second)
    (waiting,) = mails(moto_url, second, "waitlisted")
    assert "on the waitlist" in text_of(waiting)
    cal, _ = calendar_of(waiting)
    assert vevent(cal)["ATTENDEE"].params["PARTSTAT"] == "TENTATIVE"

    client.delete(manage_path(mine))
    (cancelled,) = mails(moto_url, first, "cancelled")
    cal, _ = calendar_of(cancelled)
    assert cal["METHOD"] == "CANCEL" and str(vevent(cal)["UID"]) == UID
    assert vevent(cal)["SEQUENCE"] == 0  # the same; a later DTSTAMP makes it newer
    (promoted,) = mails(moto_url, second, "promoted")
    assert promoted["Subject"] == "A seat opened up: you're confirmed for Board games night"
    cal, _ = calendar_of(promoted)
    entry = vevent(cal)
    assert cal["METHOD"] == "REQUEST" and str(entry["UID"]) == UID
    assert entry["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert entry.decoded("DTSTAMP") >= vevent(calendar_of(waiting)[0]).decoded("DTSTAMP")


def test_a_change_of_time_then_a_cancellation_reach_every_attendee_once(app, client, moto_url):
    people = [address(n) for n in ("a", "b", "c")]
    for to in people:
        rsvp(client, to)  # two confirmed, one waiting: all three hear of changes
    later = START + timedelta(hours=1)
    sync(
        app,
        event(
            capacity=2,
            waitlist="auto",
            start=later.isoformat(),
            end=(later + timedelta(hours=3)).isoformat(),
        ),
    )
    assert run_mail_job(app).get("sent") == 3
    assert run_mail_job(app).get("sent", 0) == 0  # run again: nothing twice
    for to in people:
        (changed,) = mails(moto_url, to, "event_changed")
        assert changed["Subject"] == "Changed: Board games night (new time)"
        cal, _ = calendar_of(changed)
        entry = vevent(cal)
        assert cal["METHOD"] == "REQUEST" and str(entry["UID"]) == UID
        assert entry["SEQUENCE"] == 1 and entry.decoded("DTSTART") == later

    sync(
        app,
        event(
            capacity=2,
            waitlist="auto",
            status="cancelled",
            start=later.isoformat(),
            end=(later + timedelta(hours=3)).isoformat(),
        ),
    )
    run_mail_job(app)
    run_mail_job(app)
    for to in people:
        (cancelled,) = mails(moto_url, to, "event_changed")[1:]
        assert cancelled["Subject"] == "Cancelled: Board games night"
        cal, _ = calendar_of(cancelled)
        entry = vevent(cal)
        assert cal["METHOD"] == "CANCEL" and str(entry["UID"]) == UID
        assert entry["SEQUENCE"] == 2 and entry["STATUS"] == "CANCELLED"
    assert notifications(table_of(app)) == []  # every notification settled and removed


def test_two_changes_before_the_job_runs_send_the_latest_only(app, client, moto_url):
    to = address()
    rsvp(client, to)
    for hours in (1, 2):
        moved = START + timedelta(hours=hours)
        sync(
            app,
            event(
                capacity=2,
                waitlist="auto",
                start=moved.isoformat(),
                end=(moved + timedelta(hours=3)).isoformat(),
            ),
        )
    run_mail_job(app)
    (changed,) = mails(moto_url, to, "event_changed")
    entry = vevent(calendar_of(changed)[0])
    assert entry["SEQUENCE"] == 2 and entry.decoded("DTSTART") == START + timedelta(hours=2)


def test_an_rsvp_is_taken_when_ses_is_down_and_its_email_goes_once_later(app, moto_url):
    services = app.extensions["frostfolio"]
    working = services.settings
    services.settings = dataclasses.replace(working, ses_endpoint="http://127.0.0.1:9")
    to = address()
    response = app.test_client().post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(to))
    assert response.status_code == 201
    assert mails(moto_url, to) == []
    (note,) = notifications(table_of(app))
    record = deliveries.state(table_of(app), EVENT_ID, f"note#{note['sk']}", _hash(to))
    assert record["state"] == "failed" and "EndpointConnectionError" in record["error"]

    table, ses = table_of(app), deliveries.ses_client(working)
    soon = datetime.now(UTC) + timedelta(minutes=2)
    counts = mailer.send_pending(table, ses, working, soon)
    assert "sent" not in counts and counts["notifications_left"] == 1  # the retry waits 5 min
    later = datetime.now(UTC) + timedelta(minutes=6)
    assert mailer.send_pending(table, ses, working, later)["sent"] == 1
    assert mailer.send_pending(table, ses, working, later)["notifications_done"] == 0
    (mail,) = mails(moto_url, to)
    assert mail["X-Frostfolio-Mail"] == "confirmed"
    assert outbox.pending(table) == []


def _reminder_to(app, to: str):
    """Return a compose() of a reminder to ``to`` and its RSVP, as the reminder job makes it."""
    from api.events import letters

    table, settings = table_of(app), app.extensions["frostfolio"].settings
    item = table.get(f"EVENT#{EVENT_ID}", "META")
    person = {
        "event_id": EVENT_ID,
        "hash": _hash(to),
        "rid": "r1",
        "name": "Zoë",
        "email": to,
        "party": 1,
        "status": "confirmed",
    }
    letter = letters.reminder(item, person, "https://site.example/api/events/rsvp/x")
    return (lambda: mailer.compose(settings, letter, item, person, datetime.now(UTC))), person


def test_a_second_sender_while_the_first_is_inside_ses_leaves_the_email_alone(app, moto_url):
    to = address()
    table, settings = table_of(app), app.extensions["frostfolio"].settings
    compose, person = _reminder_to(app, to)
    real, now, inner = deliveries.ses_client(settings), datetime.now(UTC), []
    once = {"table": table, "event_id": EVENT_ID, "what": "t", "hashed": person["hash"]}

    class Slow:
        def send_raw_email(self, **kwargs):
            # While the first sender is inside SES, a second one tries the same email.
            inner.append(deliveries.deliver(ses=real, compose=compose, now=now, **once))
            return real.send_raw_email(**kwargs)

    assert deliveries.deliver(ses=Slow(), compose=compose, now=now, **once) == "sent"
    assert inner == ["busy"]
    assert deliveries.deliver(ses=real, compose=compose, now=now, **once) == "already"
    assert len(mails(moto_url, to)) == 1


def test_an_address_ses_cannot_take_is_given_up_at_once(app):
    compose, person = _reminder_to(app, "zoë@example.org")  # SES has no SMTPUTF8
    table, settings = table_of(app), app.extensions["frostfolio"].settings
    outcome = deliveries.deliver(
        table,
        deliveries.ses_client(settings),
        event_id=EVENT_ID,
        what="t",
        hashed=person["hash"],
        compose=compose,
        now=datetime.now(UTC),
    )
    assert outcome == "gave_up"
    assert deliveries.state(table, EVENT_ID, "t", person["hash"])["state"] == "gave_up"


def test_cold_import_of_the_lambda_module_loads_no_calendar_or_qr_library():
    code = (
        "import sys; import api.wsgi; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'icalendar', 'segno'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
