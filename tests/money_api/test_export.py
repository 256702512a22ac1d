"""The CSV export: one row per line, amounts exact, text cells defused."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local


def _rows(api: Owner, query: str = "") -> list[dict[str, str]]:
    response = api.client.get(f"/money/export.csv{query}", headers=api.headers)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_export_holds_every_line_exactly(owner_api: Owner) -> None:
    account, food, home = owner_api.account(), owner_api.category(), owner_api.category("Home")
    owner_api.txn(account, "-0.10", "2025-01-03", category=food, payee="=HYPERLINK(1)", tags=["a"])
    lines = [{"category": food, "amount": "-3.33"}, {"category": home, "amount": "-6.67"}]
    split = owner_api.txn(account, "-10.00", "2026-02-01", splits=lines, notes="two\n@lines")
    rows = _rows(owner_api)
    assert [(r["date"], r["amount"], r["line_amount"], r["line"]) for r in rows] == [
        ("2025-01-03", "-0.10", "-0.10", "1/1"),
        ("2026-02-01", "-10.00", "-3.33", "1/2"),
        ("2026-02-01", "-10.00", "-6.67", "2/2"),
    ]
    assert rows[0]["payee"] == "'=HYPERLINK(1)"  # a formula is shown as text
    assert rows[0]["category_name"] == "Food" and rows[0]["tags"] == "a"
    assert rows[1]["id"] == rows[2]["id"] == split["id"]
    assert rows[1]["notes"] == "two\n'@lines"
    # The lines add up to the balance, to the cent.
    total = sum(round(float(r["line_amount"]) * 100) for r in rows)
    balance = owner_api.ok("GET", f"/money/accounts/{account}")["account"]["balance"]
    assert total == round(float(balance) * 100) == -1010
    assert [r["date"] for r in _rows(owner_api, "?from=2026-01&to=2026-12")] == ["2026-02-01"] * 2


def test_an_empty_log_exports_the_header(owner_api: Owner) -> None:
    assert _rows(owner_api) == []
