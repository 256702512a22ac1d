"""Brute-force recounts of every report figure from the stored transactions themselves."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from api.money import amounts, store

ZERO = Decimal(0)


def stored(table: Any, months: list[str]) -> list[dict[str, Any]]:
    """Return every stored transaction of ``months`` (a query of each TXN# partition)."""
    return [item for month in months for item in store.month(table, month)]


def line_list(item: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Return a transaction's lines as (category, amount), computed here, not by the store."""
    amount = Decimal(item["amount"])
    if item.get("transfer_id"):
        return [("_transfer", amount)]
    if item.get("splits"):
        return [(s["category"] or "_none", Decimal(s["amount"])) for s in item["splits"]]
    return [(item["category"] or "_none", amount)]


def spending(items: list[dict], period: str) -> list[dict[str, Any]]:
    """Recount the spending report of a month or year: per currency, per category."""
    cells: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [ZERO] * 3 + [0]))
    for item in items:
        if not item["date"].startswith(period):
            continue
        for category, amount in line_list(item):
            if category == "_transfer":
                continue
            cell = cells[item["currency"]][category]
            cell[0] += amount
            cell[1 if amount > 0 else 2] += amount
            cell[3] += 1
    out = []
    for ccy in sorted(cells):
        t = amounts.text
        income = sum((c[1] for c in cells[ccy].values()), ZERO)
        expense = -sum((c[2] for c in cells[ccy].values()), ZERO)
        out.append(
            {
                "currency": ccy,
                "categories": {
                    cat: (t(c[0], ccy), t(c[1], ccy), t(c[2], ccy), c[3])
                    for cat, c in cells[ccy].items()
                },
                "income": t(income, ccy),
                "expense": t(expense, ccy),
                "net": t(income - expense, ccy),
            }
        )
    return out


def balances(items: list[dict], accounts: dict[str, dict], months: list[str]) -> dict:
    """Recount each account's balance at the end of each month."""
    out = {}
    for account, info in accounts.items():
        ccy = info["currency"]
        for month in months:
            total = Decimal(info["opening_balance"]) + sum(
                (
                    Decimal(i["amount"])
                    for i in items
                    if i["account"] == account and i["date"][:7] <= month
                ),
                ZERO,
            )
            out[(account, month)] = amounts.text(total, ccy)
    return out
