"""The money home: balances, this month's income and expense, budgets and goals, in one answer.

Reads the accounts (their running balances), the categories, the month's
aggregates, the month's and the year's budgets, and the goals: a handful of
queries whatever the number of transactions.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date as Date
from decimal import Decimal
from typing import Any

from ..storage import Table
from . import accounts, amounts, budgets, fxrates, goals
from .reports import spending

ZERO = amounts.ZERO


def home(table: Table, today: Date, convert: str | None = None) -> dict[str, Any]:
    """Return what the dashboard's money page shows first."""
    month, year = today.isoformat()[:7], today.isoformat()[:4]
    listed = [accounts.public(a) for a in accounts.every(table)]
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for account in listed:
        totals[account["currency"]] += Decimal(account["balance"])
    report = spending(table, month)
    out: dict[str, Any] = {
        "month": month,
        "accounts": listed,
        "totals": {c: amounts.text(v, c) for c, v in sorted(totals.items())},
        "this_month": report["currencies"],
        "budgets": budgets.figures(table, month, today),
        "year_budgets": budgets.figures(table, year, today),
        "goals": [goals.progress(table, g, today) for g in goals.every(table)],
    }
    if convert:
        out["converted"] = fxrates.convert_total(totals, convert, fxrates.every(table))
    return out
