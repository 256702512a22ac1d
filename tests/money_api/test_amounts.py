"""Money is Decimal end to end: strings in, exact sums out, floats and extra decimals refused."""

from __future__ import annotations

import pytest

from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local


def test_ten_cents_and_twenty_cents_make_thirty(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category()
    owner_api.txn(account, "0.10", category=food)
    owner_api.txn(account, "0.20", category=food)
    report = owner_api.ok("GET", "/money/reports/spending/2026-11")
    (eur,) = report["currencies"]
    assert eur["categories"][0]["total"] == "0.30"
    assert eur["income"] == "0.30"
    listed = owner_api.ok("GET", f"/money/accounts/{account}")["account"]
    assert listed["balance"] == "0.30"


@pytest.mark.parametrize("amount", [0.1, 12, "0.105", "1e3", "12,30", "", True, None])
def test_anything_but_an_exact_amount_string_is_refused(owner_api: Owner, amount: object) -> None:
    account = owner_api.account()
    status, body = owner_api.call(
        "POST", "/money/transactions", {"date": "2026-11-03", "account": account, "amount": amount}
    )
    assert status == 422, body
    assert "amount" in body["fields"]
    assert owner_api.ok("GET", "/money/reports/spending/2026-11")["currencies"] == []


def test_each_currency_keeps_its_own_decimals(owner_api: Owner) -> None:
    yen, dinar = owner_api.account("Cash", "JPY"), owner_api.account("Bank", "KWD")
    assert owner_api.txn(yen, "-1500")["amount"] == "-1500"
    assert owner_api.txn(dinar, "-1.5")["amount"] == "-1.500"
    status, body = owner_api.call(
        "POST", "/money/transactions", {"date": "2026-11-03", "account": yen, "amount": "1.50"}
    )
    assert status == 422 and "JPY has 0 decimals" in body["fields"]["amount"]


def test_splits_must_add_up_exactly(owner_api: Owner) -> None:
    account, food, home = owner_api.account(), owner_api.category(), owner_api.category("Home")
    lines = [{"category": food, "amount": "-3.33"}, {"category": home, "amount": "-6.66"}]
    status, body = owner_api.call(
        "POST",
        "/money/transactions",
        {"date": "2026-11-03", "account": account, "amount": "-10.00", "splits": lines},
    )
    assert status == 422 and "-9.99" in body["fields"]["splits"]
    lines[1]["amount"] = "-6.67"
    saved = owner_api.txn(account, "-10.00", splits=lines)
    assert [s["amount"] for s in saved["splits"]] == ["-3.33", "-6.67"]
    report = owner_api.ok("GET", "/money/reports/spending/2026")["currencies"][0]
    assert {c["name"]: c["total"] for c in report["categories"]} == {
        "Food": "-3.33",
        "Home": "-6.67",
    }
    assert report["expense"] == "10.00"


def test_a_transfer_across_currencies_needs_both_amounts(owner_api: Owner) -> None:
    eur, yen = owner_api.account(), owner_api.account("Cash", "JPY")
    body = {"date": "2026-11-05", "from_account": eur, "to_account": yen, "amount": "10.00"}
    status, answer = owner_api.call("POST", "/money/transfers", body)
    assert status == 422 and "to_amount" in answer["fields"]
    legs = owner_api.ok("POST", "/money/transfers", {**body, "to_amount": "1600"})["transactions"]
    assert [(leg["currency"], leg["amount"]) for leg in legs] == [
        ("EUR", "-10.00"),
        ("JPY", "1600"),
    ]
    assert legs[0]["transfer_id"] == legs[1]["transfer_id"]
    # A transfer is neither income nor expense.
    assert owner_api.ok("GET", "/money/reports/spending/2026-11")["currencies"] == []
    balances = {a["id"]: a["balance"] for a in owner_api.ok("GET", "/money/accounts")["accounts"]}
    assert balances == {eur: "-10.00", yen: "1600"}
