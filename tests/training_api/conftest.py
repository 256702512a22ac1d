"""Fixtures for the training API: apps on the real local stores, the owner, valid bodies."""

from __future__ import annotations

from typing import Any

import pytest

from ..api.conftest import (  # noqa: F401  (fixtures used by name)
    ORIGIN,
    OWNER_TOKEN,
    build_app,
    dynamodb_local_url,
    make_app,
    moto_url,
    owner,
    store_url,
)


def workout_body(**changes: Any) -> dict[str, Any]:
    """Return a valid workout with ``changes`` applied (None removes a key)."""
    body: dict[str, Any] = {
        "sport": "run",
        "title": "Morning run",
        "start": "2026-12-06T07:30:00+01:00",
        "duration_s": 1800,
        "distance_m": 5000,
        "ascent_m": 40,
        "rpe": 6,
        "avg_hr": 150,
        "notes": "Easy.",
    }
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


@pytest.fixture
def api(store_url: str, moto_url: str) -> Any:  # noqa: F811
    """Give a client of an app on a fresh table in each store (moto, DynamoDB Local)."""
    return build_app(moto_url, store_url, owner_auth_limit=10**6).test_client()


@pytest.fixture
def web(moto_url: str) -> Any:  # noqa: F811
    """Give a client of an app on a fresh table in the moto server."""
    return build_app(moto_url, owner_auth_limit=10**6).test_client()


class Owner:
    """The owner's requests through a test client (bearer token)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> dict[str, Any]:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        body = response.get_json()
        assert response.status_code == expect, body
        return body

    def gear(self, name: str = "Shoes") -> str:
        return self.call("POST", "/training/gear", 201, json={"name": name})["gear"]["id"]

    def log(self, **changes: Any) -> dict[str, Any]:
        return self.call("POST", "/training/workouts", 201, json=workout_body(**changes))["workout"]

    def totals(self, gear_id: str) -> tuple[int, int, int]:
        g = self.call("GET", f"/training/gear/{gear_id}")["gear"]
        return g["distance_m"], g["duration_s"], g["workouts"]


@pytest.fixture
def me(web: Any) -> Owner:
    """Give the owner on the moto app."""
    return Owner(web)


@pytest.fixture
def me_everywhere(api: Any) -> Owner:
    """Give the owner on an app in each store."""
    return Owner(api)
