"""Budget alerts: one email at 80%, one at 100%, per category and period, however often checked."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from api.money import alerts, jobs

from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local
TODAY = date(2026, 11, 20)


class Ses:
    """Records the emails; fails while ``down``."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.down = False

    def send_email(self, **message: Any) -> dict[str, str]:
        if self.down:
            raise ConnectionError("SES unreachable")
        self.sent.append(message)
        return {"MessageId": str(len(self.sent))}


def subjects(ses: Ses) -> list[str]:
    return [m["Message"]["Subject"]["Data"] for m in ses.sent]


def check(owner: Owner, ses: Ses, period: str = "2026-11") -> dict[str, int]:
    return alerts.check(owner.table, ses, owner.services.settings, period, TODAY)


def test_an_alert_at_80_and_at_100_percent_once_each(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category("Groceries")
    owner_api.ok("PUT", f"/money/budgets/2026-11/{food}", {"amount": "200.00", "currency": "EUR"})
    ses = Ses()
    owner_api.txn(account, "-150.00", "2026-11-02", category=food)
    assert check(owner_api, ses) == {"sent": 0, "failed": 0}  # 75%
    owner_api.txn(account, "-10.00", "2026-11-03", category=food)  # 80% exactly
    assert check(owner_api, ses)["sent"] == 1
    assert check(owner_api, ses)["sent"] == 0
    assert subjects(ses) == ["Budget: Groceries passed 80% for 2026-11"]
    body = ses.sent[0]["Message"]["Body"]["Text"]["Data"]
    assert "160.00 EUR spent of 200.00 EUR" in body
    assert ses.sent[0]["Destination"]["ToAddresses"] == ["owner@example.com"]

    owner_api.txn(account, "-45.00", "2026-11-04", category=food)  # 102.5%
    assert check(owner_api, ses)["sent"] == 1
    assert check(owner_api, ses)["sent"] == 0
    assert subjects(ses)[-1] == "Budget: Groceries reached 100% for 2026-11"
    assert len(ses.sent) == 2


def test_a_jump_past_both_sends_one_and_ses_failures_are_retried(owner_api: Owner) -> None:
    account, fun = owner_api.account(), owner_api.category("Fun")
    owner_api.ok("PUT", f"/money/budgets/2026-11/{fun}", {"amount": "50.00", "currency": "EUR"})
    owner_api.txn(account, "-80.00", "2026-11-05", category=fun)
    ses = Ses()
    ses.down = True
    assert check(owner_api, ses) == {"sent": 0, "failed": 1}
    ses.down = False
    assert check(owner_api, ses) == {"sent": 1, "failed": 0}
    assert subjects(ses) == ["Budget: Fun reached 100% for 2026-11"]
    assert check(owner_api, ses)["sent"] == 0  # the 80% was claimed with it


def test_the_job_checks_this_month_through_real_ses(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category("Food")
    now = datetime.now(UTC)
    month = f"{now:%Y-%m}"
    owner_api.ok("PUT", f"/money/budgets/{month}/{food}", {"amount": "10.00", "currency": "EUR"})
    owner_api.txn(account, "-9.00", now.date().isoformat(), category=food)
    first = jobs.check_budgets(services=owner_api.services, now=now)
    assert first == {"alerts_sent": 1, "alerts_failed": 0}
    assert jobs.check_budgets(services=owner_api.services, now=now)["alerts_sent"] == 0


def test_an_import_that_passes_a_budget_sends_its_alert(owner_api: Owner) -> None:
    account, food = owner_api.account(), owner_api.category("Groceries")
    today = datetime.now(UTC).date()
    month = f"{today:%Y-%m}"
    owner_api.ok("PUT", f"/money/budgets/{month}/{food}", {"amount": "100.00", "currency": "EUR"})
    owner_api.ok(
        "POST",
        "/money/rules",
        {"field": "payee", "op": "contains", "value": "market", "set_category": food},
    )
    data = f"Date,Payee,Amount\n{today.isoformat()},MARKET HALL,-85.00\n".encode()
    mapping = {"date": "Date", "payee": "Payee", "amount": "Amount"}
    preview = owner_api.preview(account, data, mapping=mapping)
    owner_api.confirm(preview["id"])
    claims = owner_api.table.query("pk", alerts.alert_pk(month))[0]
    assert [c["sk"] for c in claims] == [f"{food}#EUR#80"]
