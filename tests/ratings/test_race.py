"""Aggregates stay exact under real parallel requests, against DynamoDB Local.

Moto does not serialise concurrent writes, so this runs against AWS's DynamoDB
Local, through the API's own HTTP server, with threads sending at once: 300
ratings from 100 visitors across 3 recipes, re-ratings included (the same
visitor changing their stars on one recipe in parallel requests). Afterwards
every STATS item must equal a brute-force recount over the stored RATING items.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from api.devserver import serve
from api.events.store import Refused
from api.ratings import store

from .conftest import RECIPES, add_recipe, build_app, stored_ratings

pytestmark = [pytest.mark.dynamodb_local, pytest.mark.timeout(300)]
WORKERS = 16


@pytest.fixture
def live(dynamodb_local_url, moto_url):
    """Serve an API app on DynamoDB Local through the local HTTP server; give (app, url)."""
    app = build_app(
        moto_url, dynamodb_local_url, rating_rate_limit=10**6, rating_subnet_limit=10**6
    )
    for slug in RECIPES:
        add_recipe(app, slug)
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def lost_races(monkeypatch) -> Counter:
    """Count the writes that lost a race (a condition failed, so the service read again)."""
    lost: Counter = Counter()
    for name in ("add", "change"):
        write = getattr(store, name)

        def counted(*args, _write=write, _name=name, **kwargs):
            try:
                return _write(*args, **kwargs)
            except Refused:
                lost[_name] += 1
                raise

        monkeypatch.setattr(store, name, counted)
    return lost


def recount(app) -> tuple[dict[str, dict], dict[str, dict]]:
    """Return (STATS as stored, STATS recounted from RATING items) by recipe."""
    stored: dict[str, dict] = {}
    counted: dict[str, Counter] = defaultdict(Counter)
    for item in stored_ratings(app):
        slug = item["pk"].removeprefix("RECIPE#")
        if item["sk"] == "STATS":
            stored[slug] = {k: int(item.get(k, 0)) for k in ("count", "sum", *_BUCKETS)}
        else:
            stars = int(item["stars"])
            counted[slug].update({"count": 1, "sum": stars, f"h{stars}": 1})
    expected = {
        s: {k: c.get(k, 0) for k in ("count", "sum", *_BUCKETS)} for s, c in counted.items()
    }
    return stored, expected


_BUCKETS = tuple(f"h{n}" for n in range(1, 6))


def test_300_parallel_ratings_from_100_visitors_keep_every_aggregate_exact(live, lost_races):
    app, url = live
    chance = random.Random(13)
    visitors = [f"visitor-{n:04d}-{chance.getrandbits(32):08x}" for n in range(100)]
    # Each visitor rates: 2 recipes once, then one of them again (twice in parallel
    # for a third of them): 300 requests, about 100 of them re-ratings.
    jobs = []
    for v in visitors:
        first, second = chance.sample(RECIPES, 2)
        jobs += [(v, first, chance.randint(1, 5)), (v, second, chance.randint(1, 5))]
        jobs.append((v, chance.choice((first, second)), chance.randint(1, 5)))
    chance.shuffle(jobs)
    assert len(jobs) == 300

    def one(job):
        visitor, slug, stars = job
        response = requests.put(
            f"{url}/recipes/{slug}/rating", json={"rating": stars, "visitor": visitor}, timeout=60
        )
        assert response.status_code == 200, response.text
        return response.json()

    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(one, jobs))
    elapsed = time.monotonic() - started
    print(f"300 parallel ratings in {elapsed:.2f} s; lost races retried: {dict(lost_races)}")

    stored, expected = recount(app)
    assert stored == expected
    assert sum(s["count"] for s in stored.values()) == len({(v, s) for v, s, _ in jobs}) == 200
    assert sum(1 for a in answers if a["previous"] is not None) >= 80  # re-ratings happened
    # Each visitor's stored stars are those of one of their requests for that recipe.
    sent = defaultdict(set)
    for v, s, stars in jobs:
        sent[v, s].add(stars)
    for item in stored_ratings(app):
        if item["sk"].startswith("RATING#"):
            key = (item["visitor"], item["pk"].removeprefix("RECIPE#"))
            assert int(item["stars"]) in sent[key]
    # The public summary and each recipe's endpoint agree with the recount.
    summary = requests.get(f"{url}/ratings/summary", timeout=30).json()["recipes"]
    for slug, counts in expected.items():
        assert summary[slug]["count"] == counts["count"]
        assert summary[slug]["sum"] == counts["sum"]
        assert [summary[slug]["histogram"][str(n)] for n in range(1, 6)] == [
            counts[b] for b in _BUCKETS
        ]


def test_one_visitor_rerating_in_parallel_counts_once(live, lost_races):
    app, url = live
    visitor = "tab-happy-visitor-0001"

    def one(stars):
        response = requests.put(
            f"{url}/recipes/dal/rating", json={"rating": stars, "visitor": visitor}, timeout=60
        )
        assert response.status_code == 200, response.text

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, [1 + n % 5 for n in range(40)]))
    stored, expected = recount(app)
    assert stored == expected and stored["dal"]["count"] == 1
    print(f"40 parallel re-ratings by one visitor; lost races retried: {dict(lost_races)}")
    assert sum(lost_races.values()) > 0  # the requests really did race
