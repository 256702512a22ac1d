"""Fixtures for the money API: apps on DynamoDB Local, an owner client, accounts and categories."""

from __future__ import annotations

from typing import Any

import pytest

from ..api.conftest import (  # noqa: F401,F811  (fixtures used by name)
    OWNER_TOKEN,
    build_app,
    dynamodb_local_url,
    moto_url,
    shared_client,
)


class Owner:
    """A test client that sends the owner's token and returns (status, JSON)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}
        self.table = app.extensions["frostfolio"].table

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Send a request as the owner; return the status and the JSON body."""
        response = self.client.open(path, method=method, json=body, headers=self.headers)
        return response.status_code, response.get_json(silent=True)

    def ok(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        """Send a request that must succeed; return its JSON body."""
        status, data = self.call(method, path, body)
        assert status in (200, 201), (status, data)
        return data

    def account(self, name: str = "Checking", currency: str = "EUR", **more: Any) -> str:
        """Open an account; return its id."""
        body = {"name": name, "type": "checking", "currency": currency, **more}
        return self.ok("POST", "/money/accounts", body)["account"]["id"]

    def category(self, name: str = "Food", group: str = "Living", **more: Any) -> str:
        """Add a category; return its id."""
        body = {"name": name, "group": group, **more}
        return self.ok("POST", "/money/categories", body)["category"]["id"]

    def txn(self, account: str, amount: str, date: str = "2026-11-03", **more: Any) -> dict:
        """Log a transaction; return it."""
        body = {"date": date, "account": account, "amount": amount, **more}
        return self.ok("POST", "/money/transactions", body)["transaction"]


@pytest.fixture
def money_app(moto_url: str, dynamodb_local_url: str) -> Any:  # noqa: F811
    """Give an API app on a fresh table in DynamoDB Local."""
    return build_app(moto_url, dynamodb_local_url)


@pytest.fixture
def owner_api(money_app: Any) -> Owner:
    """Give the owner's client of a fresh money app."""
    return Owner(money_app)
