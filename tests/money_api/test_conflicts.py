"""Two devices editing one item: the second save gets 409 with the current version."""

from __future__ import annotations

import pytest

from ..api.conftest import assert_error
from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local


def _conflict(response_status: int, body: dict) -> dict:
    assert response_status == 409, body
    assert body["ok"] is False and body["error"] == "version_conflict"
    assert set(body) == {"ok", "error", "message", "fields", "request_id", "current"}
    return body["current"]


def test_a_stale_edit_gets_the_current_transaction(owner_api: Owner) -> None:
    account = owner_api.account()
    txn = owner_api.txn(account, "-5.00", payee="Bakery")
    path = f"/money/transactions/{txn['id']}"
    first = owner_api.ok("PATCH", path, {"version": 1, "amount": "-6.00"})["transaction"]
    assert first["version"] == 2
    current = _conflict(*owner_api.call("PATCH", path, {"version": 1, "payee": "Cafe"}))
    assert current["amount"] == "-6.00" and current["payee"] == "Bakery"
    assert current["version"] == 2
    # Nothing of the stale edit was kept, and the balance counts the saved one once.
    assert owner_api.ok("GET", path)["transaction"]["payee"] == "Bakery"
    assert owner_api.ok("GET", f"/money/accounts/{account}")["account"]["balance"] == "-6.00"


def test_a_stale_delete_is_refused_and_a_missing_version_named(owner_api: Owner) -> None:
    account = owner_api.account()
    txn = owner_api.txn(account, "-5.00")
    path = f"/money/transactions/{txn['id']}"
    owner_api.ok("PATCH", path, {"version": 1, "notes": "moved"})
    _conflict(*owner_api.call("DELETE", f"{path}?version=1"))
    status, body = owner_api.call("DELETE", path)
    assert status == 422 and "version" in body["fields"]
    assert owner_api.ok("DELETE", f"{path}?version=2")["deleted"] == [txn["id"]]
    response = owner_api.client.get(path, headers=owner_api.headers)
    assert_error(response, 404, "not_found")
    assert owner_api.ok("GET", f"/money/accounts/{account}")["account"]["balance"] == "0.00"


def test_an_edit_without_a_version_is_refused(owner_api: Owner) -> None:
    txn = owner_api.txn(owner_api.account(), "-5.00")
    status, body = owner_api.call("PATCH", f"/money/transactions/{txn['id']}", {"amount": "1.00"})
    assert status == 422 and "version" in body["fields"]


def test_accounts_categories_and_goals_carry_versions_too(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category()
    owner_api.ok("PATCH", f"/money/accounts/{account}", {"version": 1, "name": "Main"})
    current = _conflict(
        *owner_api.call("PATCH", f"/money/accounts/{account}", {"version": 1, "name": "Old"})
    )
    assert current["name"] == "Main"
    owner_api.ok("PATCH", f"/money/categories/{food}", {"version": 1, "group": "Daily"})
    current = _conflict(
        *owner_api.call("PATCH", f"/money/categories/{food}", {"version": 1, "name": "X"})
    )
    assert current["group"] == "Daily"


def test_a_transfer_edited_through_one_leg_changes_both(owner_api: Owner) -> None:
    a, b = owner_api.account("A"), owner_api.account("B")
    body = {"date": "2026-11-05", "from_account": a, "to_account": b, "amount": "10.00"}
    out, into = owner_api.ok("POST", "/money/transfers", body)["transactions"]
    edited = owner_api.ok(
        "PATCH", f"/money/transactions/{into['id']}", {"version": 1, "amount": "12.50"}
    )["transactions"]
    assert sorted(t["amount"] for t in edited) == ["-12.50", "12.50"]
    _conflict(*owner_api.call("PATCH", f"/money/transactions/{out['id']}", {"version": 1}))
    deleted = owner_api.ok("DELETE", f"/money/transactions/{out['id']}?version=2")["deleted"]
    assert sorted(deleted) == sorted([out["id"], into["id"]])
    balances = {x["id"]: x["balance"] for x in owner_api.ok("GET", "/money/accounts")["accounts"]}
    assert balances == {a: "0.00", b: "0.00"}
