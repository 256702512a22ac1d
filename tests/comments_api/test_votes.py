"""Upvotes: once per visitor, withdrawable, and the count always equals the stored votes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from api.comments import store
from api.devserver import serve

from ..api.conftest import assert_error
from .conftest import OWNER_TOKEN, ROOMY, build_app, listed, post, sync_threads, thread_entry

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}


def test_one_vote_per_visitor_and_withdrawing(web, site):
    table = site.extensions["frostfolio"].table
    comment = post(web).get_json()["comment"]
    url = f"/comments/{comment['id']}/vote"
    visitor = {"visitor": "v" * 20}
    assert web.put(url, json=visitor).get_json() == {"ok": True, "votes": 1, "voted": True}
    assert web.put(url, json=visitor).get_json()["votes"] == 1  # again: no change
    assert web.put(url, json={}).get_json()["votes"] == 2  # no id: the address counts
    assert listed(web)[0]["votes"] == 2
    withdrawn = web.delete(f"{url}?visitor={'v' * 20}")
    assert withdrawn.get_json() == {"ok": True, "votes": 1, "voted": False}
    assert web.delete(f"{url}?visitor={'v' * 20}").get_json()["votes"] == 1
    assert web.delete(url, json={}).get_json()["votes"] == 0  # a body works too
    assert store.votes_of(table, comment["id"]) == []


def test_only_approved_comments_take_votes(web):
    held = post(web, thread="posts/moderated").get_json()["comment"]
    assert_error(web.put(f"/comments/{held['id']}/vote", json={}), 404, "not_found")
    assert_error(web.put(f"/comments/{'z' * 16}/vote", json={}), 404, "not_found")
    assert_error(web.put(f"/comments/{held['id']}/vote", json={"visitor": "short"}), 422)


def test_votes_are_rate_limited_per_client(make_app):
    app = make_app(**{**ROOMY, "vote_rate_limit": 3})
    sync_threads(app, thread_entry("posts", "open-post"))
    web = app.test_client()
    comment = post(web).get_json()["comment"]
    for n in range(3):
        body = {"visitor": f"visitor-number-{n:04d}"}
        assert web.put(f"/comments/{comment['id']}/vote", json=body).status_code == 200
    body = {"visitor": "visitor-number-9999"}
    assert_error(web.put(f"/comments/{comment['id']}/vote", json=body), 429, "rate_limited")


@pytest.fixture
def live(dynamodb_local_url, moto_url):
    """Serve an API app on DynamoDB Local through the local HTTP server; give (app, url)."""
    app = build_app(moto_url, dynamodb_local_url, **ROOMY)
    sync_threads(app, thread_entry("posts", "open-post"))
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.dynamodb_local
@pytest.mark.timeout(300)
def test_100_parallel_upvotes_from_50_visitors_count_each_once(live):
    app, url = live
    table = app.extensions["frostfolio"].table
    comment = post(app.test_client()).get_json()["comment"]
    visitors = [f"parallel-visitor-{n:04d}" for n in range(50)]
    # Each visitor's two votes side by side, so the pool sends them at the same moment.
    ballots = [visitor for visitor in visitors for _ in range(2)]

    def vote(visitor: str) -> int:
        response = requests.put(
            f"{url}/comments/{comment['id']}/vote", json={"visitor": visitor}, timeout=60
        )
        assert response.status_code == 200, response.text
        return response.json()["votes"]

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(vote, ballots))
    stored = store.get(table, comment["id"])
    votes = store.votes_of(table, comment["id"])
    assert sorted(v["sk"] for v in votes) == sorted(f"VOTE#{v}" for v in visitors)
    assert int(stored["votes"]) == len(votes) == 50
    assert max(answers) == 50

    # Everyone withdraws twice at once: back to zero, never below.
    def withdraw(visitor: str) -> int:
        response = requests.delete(
            f"{url}/comments/{comment['id']}/vote", params={"visitor": visitor}, timeout=60
        )
        assert response.status_code == 200, response.text
        return response.json()["votes"]

    with ThreadPoolExecutor(16) as pool:
        assert min(pool.map(withdraw, ballots)) >= 0
    assert int(store.get(table, comment["id"])["votes"]) == 0
    assert store.votes_of(table, comment["id"]) == []
