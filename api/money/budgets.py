"""Budgets per category per month (``2026-11``) or per year (``2026``), with optional rollover.

A budget of ``amount`` in a currency counts the category's lines in accounts of
that currency: ``spent`` is minus their sum (a refund lowers it). With
``rollover``, what was left (or overspent, as a negative) at the end of the
period carries into the next period's budget for the same category and
currency, if there is one; the chain is followed back period by period, reading
aggregates only, at most :data:`MAX_CHAIN` periods.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from typing import Any

from ..storage import Table
from . import accounts, amounts, categories, keys, store
from .fields import Problems, body_object
from .periods import days_left, months_of, previous
from .reports import month_rows

MAX_CHAIN = 120
FIELDS = {"amount", "currency", "rollover"}


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a budget as set (without its figures)."""
    ccy = item["currency"]
    return {
        "period": item["period"],
        "category": item["category"],
        "amount": amounts.text(item["amount"], ccy),
        "currency": ccy,
        "rollover": bool(item.get("rollover")),
        "updated_at": item["updated_at"],
    }


def put(table: Table, period: str, category: str, data: Any) -> dict[str, Any]:
    """Set the budget of a category for a period (replacing any)."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, FIELDS)
    p.required(data, "amount", "currency")
    if categories.get(table, category) is None:
        p.add("category", f"No such category: {category}.")
    ccy = data.get("currency")
    if not amounts.is_currency(ccy):
        p.add("currency", "Must be an ISO 4217 code such as EUR.")
    elif (amount := p.amount(data, "amount", ccy)) is not None and amount < 0:
        p.add("amount", "Must be zero or more.")
    if not isinstance(data.get("rollover", False), bool):
        p.add("rollover", "Must be true or false.")
    p.raise_any()
    item = {
        "pk": keys.budget_pk(period),
        "sk": category,
        "period": period,
        "category": category,
        "amount": amounts.parse(data["amount"], ccy),
        "currency": ccy,
        "rollover": bool(data.get("rollover", False)),
        "updated_at": accounts.now(),
    }
    store.save(table, item)
    return item


def delete(table: Table, period: str, category: str) -> bool:
    """Remove a budget; tell whether there was one."""
    return table.delete(keys.budget_pk(period), category) is not None


class _Spending:
    """Spent per (category, currency) in a period, read once per period."""

    def __init__(self, table: Table, accts: dict[str, dict]) -> None:
        self.table, self.accts = table, accts
        self.cache: dict[str, dict[tuple[str, str], Decimal]] = {}

    def preload(self, months: list[str]) -> None:
        self.rows = month_rows(self.table, months)

    def spent(self, period: str, category: str, ccy: str) -> Decimal:
        if period not in self.cache:
            rows_by_month = getattr(self, "rows", {})
            months = months_of(period)
            missing = [m for m in months if m not in rows_by_month]
            if missing:
                rows_by_month = {**rows_by_month, **month_rows(self.table, missing)}
                self.rows = rows_by_month
            totals: dict[tuple[str, str], Decimal] = {}
            for m in months:
                for row in rows_by_month[m]:
                    account = self.accts.get(row["account"])
                    if account is None:
                        continue
                    key = (row["category"], account["currency"])
                    totals[key] = totals.get(key, amounts.ZERO) - Decimal(row.get("sum", 0))
            self.cache[period] = totals
        return self.cache[period].get((category, ccy), amounts.ZERO)


def _carry(table: Table, spending: _Spending, budget: dict[str, Any], depth: int) -> Decimal:
    """Return what rolls into ``budget`` from the period before (0 without rollover)."""
    if depth >= MAX_CHAIN:
        return amounts.ZERO
    before = table.get(keys.budget_pk(previous(budget["period"])), budget["category"])
    if not before or not before.get("rollover") or before["currency"] != budget["currency"]:
        return amounts.ZERO
    available = Decimal(before["amount"]) + _carry(table, spending, before, depth + 1)
    return available - spending.spent(before["period"], before["category"], before["currency"])


def figures(
    table: Table, period: str, today: Date, spending: _Spending | None = None
) -> list[dict[str, Any]]:
    """Return budget vs actual for every budget of a period, with the days left."""
    accts = accounts.by_id(table)
    cats = categories.by_id(table)
    spending = spending or _Spending(table, accts)
    left_days = days_left(period, today)
    out = []
    for item in store.partition(table, keys.budget_pk(period)):
        ccy, category = item["currency"], item["category"]
        carry = _carry(table, spending, item, 0)
        available = Decimal(item["amount"]) + carry
        spent = spending.spent(period, category, ccy)
        used = (spent / available * 100).quantize(Decimal("0.1")) if available > 0 else None
        out.append(
            {
                **public(item),
                "name": categories.name_of(cats, category),
                "carried_in": amounts.text(carry, ccy),
                "available": amounts.text(available, ccy),
                "spent": amounts.text(spent, ccy),
                "left": amounts.text(available - spent, ccy),
                "percent_used": None if used is None else format(used, "f"),
                "days_left": left_days,
            }
        )
    return sorted(out, key=lambda b: (b["name"].casefold(), b["currency"]))
