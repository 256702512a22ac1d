"""The owner's writes under real parallel requests, against DynamoDB Local.

Two phones at one door scan the same ticket at once: it is checked in once and
every other scan is told when. The owner moving people while visitors RSVP
and cancel never oversells and keeps the line in order.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from api.devserver import serve
from api.events import audit, keys, tickets

from .conftest import OWNER_TOKEN, build_app
from .test_events_support import EVENT_ID, event, manage_path, meta, rsvp_body, sync, table_of

pytestmark = [pytest.mark.dynamodb_local, pytest.mark.timeout(300)]
OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}


@pytest.fixture
def live(dynamodb_local_url, moto_url):
    """Serve an API app on DynamoDB Local through the local HTTP server; give (app, url)."""
    app = build_app(moto_url, dynamodb_local_url, contact_rate_limit=10**6)
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def rsvp(url, email, party=1):
    response = requests.post(f"{url}/events/{EVENT_ID}/rsvp", json=rsvp_body(email, party=party))
    assert response.status_code == 201, response.text
    return response.json()


def test_one_ticket_scanned_twenty_times_at_once_checks_in_once(live):
    app, url = live
    sync(app, event(capacity=10))
    rsvp(url, "ada@example.org", 2)
    code = tickets.ticket_code(app.extensions["frostfolio"].settings, EVENT_ID, _key("ada"))

    def scan(_):
        response = requests.post(
            f"{url}/owner/events/{EVENT_ID}/checkin", json={"code": code}, headers=OWNER
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(scan, range(20)))
    assert sorted(status for status, _ in answers) == [200] + [409] * 19
    at = next(body["attendee"]["checked_in_at"] for status, body in answers if status == 200)
    refusals = {body["error"] for status, body in answers if status == 409}
    assert refusals == {"already_checked_in"}
    stored = table_of(app).get(keys.event_pk(EVENT_ID), keys.rsvp_sk(_key("ada")))
    assert stored["checked_in_at"] == at


def _key(name):
    return keys.email_hash(f"{name}@example.org")


def test_the_owner_moving_people_while_visitors_rsvp_and_cancel_never_oversells(live):
    app, url = live
    sync(app, event(capacity=8))
    links = {}
    for i in range(8):
        links[f"p{i}"] = manage_path(rsvp(url, f"p{i}@example.org", 1 + i % 2))
    # p0..p5 hold 1+2+1+2+1+2 = 9 > 8 seats: p5 waits; then p6, p7 wait behind.

    def act(step):
        kind, who = step
        if kind == "to_line":
            return requests.patch(
                f"{url}/owner/events/{EVENT_ID}/rsvps/{_key(who)}",
                json={"status": "waitlisted"},
                headers=OWNER,
            ).status_code
        if kind == "owner_cancel":
            path = f"{url}/owner/events/{EVENT_ID}/rsvps/{_key(who)}"
            return requests.delete(path, headers=OWNER).status_code
        if kind == "cancel":
            return requests.delete(f"{url}{links[who]}").status_code
        return requests.post(
            f"{url}/events/{EVENT_ID}/rsvp", json=rsvp_body(f"{who}@example.org", party=2)
        ).status_code

    steps = [("to_line", "p0"), ("to_line", "p1"), ("owner_cancel", "p2"), ("cancel", "p3")]
    steps += [("rsvp", f"n{i}") for i in range(8)]
    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(act, steps))
    # A move may be refused (nobody waiting fits at that moment), never oversold.
    assert all(status in (200, 201, 409) for status in statuses), statuses
    table = table_of(app)
    assert audit.audit(table, EVENT_ID) == []
    stored = meta(table)
    assert stored["seats_left"] >= 0 and stored["confirmed"] + stored["seats_left"] == 8
