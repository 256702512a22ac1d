"""The hooks others build on: notifications stored with each change, listeners, the job."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from api.events import jobs, outbox

from .test_events_support import EVENT_ID, event, manage_path, notifications, rsvp_body, sync


@pytest.fixture
def app(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=2, waitlist="offer"))
    return app


@pytest.fixture
def heard():
    """Subscribe to every kind for one test; give what the listeners heard."""
    got: list[dict] = []
    saved = {kind: list(v) for kind, v in outbox._listeners.items()}
    for kind in outbox.KINDS:
        outbox.subscribe(kind, got.append)
    yield got
    outbox._listeners.clear()
    outbox._listeners.update(saved)


def test_listeners_hear_each_change_after_it_is_stored(app, client, heard):
    def broken(_item):
        raise RuntimeError("SES is down")

    outbox.subscribe("confirmed", broken)  # a failing listener never fails the RSVP
    first = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(party=2))
    assert first.status_code == 201
    client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body("bob@example.org", party=2))
    client.delete(manage_path(first.get_json()))
    assert [(h["kind"], h["event_id"]) for h in heard] == [
        ("confirmed", EVENT_ID),
        ("waitlisted", EVENT_ID),
        ("cancelled", EVENT_ID),
        ("offered", EVENT_ID),
    ]
    offered = heard[-1]
    assert offered["party"] == 2 and offered["offer_expires"] > offered["created_at"]
    stored = notifications(app.extensions["frostfolio"].table)
    assert [n["sk"] for n in stored] == [h["sk"] for h in heard]  # the same, in order


def test_a_sender_removes_what_it_sent_exactly_once(app, client):
    client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body())
    table = app.extensions["frostfolio"].table
    (pending,) = outbox.pending(table)
    assert pending["kind"] == "confirmed" and pending["rsvp"]
    assert outbox.done(table, pending) is True
    assert outbox.done(table, pending) is False
    assert outbox.pending(table) == []


def test_party_sizes_written_as_2_0_are_whole_numbers(app, client):
    response = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(party=2.0))
    assert response.status_code == 201 and response.get_json()["rsvp"]["party"] == 2


def test_the_scheduled_job_passes_offers_on_and_says_what_it_did(app, client, capsys):
    first = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(party=2))
    client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body("bob@example.org", party=2))
    client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body("cy@example.org", party=1))
    client.delete(manage_path(first.get_json()))
    later = datetime.now(UTC) + timedelta(hours=25)
    counts = jobs.expire_offers({}, None, services=app.extensions["frostfolio"], now=later)
    assert counts == {"expired": 1, "moved_up": 1}
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line == {"job": "events.expire_offers", "expired": 1, "moved_up": 1}
