"""Recurring transactions: made once per period by the job, caught up after a pause."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from api.money import jobs, recurring, store

from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local


def rule(every: str, start: str, **more: object) -> dict:
    return {"every": every, "start": start, "end": "", **more}


def test_schedules() -> None:
    monthly = recurring.occurrences(rule("month", "2026-01-15", day=31), date(2026, 4, 30))
    assert monthly == [
        ("2026-01", date(2026, 1, 31)),
        ("2026-02", date(2026, 2, 28)),
        ("2026-03", date(2026, 3, 31)),
        ("2026-04", date(2026, 4, 30)),
    ]
    weekly = recurring.occurrences(rule("week", "2026-11-04", weekday=0), date(2026, 11, 23))
    assert weekly == [
        ("2026-W46", date(2026, 11, 9)),
        ("2026-W47", date(2026, 11, 16)),
        ("2026-W48", date(2026, 11, 23)),
    ]
    yearly = recurring.occurrences(rule("year", "2023-03-01", month=2, day=29), date(2026, 3, 1))
    assert [d for _, d in yearly] == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28)]
    ended = rule("month", "2026-01-01", day=1, end="2026-02-15")
    assert len(recurring.occurrences(ended, date(2027, 1, 1))) == 2


def run(owner: Owner, day: str) -> dict[str, int]:
    when = datetime.fromisoformat(f"{day}T06:00:00").replace(tzinfo=UTC)
    return jobs.create_recurring(services=owner.services, now=when)


def months(owner: Owner, *names: str) -> list[dict]:
    return [t for m in names for t in store.month(owner.table, m)]


def test_the_job_makes_each_period_once_and_catches_up(owner_api: Owner) -> None:
    account, home = owner_api.account(), owner_api.category("Rent", "Home")
    body = {
        "account": account,
        "amount": "-950.00",
        "payee": "Landlord",
        "category": home,
        "every": "month",
        "day": 31,
        "start": "2026-01-15",
    }
    made = owner_api.ok("POST", "/money/recurring", body)["recurring"]
    assert made["amount"] == "-950.00" and made["active"] is True

    assert run(owner_api, "2026-03-10")["made"] == 2  # January and February
    assert run(owner_api, "2026-03-10")["made"] == 0  # the same day again: nothing
    counts = run(owner_api, "2026-06-02")  # after a pause: March, April and May
    assert counts["made"] == 3 and counts["already"] == 0
    rent = months(owner_api, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")
    assert [t["date"] for t in rent] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
    ]
    assert {t["amount"] for t in rent} == {Decimal("-950.00")}
    assert {t["recurring_id"] for t in rent} == {made["id"]}
    assert {t["category"] for t in rent} == {home}

    # The owner deletes May's; an edit makes the job look at every period again: still gone.
    may = rent[-1]
    owner_api.ok("DELETE", f"/money/transactions/{may['id']}?version={may['version']}")
    owner_api.ok("PATCH", f"/money/recurring/{made['id']}", {"payee": "New landlord", "version": 1})
    assert run(owner_api, "2026-06-02") == {
        "made": 0,
        "already": 5,
        "definitions": 1,
        "no_account": 0,
        "alerts_sent": 0,
        "alerts_failed": 0,
    }
    assert len(months(owner_api, "2026-05")) == 0


def test_a_run_that_died_after_its_claim_is_finished_once(owner_api: Owner) -> None:
    account = owner_api.account()
    body = {"account": account, "amount": "2500.00", "every": "week", "weekday": 4}
    made = owner_api.ok("POST", "/money/recurring", {**body, "start": "2026-11-02"})["recurring"]
    period = "2026-W45"
    owner_api.table.put_new(
        {"pk": recurring.done_pk(made["id"]), "sk": period, "state": "claimed", "at": "x"}
    )
    assert recurring.run(owner_api.table, date(2026, 11, 8))["made"] == 1
    assert recurring.run(owner_api.table, date(2026, 11, 8))["made"] == 0
    assert [t["date"] for t in months(owner_api, "2026-11")] == ["2026-11-06"]


def test_paused_and_invalid(owner_api: Owner) -> None:
    account = owner_api.account()
    body = {"account": account, "amount": "-10.00", "every": "month", "day": 1}
    made = owner_api.ok("POST", "/money/recurring", {**body, "start": "2026-01-01"})["recurring"]
    owner_api.ok("PATCH", f"/money/recurring/{made['id']}", {"active": False, "version": 1})
    assert recurring.run(owner_api.table, date(2026, 3, 1))["made"] == 0
    status, data = owner_api.call(
        "POST", "/money/recurring", {**body, "amount": 10, "day": 32, "start": "x"}
    )
    assert status == 422 and {"amount", "day", "start"} <= set(data["fields"])
    status, data = owner_api.call("POST", "/money/recurring", {**body, "every": "year"})
    assert status == 422 and {"month", "start"} <= set(data["fields"])


def test_both_money_jobs_are_scheduled() -> None:
    import importlib
    import json
    from pathlib import Path

    config = json.loads((Path(__file__).parents[2] / "zappa_settings.json").read_text())
    scheduled = {e["function"]: e["expression"] for e in config["dev"]["events"]}
    for path in ("api.money.jobs.create_recurring", "api.money.jobs.check_budgets"):
        assert scheduled[path] == "rate(1 hour)"
        module, _, name = path.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name))
