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
from . import accounts, amounts, budgets, fxrates, goals, keys
from .periods import months_of
from .reader import Reader
from .reports import spending

ZERO = amounts.ZERO


def home(table: Table, today: Date, convert: str | None = None) -> dict[str, Any]:
    """Return what the dashboard's money page shows first."""
    month, year = today.isoformat()[:7], today.isoformat()[:4]
    reader = Reader(table)
    # Everything the page needs that does not depend on another read, together.
    last_year = str(int(year) - 1)
    reader.prefetch(
        [keys.budget_pk(month), keys.budget_pk(year), *(keys.agg_pk(m) for m in months_of(year))],
        [keys.ACCOUNT_INDEX, keys.CATEGORY_INDEX, keys.GOAL_INDEX]
        + [budgets.year_index(year), budgets.year_index(last_year)]
        + ([fxrates.INDEX] if convert else []),
    )
    listed = [accounts.public(a) for a in reader.listed(keys.ACCOUNT_INDEX)]
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for account in listed:
        totals[account["currency"]] += Decimal(account["balance"])
    report = spending(table, month, reader=reader)
    out: dict[str, Any] = {
        "month": month,
        "accounts": listed,
        "totals": {c: amounts.text(v, c) for c, v in sorted(totals.items())},
        "this_month": report["currencies"],
        "budgets": budgets.figures(table, month, today, reader),
        "year_budgets": budgets.figures(table, year, today, reader),
        "goals": [goals.progress(table, g, today, reader) for g in reader.listed(keys.GOAL_INDEX)],
    }
    if convert:
        rates = {(i["from"], i["to"]): Decimal(i["rate"]) for i in reader.listed(fxrates.INDEX)}
        out["converted"] = fxrates.convert_total(totals, convert, rates)
    return out
