"""Parallel writes on DynamoDB Local: gear totals stay exact, one edit of a version wins."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ..api.conftest import build_app
from .conftest import Owner, workout_body

pytestmark = pytest.mark.dynamodb_local


@pytest.fixture
def shared(dynamodb_local_url: str, moto_url: str) -> Any:
    return build_app(moto_url, dynamodb_local_url, owner_auth_limit=10**6)


def test_parallel_workouts_on_one_pair_of_shoes_all_count(shared: Any) -> None:
    me = Owner(shared.test_client())
    shoes = me.gear()

    def log(i: int) -> int:
        body = workout_body(equipment=[shoes], distance_m=1000 + i, duration_s=600)
        return (
            Owner(shared.test_client())
            .client.post("/training/workouts", json=body, headers=me.headers)
            .status_code
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(log, range(16)))
    assert statuses == [201] * 16
    assert me.totals(shoes) == (sum(1000 + i for i in range(16)), 600 * 16, 16)


def test_of_parallel_edits_of_one_version_exactly_one_wins(shared: Any) -> None:
    me = Owner(shared.test_client())
    shoes, bike = me.gear("Shoes"), me.gear("Bike")
    made = me.log(equipment=[shoes])

    def edit(i: int) -> int:
        change = {"distance_m": 2000 + i, "equipment": [bike], "version": 1}
        return (
            Owner(shared.test_client())
            .client.patch(f"/training/workouts/{made['id']}", json=change, headers=me.headers)
            .status_code
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(edit, range(6)))
    assert sorted(statuses) == [200] + [409] * 5
    final = me.call("GET", f"/training/workouts/{made['id']}")["workout"]
    assert final["version"] == 2
    assert me.totals(shoes) == (0, 0, 0)
    assert me.totals(bike) == (final["distance_m"], 1800, 1)
