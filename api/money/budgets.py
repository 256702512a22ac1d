"""Budgets per category per month (``2026-11``) or per year (``2026``), with optional rollover.

A budget of ``amount`` in a currency counts the category's lines in accounts of
that currency: ``spent`` is minus their sum (a refund lowers it). With
``rollover``, what was left (or overspent, as a negative) at the end of the
period carries into the next period's budget for the same category and
currency, if there is one; the chain is followed back period by period, reading
aggregates only, at most :data:`MAX_CHAIN` periods, twelve earlier periods read at once.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from typing import Any

from ..errors import NotFound
from ..storage import Table
from . import accounts, amounts, categories, keys, store
from .fields import Problems, body_object
from .periods import days_left, months_of, previous
from .reader import Reader

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
    ccy = data.get("currency")
    if not amounts.is_currency(ccy):
        p.add("currency", "Must be an ISO 4217 code such as EUR.")
        p.amount(data, "amount", None)  # its form, named beside the currency
    elif (amount := p.amount(data, "amount", ccy)) is not None and amount < 0:
        p.add("amount", "Must be zero or more.")
    if not isinstance(data.get("rollover", False), bool):
        p.add("rollover", "Must be true or false.")
    p.raise_any()  # a wrong body is 422 before the category is looked up
    if categories.get(table, category) is None:
        raise NotFound(f"No category with id {category!r}.")
    item = {
        "pk": keys.budget_pk(period),
        "sk": category,
        # GSI1 lists a year's budgets, monthly and yearly, so a rollover chain is one query a year.
        "gsi1pk": year_index(period),
        "gsi1sk": f"{period}#{category}",
        "period": period,
        "category": category,
        "amount": amounts.parse(data["amount"], ccy),
        "currency": ccy,
        "rollover": bool(data.get("rollover", False)),
        "updated_at": accounts.now(),
    }
    store.save(table, item)
    return item


def year_index(period: str) -> str:
    """Return the GSI1 list of the budgets of a period's year (``MONEY#BUDGETS#2026``)."""
    return f"{keys.BUDGET_INDEX}#{period[:4]}"


def delete(table: Table, period: str, category: str) -> bool:
    """Remove a budget; tell whether there was one."""
    return table.delete(keys.budget_pk(period), category) is not None


def spent_by(reader: Reader, period: str, accts: dict[str, dict]) -> dict[tuple[str, str], Decimal]:
    """Return minus the sum of the lines per (category, currency) in a period."""
    totals: dict[tuple[str, str], Decimal] = {}
    for rows in reader.month_rows(months_of(period)).values():
        for row in rows:
            account = accts.get(row["account"])
            if account is not None:
                key = (row["category"], account["currency"])
                totals[key] = totals.get(key, amounts.ZERO) - Decimal(row.get("sum", 0))
    return totals


def _chains(reader: Reader, period: str, items: list[dict]) -> dict[str, list[dict]]:
    """Return, per category, the earlier budgets that roll into this one (nearest first).

    Earlier budgets are read a year at a time (GSI1), two years together, until
    no chain goes on.
    """
    chains: dict[str, list[dict]] = {i["category"]: [] for i in items}
    active = {i["category"]: i for i in items}
    earlier, step = period, 0
    while active and step < MAX_CHAIN:
        earlier = previous(earlier)
        year = int(earlier[:4])
        reader.prefetch(indexes=[year_index(str(year)), year_index(str(year - 1))])
        found = {(b["period"], b["category"]): b for b in reader.listed(year_index(earlier))}
        still = {}
        for category, later in active.items():
            before = found.get((earlier, category))
            if before and before.get("rollover") and before["currency"] == later["currency"]:
                chains[category].append(before)
                still[category] = before
        active, step = still, step + 1
    return chains


def figures(
    table: Table, period: str, today: Date, reader: Reader | None = None
) -> list[dict[str, Any]]:
    """Return budget vs actual for every budget of a period, with the days left."""
    reader = reader or Reader(table)
    year = int(period[:4])
    reader.prefetch(
        [keys.budget_pk(period), *(keys.agg_pk(m) for m in months_of(period))],
        [keys.ACCOUNT_INDEX, keys.CATEGORY_INDEX, year_index(str(year)), year_index(str(year - 1))],
    )
    accts, cats = reader.accounts(), reader.categories()
    items = reader.part(keys.budget_pk(period))
    chains = _chains(reader, period, items)
    periods = {b["period"] for chain in chains.values() for b in chain} | {period}
    reader.prefetch([keys.agg_pk(m) for p in sorted(periods) for m in months_of(p)])
    spent = {p: spent_by(reader, p, accts) for p in periods}
    left_days = days_left(period, today)
    out = []
    for item in items:
        ccy, category = item["currency"], item["category"]
        carry = amounts.ZERO
        for before in reversed(chains[category]):
            used = spent[before["period"]].get((category, ccy), amounts.ZERO)
            carry = Decimal(before["amount"]) + carry - used
        available = Decimal(item["amount"]) + carry
        this = spent[period].get((category, ccy), amounts.ZERO)
        used = (this / available * 100).quantize(Decimal("0.1")) if available > 0 else None
        out.append(
            {
                **public(item),
                "name": categories.name_of(cats, category),
                "carried_in": amounts.text(carry, ccy),
                "available": amounts.text(available, ccy),
                "spent": amounts.text(this, ccy),
                "left": amounts.text(available - this, ccy),
                "percent_used": None if used is None else format(used, "f"),
                "days_left": left_days,
            }
        )
    return sorted(out, key=lambda b: (b["name"].casefold(), b["currency"]))
