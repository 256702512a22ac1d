"""The manage link: view, change, claim and cancel, as a page without JavaScript and as JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from api.events import audit, keys, waitlist

from .conftest import assert_error
from .test_events_support import (
    EVENT_ID,
    by_status,
    event,
    manage_path,
    meta,
    notifications,
    rsvp_body,
    sync,
    table_of,
)

JSON = {"Accept": "application/json"}


@pytest.fixture
def app(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=6))
    return app


def rsvp(client, email="ada@example.org", **changes):
    response = client.post(f"/events/{EVENT_ID}/rsvp", json=rsvp_body(email, **changes))
    assert response.status_code == 201, response.get_json()
    return manage_path(response.get_json())


def page(response):
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_link_shows_the_rsvp_as_a_page_or_as_json(client):
    link = rsvp(client, party=2, answer_diet="Vegan")
    html = page(client.get(link))
    assert html.find(id="status").text == "You're confirmed: 2 people."
    assert html.find("select", {"name": "party"}).find("option", selected=True).text == "2"
    assert html.find("input", {"name": "answer_diet"})["value"] == "Vegan"
    assert html.find("a", string="Back to the event")["href"] == (
        "https://site.example/events/board-games/"
    )
    body = client.get(link, headers=JSON).get_json()
    assert body["rsvp"]["status"] == "confirmed" and body["position"] is None
    assert body["event"]["title"] == "Board games night"


def test_changing_the_party_moves_seats_both_ways(app, client):
    link = rsvp(client, party=2)
    body = client.patch(link, json={"party": 4, "answer_diet": "None"}).get_json()
    assert body["rsvp"]["party"] == 4 and body["rsvp"]["answers"]["diet"] == "None"
    assert body["rsvp"]["answers"]["games"] == "yes"  # answers left out are kept
    assert meta(table_of(app))["seats_left"] == 2
    other = rsvp(client, "bob@example.org", party=2)
    body = assert_error(client.patch(other, json={"party": 3}), 409, "no_seats")
    assert body["fields"] == {"party": "There are not enough seats for a larger party."}
    assert client.patch(link, json={"party": 3}).get_json()["rsvp"]["party"] == 3
    assert client.patch(other, json={"party": 3}).get_json()["rsvp"]["party"] == 3
    assert meta(table_of(app))["seats_left"] == 0
    assert_error(client.patch(link, json={"party": 5}), 422, "invalid_fields")
    assert audit.audit(table_of(app), EVENT_ID) == []
    assert [n["kind"] for n in notifications(table_of(app))].count("changed") == 3


def test_a_larger_party_does_not_take_seats_someone_waiting_fits(app, client):
    link = rsvp(client, party=4)
    rsvp(client, "bob@example.org", party=2)
    waiting = rsvp(client, "cy@example.org", party=1)
    assert client.get(waiting, headers=JSON).get_json()["position"] == 1
    client.patch(link, json={"party": 3})  # a seat frees: cy moves up
    assert client.get(waiting, headers=JSON).get_json()["rsvp"]["status"] == "confirmed"
    rsvp(client, "dee@example.org", party=2)  # waits: no seats left
    client.patch(link, json={"party": 2})  # one seat: dee's party of 2 does not fit
    body = client.patch(link, json={"party": 3}).get_json()  # so it may be taken back
    assert body["rsvp"]["party"] == 3
    assert audit.audit(table_of(app), EVENT_ID) == []


def test_cancelling_frees_the_seats_and_the_line_moves_up_in_order(app, client):
    link = rsvp(client, party=4)
    rsvp(client, "bob@example.org", party=2)
    waiting = [rsvp(client, f"w{n}@example.org", party=p) for n, p in enumerate([3, 2, 1])]
    body = client.delete(link).get_json()
    assert body["rsvp"]["status"] == "cancelled"
    statuses = [client.get(w, headers=JSON).get_json()["rsvp"]["status"] for w in waiting]
    assert statuses == ["confirmed", "waitlisted", "confirmed"]  # 3 then 1 fill the 4 seats
    assert client.delete(link).get_json()["rsvp"]["status"] == "cancelled"  # again: no change
    assert meta(table_of(app))["seats_left"] == 0
    assert audit.audit(table_of(app), EVENT_ID) == []
    kinds = [n["kind"] for n in notifications(table_of(app))]
    assert kinds.count("promoted") == 2 and kinds.count("cancelled") == 1


def test_the_page_works_without_javascript(app, client):
    link = rsvp(client, party=1)
    html = page(client.get(link))
    form = html.find("input", {"name": "action", "value": "save"}).find_parent("form")
    assert form.get("action") is None  # posts back to the link itself
    data = {"action": "save", "party": "3", "answer_games": "no", "answer_diet": "Fish"}
    response = client.post(link, data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{link}?done=saved"
    html = page(client.get(response.headers["Location"]))
    assert html.find(role="status").text == "Your changes are saved."
    assert html.find(id="status").text == "You're confirmed: 3 people."
    bad = client.post(link, data={"action": "save", "party": "9", "answer_level": "pro"})
    assert bad.status_code == 422
    html = page(bad)
    assert html.find(id="party-error").text == "Must be a whole number from 1 to 4."
    assert html.find(id="answer_level-error").text == "Must be one of: new, casual, expert."
    response = client.post(link, data={"action": "cancel"})
    assert response.headers["Location"] == f"{link}?done=cancelled"
    html = page(client.get(response.headers["Location"]))
    assert "This RSVP is cancelled" in html.find(id="status").text
    assert html.find("input", {"name": "action", "value": "save"}) is None


def test_links_that_are_not_valid_say_so(app, client):
    link = rsvp(client)
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert_error(client.get(forged, headers=JSON), 404, "link_invalid")
    html = client.get(forged)
    assert html.status_code == 404 and "not valid" in html.get_data(as_text=True)
    assert_error(client.delete(forged), 404, "link_invalid")
    client.delete(link)
    again = rsvp(client)  # RSVPing again after cancelling: a new RSVP, a new link
    assert again != link
    assert_error(client.get(link, headers=JSON), 404, "rsvp_not_found")
    assert client.get(again, headers=JSON).get_json()["rsvp"]["status"] == "confirmed"


def test_changes_stop_when_the_event_starts(app, client):
    link = rsvp(client)
    now = datetime.now(UTC)
    sync(
        app,
        event(
            capacity=6,
            start=(now - timedelta(minutes=5)).isoformat(),
            end=(now + timedelta(hours=2)).isoformat(),
        ),
    )
    assert_error(client.patch(link, json={"party": 2}), 409, "event_started")
    sync(
        app,
        event(
            capacity=6,
            start=(now - timedelta(days=1)).isoformat(),
            end=(now - timedelta(hours=20)).isoformat(),
        ),
    )
    assert_error(client.delete(link), 410, "event_past")


@pytest.fixture
def offers(make_app):
    app = make_app(contact_rate_limit=1000)
    sync(app, event(capacity=4, waitlist="offer", offer_hours=24))
    return app


def test_in_offer_mode_a_freed_seat_is_held_for_the_next_party(offers):
    client = offers.test_client()
    first = rsvp(client, party=4)
    second = rsvp(client, "bob@example.org", party=2)
    third = rsvp(client, "cy@example.org", party=2)
    client.patch(first, json={"party": 2})
    body = client.get(second, headers=JSON).get_json()["rsvp"]
    assert body["status"] == "offered" and body["offer_expires"]
    availability = client.get(f"/events/{EVENT_ID}/availability").get_json()
    assert (availability["seats_left"], availability["waitlist"]) == (0, 1)
    html = page(client.get(second))
    assert "held for you until" in html.find(id="status").text
    claimed = client.post(second, data={"action": "claim"})
    assert claimed.headers["Location"].endswith("?done=claimed")
    assert client.get(second, headers=JSON).get_json()["rsvp"]["status"] == "confirmed"
    assert_error(client.patch(third, json={"claim": True}), 409, "no_offer")
    assert audit.audit(table_of(offers), EVENT_ID) == []


def test_an_unclaimed_offer_passes_on_to_the_next(offers):
    client = offers.test_client()
    table = table_of(offers)
    first = rsvp(client, party=4)
    second = rsvp(client, "bob@example.org", party=3)
    third = rsvp(client, "cy@example.org", party=2)
    client.delete(first)
    assert [r["email"] for r in by_status(table, keys.OFFERED)] == ["bob@example.org"]
    later = datetime.now(UTC) + timedelta(hours=25)
    counts = waitlist.expire_offers(table, later)
    assert counts == {"expired": 1, "moved_up": 1}
    assert client.get(second, headers=JSON).get_json()["rsvp"]["status"] == "expired"
    assert client.get(third, headers=JSON).get_json()["rsvp"]["status"] == "offered"
    assert_error(client.patch(second, json={"claim": True}), 409, "no_offer")
    assert waitlist.expire_offers(table, later) == {"expired": 0, "moved_up": 0}  # run twice
    assert audit.audit(table, EVENT_ID) == []
    kinds = [n["kind"] for n in notifications(table)]
    assert kinds.count("offered") == 2 and kinds.count("offer_expired") == 1


def test_claiming_a_lapsed_offer_passes_it_on_at_once(offers):
    client = offers.test_client()
    table = table_of(offers)
    first = rsvp(client, party=4)
    second = rsvp(client, "bob@example.org", party=2)
    rsvp(client, "cy@example.org", party=2)
    client.delete(first)
    later = datetime.now(UTC) + timedelta(hours=25)
    current = table.get(keys.event_pk(EVENT_ID), by_status(table, keys.OFFERED)[0]["sk"])
    with pytest.raises(waitlist.Conflict) as refused:
        waitlist.claim(table, EVENT_ID, current, later)
    assert refused.value.code == "offer_expired"
    assert client.get(second, headers=JSON).get_json()["rsvp"]["status"] == "expired"
    assert [r["email"] for r in by_status(table, keys.OFFERED)] == ["cy@example.org"]


def test_a_place_never_written_stops_holding_up_the_line_after_a_minute(app, client):
    table = table_of(app)
    link = rsvp(client, party=4)
    rsvp(client, "bob@example.org", party=2)
    waiting = rsvp(client, "cy@example.org", party=2)
    # A request took a number and died before writing its place, 2 minutes ago.
    stale = (datetime.now(UTC) - timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    table.update(
        keys.event_pk(EVENT_ID),
        keys.META,
        "SET waiting = waiting + :one, wl_seq = wl_seq + :one, wl_joined_at = :at",
        {":one": 1, ":at": stale},
    )
    client.delete(link)
    assert client.get(waiting, headers=JSON).get_json()["rsvp"]["status"] == "confirmed"
    assert meta(table)["waiting"] == 0
    assert audit.audit(table, EVENT_ID) == []
