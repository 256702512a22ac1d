"""Rules set category and payee on imports; twice-moved payees are offered a rule."""

from __future__ import annotations

import pytest

from api.money import rules

from .conftest import GERMAN, Owner, fixture

pytestmark = pytest.mark.dynamodb_local


def rule(field: str, op: str, value: str, **sets: str) -> dict:
    return {"field": field, "op": op, "value": value, **sets}


@pytest.mark.parametrize(
    ("op", "value", "hit"),
    [
        ("is", "rewe markt gmbh", True),
        ("is", "rewe", False),
        ("contains", "MARKT", True),
        ("starts_with", "rewe ", True),
        ("starts_with", "markt", False),
    ],
)
def test_matching_ignores_case_and_spaces(op: str, value: str, hit: bool) -> None:
    fields = {"payee": "REWE  Markt GmbH", "raw_payee": "REWE Markt GmbH 4711", "notes": ""}
    assert rules.matches(rule("payee", op, value), fields) is hit


def test_the_first_rule_wins_each_field() -> None:
    found = rules.apply(
        [
            rule("notes", "contains", "gehalt", set_category="income1"),
            rule("payee", "contains", "müller", set_category="other123", set_payee="Employer"),
        ],
        {"payee": "Müller & Söhne KG", "raw_payee": "", "notes": "Gehalt November"},
    )
    assert found == {"category": "income1", "payee": "Employer"}


def test_rules_apply_to_imported_rows(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category("Groceries")
    made = owner_api.ok(
        "POST",
        "/money/rules",
        rule("payee", "contains", "rewe", set_category=food, set_payee="REWE"),
    )["rule"]
    assert made["set_category"] == food
    preview = owner_api.preview(account, fixture("de_bank.csv"), mapping=GERMAN)
    first = preview["rows"][0]
    assert first["category"] == food and first["payee"] == "REWE"
    assert first["raw_payee"] == "REWE Markt GmbH"
    owner_api.confirm(preview["id"])
    stored = [t for t in owner_api.transactions() if t["raw_payee"] == "REWE Markt GmbH"]
    assert stored[0]["category"] == food and stored[0]["payee"] == "REWE"

    assert owner_api.ok("GET", "/money/rules")["rules"] == [made]
    assert made["version"] == 1
    edited = owner_api.ok(
        "PATCH", f"/money/rules/{made['id']}", {"op": "starts_with", "version": 1}
    )
    assert edited["rule"]["op"] == "starts_with" and edited["rule"]["version"] == 2
    # Another device still at version 1 gets a 409, not a silent overwrite.
    status, body = owner_api.call("PATCH", f"/money/rules/{made['id']}", {"op": "is", "version": 1})
    assert status == 409 and body["error"] == "version_conflict"
    owner_api.ok("DELETE", f"/money/rules/{made['id']}")
    assert owner_api.ok("GET", "/money/rules")["rules"] == []


def test_a_rule_must_set_something_known(owner_api: Owner) -> None:
    status, body = owner_api.call("POST", "/money/rules", rule("payee", "is", "x"))
    assert status == 422 and "set_category" in body["fields"]
    status, body = owner_api.call(
        "POST", "/money/rules", rule("memo", "like", "", set_category="nosuchcat1")
    )
    assert status == 422
    assert {"field", "op", "value", "set_category"} <= set(body["fields"])


def test_moving_a_payee_twice_offers_a_rule(owner_api: Owner) -> None:
    account, food, fun = owner_api.account(), owner_api.category("Food"), owner_api.category("Fun")
    table = owner_api.table
    first = owner_api.txn(account, "-5.00", payee="Corner Shop", category=food)
    second = owner_api.txn(account, "-7.00", payee="corner shop", category=food)
    moved = {**first, "category": fun}
    assert rules.note_recategorised(table, first, moved) is None
    offer = rules.note_recategorised(table, second, {**second, "category": fun})
    assert offer == {"field": "payee", "op": "is", "value": "corner shop", "set_category": fun}
    listed = owner_api.ok("GET", "/money/rules/suggestions")["suggestions"]
    assert [(s["value"].casefold(), s["set_category"]) for s in listed] == [("corner shop", fun)]
    # Once the owner makes the rule, it is no longer offered.
    owner_api.ok("POST", "/money/rules", rule("payee", "is", "Corner Shop", set_category=fun))
    assert owner_api.ok("GET", "/money/rules/suggestions")["suggestions"] == []
    assert rules.note_recategorised(table, second, {**second, "category": fun}) is None
    # Not a move: same category, or none.
    assert rules.note_recategorised(table, moved, moved) is None


def test_the_edit_answer_offers_a_rule_the_second_time(owner_api: Owner) -> None:
    account, food, fun = owner_api.account(), owner_api.category("Food"), owner_api.category("Fun")
    first = owner_api.txn(account, "-5.00", payee="Arcade", category=food)
    second = owner_api.txn(account, "-6.00", payee="Arcade", category=food)
    body = {"category": fun, "version": 1}
    answer = owner_api.ok("PATCH", f"/money/transactions/{first['id']}", body)
    assert answer["suggested_rule"] is None and answer["transaction"]["category"] == fun
    answer = owner_api.ok("PATCH", f"/money/transactions/{second['id']}", body)
    assert answer["suggested_rule"] == {
        "field": "payee",
        "op": "is",
        "value": "Arcade",
        "set_category": fun,
    }
    # A notes edit is not a move.
    notes = owner_api.ok(
        "PATCH", f"/money/transactions/{second['id']}", {"notes": "x", "version": 2}
    )
    assert notes["suggested_rule"] is None


def test_rules_fill_a_new_entry_left_without_a_category(owner_api: Owner) -> None:
    account, food, fun = owner_api.account(), owner_api.category("Food"), owner_api.category("Fun")
    owner_api.ok(
        "POST",
        "/money/rules",
        rule("payee", "starts_with", "rewe", set_category=food, set_payee="REWE"),
    )
    made = owner_api.txn(account, "-12.30", payee="Rewe City 4711")
    assert made["category"] == food and made["payee"] == "REWE"
    # What the owner chose stays: a category given, or splits.
    chosen = owner_api.txn(account, "-3.00", payee="Rewe", category=fun)
    assert chosen["category"] == fun and chosen["payee"] == "Rewe"
    other = owner_api.txn(account, "-3.00", payee="Kiosk")
    assert other["category"] == ""
    # A rule whose category was deleted since sets the payee, not a dangling category.
    gone = owner_api.category("Gone")
    owner_api.ok("POST", "/money/rules", rule("payee", "is", "kiosk 2", set_category=gone))
    owner_api.ok("DELETE", f"/money/categories/{gone}?version=1")
    orphan = owner_api.txn(account, "-1.00", payee="Kiosk 2")
    assert orphan["category"] == ""
    # A body the API refuses is refused as sent, rules or not.
    status, body = owner_api.call(
        "POST",
        "/money/transactions",
        {"date": "2026-11-03", "account": account, "amount": 12.3, "payee": "Rewe"},
    )
    assert status == 422 and "amount" in body["fields"]
