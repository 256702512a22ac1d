"""The money log's CSV export, read into an empty table, gives the same transactions."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ..api.conftest import build_app
from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local

SAME = ("id", "date", "currency", "amount", "payee", "raw_payee", "notes", "tags", "import_id")
SAME += ("transfer_id", "counterpart")


def export(owner: Owner) -> bytes:
    response = owner.client.get("/money/export.csv", headers=owner.headers)
    assert response.status_code == 200
    return response.data


def everything(owner: Owner) -> list[dict[str, Any]]:
    found = owner.ok("GET", "/money/transactions?year=2026")["transactions"]
    return sorted(found, key=lambda t: t["id"])


def comparable(txn: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    out = {k: txn[k] for k in SAME}
    out["account"] = names[txn["account"]]
    out["category"] = names.get(txn["category"], "")
    out["splits"] = [{**s, "category": names.get(s["category"], "")} for s in txn["splits"]]
    return out


def test_export_then_restore_into_an_empty_table_is_identical(
    owner_api: Owner, moto_url: str, dynamodb_local_url: str
) -> None:
    a = owner_api
    euro, pound = a.account("Girokonto", "EUR"), a.account("Savings", "GBP")
    food, rent = a.category("Food"), a.category("Rent", "Home")
    a.txn(euro, "-12.30", "2026-11-03", payee="=cmd|' /C calc'!A0", category=food, tags=["x"])
    a.txn(euro, "-950.00", "2026-11-01", payee="Landlord", category=rent, notes="Nov\nrent")
    a.txn(
        euro,
        "-60.00",
        "2026-10-20",
        payee="Market",
        raw_payee="MARKET 123 SEPA",
        splits=[
            {"category": food, "amount": "-45.50", "notes": "veg"},
            {"category": rent, "amount": "-14.50", "notes": "-fee"},
        ],
    )
    a.txn(euro, "2500.00", "2026-10-31", payee="Salary", import_id="ref:abc")
    a.ok(
        "POST",
        "/money/transfers",
        {
            "date": "2026-11-05",
            "from_account": euro,
            "to_account": pound,
            "amount": "100.00",
            "to_amount": "86.10",
        },
    )
    before = everything(a)
    assert len(before) == 6
    data = export(a)

    b = Owner(build_app(moto_url, dynamodb_local_url))
    euro_b, pound_b = b.account("Girokonto", "EUR"), b.account("Savings", "GBP")
    food_b, rent_b = b.category("Food"), b.category("Rent", "Home")
    body = {"content_base64": base64.b64encode(data).decode()}
    counts = b.ok("POST", "/money/imports/restore", body)
    assert counts["restored"] == 6 and counts["no_account"] == 0
    after = everything(b)
    names_a = {euro: "Girokonto", pound: "Savings", food: "Food", rent: "Rent"}
    names_b = {euro_b: "Girokonto", pound_b: "Savings", food_b: "Food", rent_b: "Rent"}
    assert [comparable(t, names_b) for t in after] == [comparable(t, names_a) for t in before]
    assert b.ok("GET", f"/money/accounts/{euro_b}")["account"]["balance"] == "1377.70"

    # Restoring the same file again adds nothing.
    again = b.ok("POST", "/money/imports/restore", body)
    assert again["restored"] == 0 and again["already"] == 6
    assert len(everything(b)) == 6


@pytest.mark.parametrize(
    "data",
    [b"id,date\rvbI\x956cQ\r\n", b"not,the,export\n1,2,3\n", b"\xff\xfe\x00\x01"],
    ids=["stray-carriage-return", "other-columns", "binary"],
)
def test_a_file_that_is_not_the_export_is_refused_by_name_and_stores_nothing(
    owner_api: Owner, data: bytes
) -> None:
    body = {"content_base64": base64.b64encode(data).decode()}
    status, answer = owner_api.call("POST", "/money/imports/restore", body)
    assert status == 422, answer
    assert answer["fields"]["content_base64"]
    assert everything(owner_api) == []
