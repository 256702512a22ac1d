"""The owner's event endpoints: lists with answers, CSV, messages, moves, check-in, feedback."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import types
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from api.events import audit, keys, tickets

from .conftest import OWNER_TOKEN, assert_error, table_items, written_since
from .test_events_support import (
    EVENT_ID,
    event,
    meta,
    notifications,
    rsvp_body,
    sync,
    table_of,
)

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}
BASE = f"/owner/events/{EVENT_ID}"


@pytest.fixture
def app(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=4))
    return app


def rsvp(client, email, party=1, **answers):
    body = rsvp_body(email, party=party, name=email.split("@")[0].title(), **answers)
    response = client.post(f"/events/{EVENT_ID}/rsvp", json=body)
    assert response.status_code == 201, response.get_json()
    return keys.email_hash(email)


def lists(client):
    response = client.get(f"{BASE}/rsvps", headers=OWNER)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def names(people):
    return [p["name"] for p in people]


def test_the_owner_sees_each_list_with_answers_party_sizes_and_places(client):
    rsvp(client, "zoe@example.org", 2, answer_diet="Vegan", answer_level="expert")
    rsvp(client, "ada@example.org", 2)
    rsvp(client, "bob@example.org", 3)  # full: waits first
    rsvp(client, "cy@example.org", 1)  # waits second
    gone = rsvp(client, "dan@example.org", 1)
    assert client.delete(f"{BASE}/rsvps/{gone}", headers=OWNER).status_code == 200

    body = lists(client)
    assert names(body["confirmed"]) == ["Ada", "Zoe"]  # by name, for the door
    zoe = body["confirmed"][1]
    assert zoe["party"] == 2 and zoe["answers"]["diet"] == "Vegan"
    assert zoe["answers"]["level"] == "expert" and zoe["checked_in_at"] is None
    assert [(p["name"], p["position"]) for p in body["waitlisted"]] == [("Bob", 1), ("Cy", 2)]
    assert names(body["cancelled"]) == ["Dan"] and body["cancelled"][0]["cancelled_at"]
    assert body["event"]["capacity"] == 4 and body["event"]["seats_left"] == 0
    assert body["event"]["waitlist"] == 2 and body["event"]["timezone"] == "Europe/Oslo"
    assert [q["id"] for q in body["event"]["questions"]] == ["diet", "games", "level"]
    assert body["checked_in"] == {"parties": 0, "people": 0}

    listed = client.get("/owner/events", headers=OWNER).get_json()
    assert listed["upcoming"] == 1 and listed["seats_taken"] == 4
    [shown] = listed["events"]
    assert shown["id"] == EVENT_ID and shown["confirmed"] == 4 and shown["upcoming"] is True
    assert_error(client.get("/owner/events/no-such-event/rsvps", headers=OWNER), 404)


def test_the_csv_has_one_answer_per_column_and_runs_no_formula(app, client):
    sync(app, event(capacity=4, questions=[*event()["questions"][:2], _label("=SUM(A1)")]))
    rsvp(client, "ada@example.org", 2, answer_diet='=HYPERLINK("http://x")', answer_q="+1")
    response = client.get(f"{BASE}/rsvps.csv", headers=OWNER)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f'filename="rsvps-{EVENT_ID}-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0])[:4] == ["status", "name", "email", "party"]
    assert list(rows[0])[-3:] == ["Dietary needs", "Bring games?", "'=SUM(A1)"]
    assert rows[0]["status"] == "confirmed" and rows[0]["party"] == "2"
    assert rows[0]["Dietary needs"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["'=SUM(A1)"] == "'+1" and rows[0]["Bring games?"] == "yes"


def _label(label):
    return {"id": "q", "label": label, "type": "text", "required": False}


def test_a_message_to_a_group_is_stored_with_its_recipients_for_the_email_side(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    bob = rsvp(client, "bob@example.org", 2)
    cy = rsvp(client, "cy@example.org", 1)  # waiting
    body = {"group": "confirmed", "subject": "Doors at 18:00", "message": "Bring\na friend."}
    response = client.post(f"{BASE}/messages", json=body, headers=OWNER)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["text"] == "Sent to 2 RSVPs."
    [note] = [n for n in notifications(table_of(app)) if n["kind"] == "message"]
    assert sorted(note["rsvps"]) == sorted([ada, bob]) and note["event_id"] == EVENT_ID
    assert note["subject"] == "Doors at 18:00" and note["message"] == "Bring\na friend."
    waiting = {"group": "waitlisted", "subject": "Soon", "message": "A seat may free up."}
    client.post(f"{BASE}/messages", json=waiting, headers=OWNER)
    sent = lists(client)["messages"]
    assert [(m["group"], m["recipients"]) for m in sent] == [("waitlisted", 1), ("confirmed", 2)]
    assert [n["rsvps"] for n in notifications(table_of(app)) if n["kind"] == "message"][1] == [cy]

    before = table_items(app)
    empty = {"group": "cancelled", "subject": "Hello", "message": "Anyone?"}
    refused = assert_error(client.post(f"{BASE}/messages", json=empty, headers=OWNER), 409)
    assert refused["error"] == "nobody_in_group" and written_since(app, before) == []
    bad = assert_error(
        client.post(f"{BASE}/messages", json={**body, "group": "vips"}, headers=OWNER), 422
    )
    assert list(bad["fields"]) == ["group"]


def settings_of(app):
    return app.extensions["frostfolio"].settings


def test_a_ticket_checks_in_once_and_the_second_time_says_when(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    code = tickets.ticket_code(settings_of(app), EVENT_ID, ada)
    first = client.post(f"{BASE}/checkin", json={"code": code}, headers=OWNER)
    assert first.status_code == 200, first.get_json()
    assert first.get_json()["text"] == "Checked in: Ada, party of 2."
    at = first.get_json()["attendee"]["checked_in_at"]
    local = keys.parse_time(at).astimezone(ZoneInfo("Europe/Oslo"))

    typed = tickets.display_code(code).lower()  # typed at the door, from the email
    again = client.post(f"{BASE}/checkin", json={"code": typed}, headers=OWNER)
    body = assert_error(again, 409, "already_checked_in")
    assert body["message"] == f"Already checked in at {local:%H:%M}: Ada, party of 2."
    assert lists(client)["checked_in"] == {"parties": 1, "people": 2}


def test_check_in_by_name_undo_and_who_cannot_be_checked_in(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    rsvp(client, "bob@example.org", 2)
    cy = rsvp(client, "cy@example.org", 1)  # waiting
    by_key = f"{BASE}/rsvps/{ada}/checkin"
    assert client.post(by_key, headers=OWNER).get_json()["attendee"]["checked_in_at"]
    assert_error(client.post(by_key, headers=OWNER), 409, "already_checked_in")
    assert client.delete(by_key, headers=OWNER).get_json()["attendee"]["checked_in_at"] is None
    assert client.delete(by_key, headers=OWNER).status_code == 200  # again: no change
    assert client.post(by_key, headers=OWNER).status_code == 200

    waiting = client.post(f"{BASE}/rsvps/{cy}/checkin", headers=OWNER)
    assert assert_error(waiting, 409, "not_confirmed")["message"] == (
        "Not checked in: Cy is on the waitlist, not confirmed."
    )
    assert_error(client.post(f"{BASE}/rsvps/{'0' * 32}/checkin", headers=OWNER), 404)


def test_a_ticket_of_another_event_or_a_made_up_code_checks_nobody_in(app, client):
    sync(app, event(capacity=4), event("meetup", title="Meetup", capacity=4))
    ada = rsvp(client, "ada@example.org")
    settings = settings_of(app)
    other = tickets.ticket_code(settings, "meetup", ada)
    body = assert_error(client.post(f"{BASE}/checkin", json={"code": other}, headers=OWNER), 409)
    assert body["error"] == "wrong_event" and "Meetup" in body["message"]
    code = tickets.ticket_code(settings, EVENT_ID, ada)
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    before = table_items(app)
    for made_up in (forged, "not a ticket at all", "ABCD-EFGH-JKMN-PQRS"):
        response = client.post(f"{BASE}/checkin", json={"code": made_up}, headers=OWNER)
        assert_error(response, 404, "ticket_not_found")
    assert written_since(app, before) == []


def test_the_owner_cancels_someone_and_the_line_moves_up(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    rsvp(client, "bob@example.org", 2)
    rsvp(client, "cy@example.org", 2)  # waiting
    cancelled = client.delete(f"{BASE}/rsvps/{ada}", headers=OWNER).get_json()["attendee"]
    assert cancelled["status"] == "cancelled"
    assert names(lists(client)["confirmed"]) == ["Bob", "Cy"]
    [note] = [n for n in notifications(table_of(app)) if n["kind"] == "cancelled"]
    assert note["by"] == "owner" and note["rsvp"] == ada
    assert audit.audit(table_of(app), EVENT_ID) == []


def test_moving_a_confirmed_party_to_the_line_gives_its_seats_to_the_first_waiting(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    rsvp(client, "bob@example.org", 2)
    path = f"{BASE}/rsvps/{ada}"
    # Nobody waiting would take Ada's seats: she would come straight back.
    refused = client.patch(path, json={"status": "waitlisted"}, headers=OWNER)
    assert_error(refused, 409, "nobody_waiting")
    rsvp(client, "cy@example.org", 2)  # waiting
    moved = client.patch(path, json={"status": "waitlisted"}, headers=OWNER)
    assert moved.get_json()["attendee"]["status"] == "waitlisted", moved.get_json()
    body = lists(client)
    assert names(body["confirmed"]) == ["Bob", "Cy"]
    assert [(p["name"], p["position"]) for p in body["waitlisted"]] == [("Ada", 1)]
    kinds = [(n["kind"], n.get("by")) for n in notifications(table_of(app))]
    assert ("waitlisted", "owner") in kinds and ("promoted", None) in kinds
    assert audit.audit(table_of(app), EVENT_ID) == []
    # No free seats for Ada: confirming her out of turn is refused, never oversold.
    assert_error(client.patch(path, json={"status": "confirmed"}, headers=OWNER), 409, "no_seats")
    assert meta(table_of(app))["seats_left"] == 0


def test_at_the_door_seats_a_no_show_frees_go_to_whoever_the_owner_confirms(app, client):
    ada = rsvp(client, "ada@example.org", 2)
    rsvp(client, "bob@example.org", 2)
    cy = rsvp(client, "cy@example.org", 3)  # waiting, too large
    dan = rsvp(client, "dan@example.org", 2)  # waiting
    started = datetime.now(UTC) - timedelta(minutes=30)
    end = (started + timedelta(hours=3)).isoformat()
    sync(app, event(capacity=4, start=started.isoformat(), end=end))
    # After the start the line no longer moves by itself: the seats stay free.
    client.delete(f"{BASE}/rsvps/{ada}", headers=OWNER)
    assert meta(table_of(app))["seats_left"] == 2
    too_big = client.patch(f"{BASE}/rsvps/{cy}", json={"status": "confirmed"}, headers=OWNER)
    assert "party of 3 does not fit" in assert_error(too_big, 409, "no_seats")["message"]
    confirmed = client.patch(f"{BASE}/rsvps/{dan}", json={"status": "confirmed"}, headers=OWNER)
    assert confirmed.get_json()["attendee"]["status"] == "confirmed"
    assert client.post(f"{BASE}/rsvps/{dan}/checkin", headers=OWNER).status_code == 200
    assert meta(table_of(app))["seats_left"] == 0
    assert audit.audit(table_of(app), EVENT_ID) == []
    assert [(n["kind"], n.get("by")) for n in notifications(table_of(app))][-1] == (
        "promoted",
        "owner",
    )


def test_an_event_without_a_waitlist_has_no_line_to_move_to(app, client):
    sync(app, event(capacity=4, waitlist="off"))
    ada = rsvp(client, "ada@example.org")
    refused = client.patch(f"{BASE}/rsvps/{ada}", json={"status": "waitlisted"}, headers=OWNER)
    assert_error(refused, 409, "no_waitlist")


@pytest.fixture
def feedback_module(monkeypatch):
    import api.events

    # Both: `from . import feedback` takes the package's attribute once imported.
    module = types.ModuleType("api.events.feedback")
    monkeypatch.setitem(sys.modules, "api.events.feedback", module)
    monkeypatch.setattr(api.events, "feedback", module, raising=False)
    return module


def test_feedback_results_come_from_the_feedback_module(client, feedback_module):
    assert client.get(f"{BASE}/feedback", headers=OWNER).get_json()["feedback"] is None

    def results(table, event_id):
        assert event_id == EVENT_ID
        return {
            "count": Decimal(3),
            "average": Decimal("4.5"),
            "distribution": {"4": Decimal(1), "5": Decimal(2)},
            "comments": [
                {"rating": Decimal(5), "comment": "Great", "created_at": "2026-10-14T18:00:00Z"}
            ],
        }

    feedback_module.results = results
    shown = client.get(f"{BASE}/feedback", headers=OWNER).get_json()["feedback"]
    assert shown["average"] == 4.5 and shown["count"] == 3
    assert shown["distribution"] == {"4": 1, "5": 2} and shown["comments"][0]["rating"] == 5


def test_creating_the_app_imports_none_of_the_owners_services():
    script = (
        "import sys; from api import create_app; create_app({'TABLE_NAME': 't'}); "
        "print(sorted(m for m in sys.modules if m.split('.')[-1] in "
        "('roster', 'checkin', 'moves', 'notices', 'owner_openapi', 'segno')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
