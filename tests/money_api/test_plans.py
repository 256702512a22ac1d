"""Budgets with rollover, goals with the monthly amount still needed, converted totals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api.money.periods import months_between

from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local


def _budget(api: Owner, period: str, category: str) -> dict:
    found = api.ok("GET", f"/money/budgets/{period}")["budgets"]
    return next(b for b in found if b["category"] == category)


def test_rollover_carries_what_was_left_and_what_was_overspent(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category()
    for month in ("2025-01", "2025-02", "2025-03"):
        body = {"amount": "100.00", "currency": "EUR", "rollover": True}
        owner_api.ok("PUT", f"/money/budgets/{month}/{food}", body)
    owner_api.txn(account, "-60.00", "2025-01-10", category=food)  # 40 left
    owner_api.txn(account, "-170.00", "2025-02-10", category=food)  # 140 available: 30 over
    owner_api.txn(account, "5.00", "2025-02-11", category=food)  # a refund lowers spent
    jan, feb, mar = (_budget(owner_api, m, food) for m in ("2025-01", "2025-02", "2025-03"))
    assert (jan["carried_in"], jan["available"], jan["spent"], jan["left"]) == (
        "0.00",
        "100.00",
        "60.00",
        "40.00",
    )
    assert (feb["carried_in"], feb["available"], feb["spent"], feb["left"]) == (
        "40.00",
        "140.00",
        "165.00",
        "-25.00",
    )
    assert feb["percent_used"] == "117.9"
    assert (mar["carried_in"], mar["available"], mar["left"]) == ("-25.00", "75.00", "75.00")
    assert jan["days_left"] == 0


def test_without_rollover_nothing_carries(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category()
    owner_api.ok("PUT", f"/money/budgets/2025-01/{food}", {"amount": "100.00", "currency": "EUR"})
    owner_api.ok("PUT", f"/money/budgets/2025-02/{food}", {"amount": "100.00", "currency": "EUR"})
    owner_api.txn(account, "-10.00", "2025-01-10", category=food)
    assert _budget(owner_api, "2025-02", food)["carried_in"] == "0.00"


def test_a_yearly_budget_counts_the_whole_year_in_its_currency(owner_api: Owner) -> None:
    eur, usd, trips = owner_api.account(), owner_api.account("US", "USD"), owner_api.category()
    body = {"amount": "1200.00", "currency": "EUR", "rollover": True}
    owner_api.ok("PUT", f"/money/budgets/2025/{trips}", body)
    owner_api.txn(eur, "-100.00", "2025-03-01", category=trips)
    owner_api.txn(eur, "-50.50", "2025-11-30", category=trips)
    owner_api.txn(usd, "-999.00", "2025-06-01", category=trips)  # another currency
    owner_api.ok("PUT", f"/money/budgets/2026/{trips}", {"amount": "0.00", "currency": "EUR"})
    year = _budget(owner_api, "2025", trips)
    assert (year["spent"], year["left"]) == ("150.50", "1049.50")
    assert _budget(owner_api, "2026", trips)["carried_in"] == "1049.50"


def test_a_budget_needs_a_known_category_and_an_exact_amount(owner_api: Owner) -> None:
    food = owner_api.category()
    status, body = owner_api.call(
        "PUT", f"/money/budgets/2025-01/{food}", {"amount": 100, "currency": "EUR"}
    )
    assert status == 422 and "amount" in body["fields"]
    status, body = owner_api.call(
        "PUT", "/money/budgets/2025-01/aaaaaaaaaaaaaaaa", {"amount": "1.00", "currency": "EUR"}
    )
    assert status == 404 and body["error"] == "not_found"


def test_goals_show_progress_and_the_monthly_amount_still_needed(owner_api: Owner) -> None:
    today = datetime.now(UTC).date()
    this_month = today.isoformat()[:7]
    by = f"{today.year + 1}-12-31"
    savings = owner_api.account("Savings", opening_balance="250.00")
    owner_api.txn(savings, "150.00", today.isoformat())
    goal = owner_api.ok(
        "POST",
        "/money/goals",
        {"name": "Bike", "target": "1000.00", "by": by, "account": savings},
    )["goal"]
    months = months_between(this_month, by[:7])
    assert (goal["saved"], goal["left"], goal["percent"]) == ("400.00", "600.00", "40.0")
    assert goal["months_left"] == months
    needed = goal["monthly_needed"]
    # Rounded up to the cent: paying it every month reaches the target in time.
    assert float(needed) * months >= 600 > (float(needed) - 0.01) * months

    fund, eur = owner_api.category("Holiday fund"), owner_api.account("Main")
    owner_api.txn(eur, "-120.00", today.isoformat(), category=fund)
    cat_goal = owner_api.ok(
        "POST",
        "/money/goals",
        {"name": "Trip", "target": "120.00", "currency": "EUR", "by": by, "category": fund},
    )["goal"]
    assert (cat_goal["saved"], cat_goal["reached"], cat_goal["monthly_needed"]) == (
        "120.00",
        True,
        "0.00",
    )
    status, body = owner_api.call("POST", "/money/goals", {"name": "X", "target": "1.00", "by": by})
    assert status == 422 and "account" in body["fields"]


def test_converted_totals_use_the_entered_rates(owner_api: Owner) -> None:
    eur, usd, yen = (
        owner_api.account("E", "EUR"),
        owner_api.account("U", "USD"),
        owner_api.account("Y", "JPY"),
    )
    food = owner_api.category()
    owner_api.txn(eur, "-10.00", "2025-05-02", category=food)
    owner_api.txn(usd, "-10.00", "2025-05-02", category=food)
    owner_api.txn(yen, "-1000", "2025-05-02", category=food)
    owner_api.ok("PUT", "/money/rates/USD/EUR", {"rate": "0.9150"})
    status, body = owner_api.call("PUT", "/money/rates/JPY/EUR", {"rate": 0.0062})
    assert status == 422 and "rate" in body["fields"]
    report = owner_api.ok("GET", "/money/reports/spending/2025-05?convert=EUR")
    converted = report["converted"]
    # -10.00 + (-10.00 * 0.9150 = -9.15) = -19.15; JPY has no rate and is named.
    assert (converted["total"], converted["missing"]) == ("-19.15", ["JPY"])
    owner_api.ok("PUT", "/money/rates/EUR/JPY", {"rate": "160"})  # only the inverse
    converted = owner_api.ok("GET", "/money/reports/spending/2025-05?convert=EUR")["converted"]
    assert (converted["total"], converted["missing"]) == ("-25.40", [])  # 1000 / 160 = 6.25
    assert converted["expense"] == "25.40"
    worth = owner_api.ok("GET", "/money/reports/net-worth?from=2025-04&to=2025-05&convert=USD")[
        "months"
    ]
    assert worth[0]["converted"]["total"] == "0.00"
    assert worth[1]["totals"] == {"EUR": "-10.00", "JPY": "-1000", "USD": "-10.00"}
    # EUR through the inverse USD -> EUR rate (-10.00 / 0.9150 = -10.93); JPY has none.
    assert worth[1]["converted"] == {"currency": "USD", "total": "-20.93", "missing": ["JPY"]}
    rates = owner_api.ok("GET", "/money/rates")["rates"]
    assert {(r["from"], r["to"], r["rate"]) for r in rates} == {
        ("USD", "EUR", "0.9150"),
        ("EUR", "JPY", "160"),
    }


def test_the_money_home_shows_balances_this_month_budgets_and_goals(owner_api: Owner) -> None:
    today = datetime.now(UTC).date()
    month = today.isoformat()[:7]
    eur, usd = owner_api.account(opening_balance="10.00"), owner_api.account("US", "USD")
    food = owner_api.category()
    owner_api.txn(eur, "-2.50", today.isoformat(), category=food)
    owner_api.txn(usd, "4.00", today.isoformat(), category=food)
    owner_api.ok("PUT", f"/money/budgets/{month}/{food}", {"amount": "20.00", "currency": "EUR"})
    owner_api.ok("PUT", "/money/rates/USD/EUR", {"rate": "0.5"})
    owner_api.ok(
        "POST",
        "/money/goals",
        {"name": "Fund", "target": "100.00", "by": f"{today.year + 1}-06-30", "account": eur},
    )
    home = owner_api.ok("GET", "/money/summary?convert=EUR")
    assert home["month"] == month
    assert home["totals"] == {"EUR": "7.50", "USD": "4.00"}
    assert home["converted"] == {"currency": "EUR", "total": "9.50", "missing": []}
    assert {c["currency"]: c["expense"] for c in home["this_month"]} == {
        "EUR": "2.50",
        "USD": "0.00",
    }
    (budget,) = home["budgets"]
    assert (budget["spent"], budget["left"], budget["percent_used"]) == ("2.50", "17.50", "12.5")
    assert budget["days_left"] >= 1
    (goal,) = home["goals"]
    assert goal["saved"] == "7.50"
