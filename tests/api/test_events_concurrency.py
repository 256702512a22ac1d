"""No overbooking under real parallel requests: HTTP to a real server, against DynamoDB Local.

Moto does not serialise concurrent writes (it can lose an update), so these run
only against AWS's DynamoDB Local, through the API's own HTTP server on a free
port, with threads sending at once. Each test checks what the issue promises:
never more confirmed seats than capacity, the counter equal to the RSVPs, the
waitlist in arrival order and moved up for every party that fits, offers that
expire and pass on, even with the offer job running twice at the same time.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from api.devserver import serve
from api.events import audit, keys, waitlist

from .conftest import build_app
from .test_events_support import (
    EVENT_ID,
    event,
    manage_path,
    meta,
    rsvp_body,
    rsvps_of,
    sync,
    table_of,
)

pytestmark = [pytest.mark.dynamodb_local, pytest.mark.timeout(300)]
WORKERS = 16


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


def send(method: str, url: str, **kwargs: Any) -> dict[str, Any]:
    """Make one request; return its JSON with when it started and ended."""
    started = time.monotonic()
    response = requests.request(method, url, timeout=60, **kwargs)
    ended = time.monotonic()
    assert response.status_code in (200, 201), response.text
    return {**response.json(), "started": started, "ended": ended}


def rsvp_all(url: str, parties: dict[str, int]) -> dict[str, dict[str, Any]]:
    """RSVP every address at once; return the answers by address."""

    def one(email: str) -> dict[str, Any]:
        body = rsvp_body(email, party=parties[email])
        return send("POST", f"{url}/events/{EVENT_ID}/rsvp", json=body)

    with ThreadPoolExecutor(WORKERS) as pool:
        return dict(zip(parties, pool.map(one, parties), strict=True))


def check_invariants(table: Any) -> dict[str, list[dict[str, Any]]]:
    """Assert every promise about the event's seats and line; return its RSVPs by status."""
    assert audit.audit(table, EVENT_ID) == []
    stored = meta(table)
    everyone = rsvps_of(table)
    by = {s: [r for r in everyone if r["status"] == s] for s in (*keys.ACTIVE, *keys.ENDED)}
    held = sum(r["party"] for r in by[keys.CONFIRMED] + by[keys.OFFERED])
    assert sum(r["party"] for r in by[keys.CONFIRMED]) == stored["confirmed"]
    assert held + stored["seats_left"] == stored["capacity"] and stored["seats_left"] >= 0
    waiting = by[keys.WAITLISTED]
    if waiting and stored["waitlist"] == "auto":  # moved up as far as it goes
        assert stored["seats_left"] < min(r["party"] for r in waiting)
    # Nobody later in line moved up past an earlier party that would have fitted:
    # when a later party moved up, every earlier one still waiting was larger.
    moved = [r for r in everyone if r.get("promoted_at") or r.get("offer_expires")]
    for later in moved:
        for earlier in waiting:
            if earlier["seq"] < later["seq"]:
                assert earlier["party"] > later["party"], (earlier, later)
    seqs = [r["seq"] for r in everyone if "seq" in r]
    assert len(seqs) == len(set(seqs))
    return by


def check_arrival_order(answers: dict[str, dict[str, Any]], table: Any) -> None:
    """Assert the line follows arrival: who had an answer before another began is ahead."""
    seq = {r["email"]: r["seq"] for r in rsvps_of(table) if "seq" in r}
    joined = sorted((a["started"], a["ended"], seq[e]) for e, a in answers.items() if e in seq)
    for i, (_, ended, first) in enumerate(joined):
        for started, _, second in joined[i + 1 :]:
            if ended < started:
                assert first < second


def test_200_parallel_rsvps_never_oversell_then_cancels_and_newcomers_keep_it(live):
    app, url = live
    table = table_of(app)
    sync(app, event(capacity=20, max_party=3, waitlist="auto"))
    chance = random.Random(12)
    parties = {f"guest{n:03d}@example.org": chance.randint(1, 3) for n in range(200)}

    answers = rsvp_all(url, parties)

    by = check_invariants(table)
    assert {a["status"] for a in answers.values()} <= {"confirmed", "waitlisted"}
    assert len(by[keys.CONFIRMED]) + len(by[keys.WAITLISTED]) == 200  # everyone else waits
    assert meta(table)["confirmed"] == 20  # full: some of the waiting parties are of 1
    for rsvp in by[keys.CONFIRMED]:  # what each was told is what was stored
        assert answers[rsvp["email"]]["status"] == "confirmed" or rsvp.get("promoted_at")
    check_arrival_order(answers, table)

    # 50 at once: 25 cancel (confirmed and waiting alike), 25 newcomers RSVP.
    leaving = chance.sample(sorted(answers), 25)
    newcomers = {f"late{n:02d}@example.org": chance.randint(1, 3) for n in range(25)}
    jobs = [(e, "DELETE", url + "/api" + manage_path(answers[e]), {}) for e in leaving]
    jobs += [
        (e, "POST", f"{url}/events/{EVENT_ID}/rsvp", {"json": rsvp_body(e, party=p)})
        for e, p in newcomers.items()
    ]
    chance.shuffle(jobs)
    with ThreadPoolExecutor(WORKERS) as pool:
        done = dict(pool.map(lambda job: (job[0], send(job[1], job[2], **job[3])), jobs))

    by = check_invariants(table)
    assert {r["email"] for r in by[keys.CANCELLED]} == set(leaving)
    assert all(done[e]["rsvp"]["status"] == "cancelled" for e in leaving)
    assert {done[e]["status"] for e in newcomers} <= {"confirmed", "waitlisted"}
    assert len(by[keys.CONFIRMED]) + len(by[keys.WAITLISTED]) == 200  # 225 - 25 cancelled
    assert meta(table)["confirmed"] == 20  # refilled: parties of 1 were waiting
    check_arrival_order({**answers, **{e: done[e] for e in newcomers}}, table)


def test_offers_go_in_order_expire_and_pass_on_with_the_job_running_twice(live):
    app, url = live
    table = table_of(app)
    sync(app, event(capacity=6, max_party=2, waitlist="offer", offer_hours=24))
    chance = random.Random(7)
    parties = {f"guest{n:02d}@example.org": chance.randint(1, 2) for n in range(24)}
    answers = rsvp_all(url, parties)
    by = check_invariants(table)
    assert sum(r["party"] for r in by[keys.CONFIRMED]) <= 6
    check_arrival_order(answers, table)

    confirmed = [r["email"] for r in by[keys.CONFIRMED]]
    with ThreadPoolExecutor(WORKERS) as pool:
        list(
            pool.map(
                lambda e: send("DELETE", url + manage_path(answers[e])),
                confirmed,
            )
        )
    by = check_invariants(table)
    offered = {r["email"] for r in by[keys.OFFERED]}
    assert offered and sum(r["party"] for r in by[keys.OFFERED]) <= 6
    assert not by[keys.CONFIRMED]  # offers hold the seats: nobody got in around them

    # A day later nobody has claimed: the job, run twice at once, passes each offer on once.
    later = datetime.now(UTC) + timedelta(hours=25)
    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(lambda _: waitlist.expire_offers(table, later), range(2)))
    assert sum(c["expired"] for c in counts) == len(offered)
    by = check_invariants(table)
    assert {r["email"] for r in by[keys.EXPIRED]} == offered
    assert by[keys.OFFERED] and not offered & {r["email"] for r in by[keys.OFFERED]}

    # The next offers are claimed in parallel through their links: all become confirmed.
    claims = [answers[r["email"]] for r in by[keys.OFFERED]]
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda a: send("PATCH", url + manage_path(a), json={"claim": True}), claims))
    by = check_invariants(table)
    assert len(by[keys.CONFIRMED]) == len(claims) and not by[keys.OFFERED]
