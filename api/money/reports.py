"""Reports read from the maintained aggregates only, never from the transactions.

A month's spending is one query of ``AGG#<month>``; a year's is twelve (read
together); net worth is one query of ``AGGBAL#<account>`` per account plus the
opening balances. Every figure is per currency (an account's currency); a
``convert`` currency adds totals converted with the rates the owner entered.

Income is the sum of the lines above zero, expense the sum of those below
(shown as a positive amount), transfers left out of both; net = income - expense.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from ..storage import Table
from . import amounts, categories, fxrates, keys, store
from .periods import month_range, months_of
from .reader import Reader

ZERO = amounts.ZERO


def _zero() -> list[Any]:
    return [ZERO, ZERO, ZERO, 0]


def month_rows(table: Table, months: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Return the AGG items of each month."""
    return Reader(table).month_rows(months)


def by_category(rows: list[dict], accts: dict[str, dict]) -> dict[str, dict[str, list]]:
    """Sum AGG rows per currency and category: [sum, inflow, outflow, count] (no transfers)."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(_zero))
    for row in rows:
        # A row whose lines were all deleted or moved away stays at zero: not a figure.
        if row["category"] == keys.TRANSFER or row["account"] not in accts or not row.get("count"):
            continue
        cell = out[accts[row["account"]]["currency"]][row["category"]]
        cell[0] += Decimal(row.get("sum", 0))
        cell[1] += Decimal(row.get("inflow", 0))
        cell[2] += Decimal(row.get("outflow", 0))
        cell[3] += int(row.get("count", 0))
    return out


def _flows(cells: dict[str, list], ccy: str) -> dict[str, str]:
    income = sum((c[1] for c in cells.values()), ZERO)
    expense = -sum((c[2] for c in cells.values()), ZERO)
    return {
        "income": amounts.text(income, ccy),
        "expense": amounts.text(expense, ccy),
        "net": amounts.text(income - expense, ccy),
    }


def _rates(table: Table, convert: str | None) -> dict[tuple[str, str], Decimal]:
    return fxrates.every(table) if convert else {}


def _converted(
    per_ccy: dict[str, Decimal], convert: str | None, rates: dict
) -> dict[str, Any] | None:
    return fxrates.convert_total(per_ccy, convert, rates) if convert else None


def spending(
    table: Table, period: str, convert: str | None = None, reader: Reader | None = None
) -> dict[str, Any]:
    """Spending and income by category for a month or a year, per currency."""
    reader = reader or Reader(table)
    months = months_of(period)
    reader.prefetch([keys.agg_pk(m) for m in months], [keys.ACCOUNT_INDEX, keys.CATEGORY_INDEX])
    accts, cats = reader.accounts(), reader.categories()
    rows = [r for month in reader.month_rows(months).values() for r in month]
    totals = by_category(rows, accts)
    currencies = []
    for ccy in sorted(totals):
        cells = totals[ccy]
        listed = [
            {
                "category": cat,
                "name": categories.name_of(cats, cat),
                "group": cats.get(cat, {}).get("group", ""),
                "total": amounts.text(c[0], ccy),
                "inflow": amounts.text(c[1], ccy),
                "outflow": amounts.text(c[2], ccy),
                "count": c[3],
            }
            for cat, c in sorted(totals[ccy].items(), key=lambda kv: (kv[1][0], kv[0]))
            if c[3] or c[0]
        ]
        currencies.append({"currency": ccy, "categories": listed, **_flows(cells, ccy)})
    out: dict[str, Any] = {"period": period, "currencies": currencies}
    if convert:
        rates = _rates(table, convert)
        nets = {c["currency"]: Decimal(c["net"]) for c in currencies}
        expenses = {c["currency"]: Decimal(c["expense"]) for c in currencies}
        out["converted"] = {
            **fxrates.convert_total(nets, convert, rates),
            "expense": fxrates.convert_total(expenses, convert, rates)["total"],
        }
    return out


def income_expense(
    table: Table, first: str, last: str, convert: str | None = None
) -> dict[str, Any]:
    """Income, expense and net per month from ``first`` to ``last``, per currency."""
    reader = Reader(table)
    span = month_range(first, last)
    reader.prefetch([keys.agg_pk(m) for m in span], [keys.ACCOUNT_INDEX])
    accts = reader.accounts()
    rates = _rates(table, convert)
    months = []
    for month, rows in reader.month_rows(span).items():
        totals = by_category(rows, accts)
        per = {ccy: _flows(cells, ccy) for ccy, cells in sorted(totals.items())}
        entry: dict[str, Any] = {"month": month, "currencies": per}
        if convert:
            figures = {
                name: fxrates.convert_total(
                    {c: Decimal(v[name]) for c, v in per.items()}, convert, rates
                )
                for name in ("income", "expense", "net")
            }
            entry["converted"] = {
                "currency": convert,
                **{name: f["total"] for name, f in figures.items()},
                "missing": figures["net"]["missing"],
            }
        months.append(entry)
    return {"from": first, "to": last, "months": months}


def balances(
    table: Table, accts: dict[str, dict], months: list[str]
) -> dict[str, dict[str, Decimal]]:
    """Return each account's balance at the end of each month (opening + lines so far)."""
    pks = {a: keys.balance_pk(a) for a in accts}
    found = store.partitions(table, list(pks.values()))
    out: dict[str, dict[str, Decimal]] = {}
    for account, item in accts.items():
        running = Decimal(item.get("opening_balance", 0))
        sums = sorted((r["sk"], Decimal(r.get("sum", 0))) for r in found[pks[account]])
        series, i = {}, 0
        for month in months:
            while i < len(sums) and sums[i][0] <= month:
                running += sums[i][1]
                i += 1
            series[month] = running
        out[account] = series
    return out


def net_worth(table: Table, first: str, last: str, convert: str | None = None) -> dict[str, Any]:
    """Each account's balance at the end of each month, and the totals per currency."""
    accts = Reader(table).accounts()
    months = month_range(first, last)
    series = balances(table, accts, months)
    rates = _rates(table, convert)
    listed = [
        {
            "id": a,
            "name": item["name"],
            "currency": item["currency"],
            "balances": [
                {"month": m, "balance": amounts.text(series[a][m], item["currency"])}
                for m in months
            ],
        }
        for a, item in accts.items()
    ]
    totals = []
    for month in months:
        per: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for a, item in accts.items():
            per[item["currency"]] += series[a][month]
        entry: dict[str, Any] = {
            "month": month,
            "totals": {c: amounts.text(v, c) for c, v in sorted(per.items())},
        }
        if convert:
            entry["converted"] = _converted(per, convert, rates)
        totals.append(entry)
    return {"from": first, "to": last, "accounts": listed, "months": totals}
