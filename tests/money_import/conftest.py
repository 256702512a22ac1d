"""Fixtures for bank import, rules, recurring and alerts: apps on DynamoDB Local, the owner."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from ..api.conftest import (  # noqa: F401  (fixtures used by name)
    OWNER_TOKEN,
    build_app,
    dynamodb_local_url,
    moto_url,
)

FIXTURES = Path(__file__).parent / "fixtures"
GERMAN = {
    "date": "Buchungstag",
    "payee": "Auftraggeber/Empfänger",
    "notes": "Verwendungszweck",
    "amount": "Betrag (EUR)",
    "date_format": "%d.%m.%Y",
    "decimal": ",",
    "thousands": ".",
    "skip_lines": 3,
}


class Owner:
    """A test client sending the owner's token; returns (status, JSON)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}
        self.services = app.extensions["frostfolio"]
        self.table = self.services.table

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        response = self.client.open(path, method=method, json=body, headers=self.headers)
        return response.status_code, response.get_json(silent=True)

    def ok(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        status, data = self.call(method, path, body)
        assert status in (200, 201), (status, data)
        return data

    def account(self, name: str = "Girokonto", currency: str = "EUR") -> str:
        body = {"name": name, "type": "checking", "currency": currency}
        return self.ok("POST", "/money/accounts", body)["account"]["id"]

    def category(self, name: str = "Food", group: str = "Living") -> str:
        body = {"name": name, "group": group}
        return self.ok("POST", "/money/categories", body)["category"]["id"]

    def txn(self, account: str, amount: str, date: str = "2026-11-03", **more: Any) -> dict:
        body = {"date": date, "account": account, "amount": amount, **more}
        return self.ok("POST", "/money/transactions", body)["transaction"]

    def transactions(self, month: str = "2026-11") -> list[dict[str, Any]]:
        from api.money import store

        return store.month(self.table, month)

    def preview(self, account: str, content: bytes, **more: Any) -> dict[str, Any]:
        body = {"account": account, "content_base64": base64.b64encode(content).decode(), **more}
        return self.ok("POST", "/money/imports", body)["preview"]

    def confirm(self, preview: str, decisions: dict | None = None) -> dict[str, Any]:
        body = {"decisions": decisions or {}}
        return self.ok("POST", f"/money/imports/{preview}/confirm", body)


def fixture(name: str) -> bytes:
    """Return a fixture file's bytes."""
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def money_app(moto_url: str, dynamodb_local_url: str) -> Any:  # noqa: F811
    """Give an API app on a fresh table in DynamoDB Local."""
    return build_app(moto_url, dynamodb_local_url)


@pytest.fixture
def owner_api(money_app: Any) -> Owner:
    """Give the owner's client of a fresh money app."""
    return Owner(money_app)
