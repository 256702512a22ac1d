"""POST /events/<id>/rsvp, its form token and availability: what a visitor sees, JSON and HTML."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from api.events import audit

from .conftest import assert_error, table_items, written_since
from .test_events_support import (
    EVENT_ID,
    by_status,
    event,
    meta,
    notifications,
    rsvp_body,
    rsvp_token,
    sync,
    table_of,
)

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def app(make_app):
    """An app with the default event (20 seats, waitlist auto) and a high rate limit."""
    app = make_app(contact_rate_limit=1000)
    sync(app, event())
    return app


def post(client, **changes):
    return client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(**changes))


def test_an_rsvp_is_confirmed_with_a_manage_link_and_the_seats_drop(app, client):
    response = post(client, party=3, answer_diet="No nuts")
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "confirmed"
    assert body["rsvp"]["party"] == 3
    assert body["rsvp"]["answers"] == {"diet": "No nuts", "games": "yes", "level": ""}
    assert body["manage_url"].startswith("https://site.example/api/events/rsvp/")
    seats = client.get(f"/events/{EVENT_ID}/availability")
    assert seats.headers["Cache-Control"] == "public, max-age=5"
    assert seats.get_json() == {
        "ok": True,
        "capacity": 20,
        "confirmed": 3,
        "seats_left": 17,
        "waitlist": 0,
        "open": True,
        "status": "scheduled",
        "waitlist_mode": "auto",
    }
    assert [n["kind"] for n in notifications(table_of(app))] == ["confirmed"]


def test_a_repeat_returns_the_existing_rsvp_and_takes_no_seat(app, client):
    first = post(client, party=2)
    again = post(client, email="ADA@example.org", party=4, name="Someone else")
    assert again.status_code == 200
    body = again.get_json()
    assert body["status"] == "confirmed" and body["rsvp"]["party"] == 2
    assert body["manage_url"] is None  # the link goes only to the address, by email
    assert "name" not in body["rsvp"]
    assert meta(table_of(app))["confirmed"] == 2
    assert first.get_json()["rsvp"]["name"] == "Ada Lovelace"
    kinds = [n["kind"] for n in notifications(table_of(app))]
    assert kinds == ["confirmed", "link_requested"]


def test_when_full_parties_are_waitlisted_and_smaller_ones_fill_the_rest(app, client):
    sync(app, event(capacity=5))
    assert post(client, email="a@example.org", party=4).get_json()["status"] == "confirmed"
    assert post(client, email="b@example.org", party=2).get_json()["status"] == "waitlisted"
    # One seat left: the party of 1 behind the party of 2 that does not fit gets it.
    assert post(client, email="c@example.org", party=1).get_json()["status"] == "confirmed"
    assert post(client, email="d@example.org", party=1).get_json()["status"] == "waitlisted"
    assert client.get(f"/events/{EVENT_ID}/availability").get_json()["waitlist"] == 2
    assert audit.audit(table_of(app), EVENT_ID) == []


def test_full_without_a_waitlist_is_409_in_the_error_shape(app, client):
    sync(app, event(capacity=3, waitlist="off"))
    post(client, email="a@example.org", party=2)
    body = assert_error(post(client, email="b@example.org", party=2), 409, "event_full")
    assert body["fields"] == {"party": "At most 1 now."}
    post(client, email="c@example.org", party=1)
    assert assert_error(post(client, email="d@example.org"), 409, "event_full")["fields"] == {}


LATER = (NOW + timedelta(days=1)).isoformat()
EARLIER = (NOW - timedelta(hours=1)).isoformat()


@pytest.mark.parametrize(
    "changes,status,code",
    [
        ({"rsvp_opens": LATER}, 409, "rsvp_not_open"),
        ({"rsvp_closes": EARLIER}, 409, "rsvp_closed"),
        (
            {"start": (NOW - timedelta(hours=1)).isoformat(), "end": LATER},
            409,
            "rsvp_closed",
        ),
        (
            {"start": (NOW - timedelta(days=2)).isoformat(), "end": EARLIER},
            410,
            "event_past",
        ),
        ({"status": "cancelled"}, 410, "event_cancelled"),
        ({"status": "postponed"}, 409, "event_postponed"),
        ({"ticket_url": "https://tickets.example/x"}, 409, "tickets_elsewhere"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_events_that_take_no_rsvps_say_why(app, client, changes, status, code):
    sync(app, event(**changes))
    before = table_items(app)
    body = assert_error(post(client), status, code)
    assert "Board games night" in body["message"]
    assert [k for k in written_since(app, before) if not k.startswith("RATE#")] == []
    assert client.get(f"/events/{EVENT_ID}/availability").get_json()["open"] is False


def test_unknown_and_removed_events_are_404(app, client):
    assert_error(client.post("/events/nope/rsvp", json=rsvp_body()), 404, "event_not_found")
    assert_error(client.get("/events/nope/availability"), 404, "event_not_found")
    sync(app, event("other"))  # board-games is no longer in the catalogue
    assert_error(post(client), 404, "event_not_found")
    assert_error(client.get(f"/events/{EVENT_ID}/availability"), 404, "event_not_found")


def test_field_problems_come_back_together_before_anything_is_written(app, client):
    before = table_items(app)
    body = assert_error(
        post(
            client,
            party=5,
            answer_games="maybe",
            answer_level="pro",
            answer_colour="blue",
        ),
        422,
        "invalid_fields",
    )
    assert body["fields"] == {
        "party": "Must be a whole number from 1 to 4.",
        "answer_colour": "This event asks no such question.",
        "answer_games": "Must be yes or no.",
        "answer_level": "Must be one of: new, casual, expert.",
    }
    body = assert_error(post(client, answer_games=None, name="", colour="x"), 422)
    assert body["fields"] == {
        "answer_games": "This field is required.",  # the event's own rules, in the same answer
        "colour": "Unknown field.",
        "name": "This field is required.",
    }
    body = assert_error(post(client, answer_games=None), 422)
    assert body["fields"] == {"answer_games": "This field is required."}
    body = assert_error(post(client, answer_diet="a\x00b", party=0), 422)
    assert set(body["fields"]) == {"answer_diet", "party"}
    assert written_since(app, before) == []


def test_tokens_are_checked_and_bound_to_the_event(app, client):
    token = client.get(f"/events/{EVENT_ID}/rsvp/token").get_json()
    assert token["min_age"] == 2.0
    assert_error(post(client, token=token["token"]), 422, "too_fast")
    assert_error(post(client, token=rsvp_token("another-event")), 422, "invalid_token")
    assert_error(post(client, token="x"), 422, "invalid_token")
    assert by_status(table_of(app), "confirmed") == []


@pytest.mark.parametrize("value", ["http://spam.example", " "], ids=repr)
def test_a_filled_honeypot_is_spam_and_uses_up_the_allowance(make_app, value):
    app = make_app(contact_rate_limit=2)
    sync(app, event())
    client = app.test_client()
    for _ in range(2):
        body = assert_error(post(client, website=value), 422, "spam_suspected")
        assert body["fields"] == {"website": "Leave this field empty."}
    assert_error(post(client), 429, "rate_limited")
    assert by_status(table_of(app), "confirmed") == []


def test_rsvps_are_rate_limited_per_client(make_app):
    app = make_app(contact_rate_limit=2)
    sync(app, event())
    client = app.test_client()
    for n in range(2):
        assert post(client, email=f"p{n}@example.org").status_code == 201
    response = post(client, email="p3@example.org")
    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0


def test_a_form_post_lands_on_the_sites_confirmed_or_waitlisted_page(app, client):
    sync(app, event(capacity=1))
    form = rsvp_body(party="1", answer_diet="")
    response = client.post(f"/events/{EVENT_ID}/rsvp", data=form)
    assert response.status_code == 303
    assert response.headers["Location"] == "https://site.example/events/board-games/confirmed/"
    response = client.post(f"/events/{EVENT_ID}/rsvp", data=rsvp_body("b@example.org"))
    assert response.headers["Location"] == "https://site.example/events/board-games/waitlisted/"


def test_a_form_post_with_problems_gets_the_form_back_as_typed(app, client):
    form = rsvp_body(party="9", name="<b>Ada</b>", answer_diet="Vegan", answer_level="expert")
    del form["answer_games"]
    response = client.post(f"/events/{EVENT_ID}/rsvp", data=form)
    assert response.status_code == 422 and response.mimetype == "text/html"
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find("input", {"name": "name"})["value"] == "<b>Ada</b>"  # escaped, kept
    assert page.find("input", {"name": "answer_diet"})["value"] == "Vegan"
    assert (
        page.find("select", {"name": "answer_level"}).find("option", selected=True).text == "expert"
    )
    assert page.find(id="party-error").text == "Must be a whole number from 1 to 4."
    assert page.find(id="answer_games-error").text == "This field is required."
    assert page.find("input", {"name": "token"})["value"]
    # Not no-referrer: Chrome would post the refilled form with `Origin: null`, refused.
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_without_javascript_the_second_press_is_accepted(make_app):
    app = make_app(token_min_age=0.3)
    sync(app, event())
    client = app.test_client()
    first = client.post(f"/events/{EVENT_ID}/rsvp", data=rsvp_body(token=""))
    assert first.status_code == 422
    html = first.get_data(as_text=True)
    assert "press Send RSVP to confirm" in html
    form = BeautifulSoup(html, "html.parser").find("form")
    data = {
        i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "radio"
    }
    data.update(party="2", answer_games="no")
    time.sleep(0.35)
    second = client.post(f"/events/{EVENT_ID}/rsvp", data=data)
    assert second.status_code == 303, second.get_data(as_text=True)
    stored = by_status(table_of(app), "confirmed")
    assert [(r["name"], r["party"], r["answers"]["games"]) for r in stored] == [
        ("Ada Lovelace", 2, "no")
    ]


def test_an_event_without_a_limit_confirms_everyone(app, client):
    sync(app, event(capacity=None, waitlist="off"))
    for n in range(3):
        assert post(client, email=f"p{n}@example.org", party=4).get_json()["status"] == "confirmed"
    seats = client.get(f"/events/{EVENT_ID}/availability").get_json()
    assert (seats["capacity"], seats["confirmed"], seats["seats_left"]) == (None, 12, None)


def test_a_first_post_without_javascript_reports_every_problem_at_once(app, client):
    form = rsvp_body(party="9", answer_level="pro", token="")
    response = client.post(f"/events/{EVENT_ID}/rsvp", data=form)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find(id="party-error").text == "Must be a whole number from 1 to 4."
    assert page.find(id="answer_level-error").text == "Must be one of: new, casual, expert."
    assert page.find(role="alert").text == "Some fields need attention."
    body = assert_error(post(client, token="", party=9), 422)
    assert set(body["fields"]) == {"token", "party"}
