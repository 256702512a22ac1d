"""The transactions behind a figure, and the CSV export, read month by month.

A report's figure for a month, account and category (or income, expense)
is the sum of matching *lines*; :func:`matching` returns the transactions that
hold such lines and the lines' ``total``, which equals the figure.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from ..csvfile import safe_cell
from ..storage import Table
from . import accounts, amounts, categories, keys, store
from .periods import month_range

FLOWS = ("in", "out")
CSV_COLUMNS = (
    "id",
    "date",
    "account",
    "account_name",
    "currency",
    "amount",
    "line_amount",
    "line",
    "payee",
    "raw_payee",
    "category",
    "category_name",
    "notes",
    "line_notes",
    "tags",
    "transfer_id",
    "counterpart",
    "import_id",
)

AMOUNT_COLUMNS = ("amount", "line_amount")
_PLAIN_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Render rows as CSV: text made safe by ``api.csvfile``, amounts left exact.

    An amount such as ``-12.30`` starts with ``-`` but is a number, not a formula:
    it is written as is (a spreadsheet reads it as the number), so the export
    imports back to the cent. Every other cell goes through ``safe_cell``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row[col]
                if col in AMOUNT_COLUMNS and _PLAIN_AMOUNT.fullmatch(str(row[col]))
                else safe_cell(row.get(col))
                for col in CSV_COLUMNS
            ]
        )
    return out.getvalue()


def _line_matches(category: str, amount: Decimal, want: dict[str, str]) -> bool:
    if want.get("category") and category != want["category"]:
        return False
    if want.get("flow") == "in" and not amount > 0:
        return False
    if want.get("flow") == "out" and not amount < 0:
        return False
    # Income and expense leave transfers out, as the reports do.
    return not (want.get("flow") and category == keys.TRANSFER)


def matching(table: Table, months: list[str], want: dict[str, str]) -> dict[str, Any]:
    """Return the transactions of ``months`` with a line matching ``want`` and their total.

    ``want`` may hold ``account``, ``category`` (an id, ``_none`` or ``_transfer``),
    ``flow`` (``in``/``out``) and ``tag``. The total is per currency.
    """
    found, totals = [], {}
    items = store.partitions(table, [keys.txn_pk(m) for m in months])
    for month in months:
        for item in items[keys.txn_pk(month)]:
            if want.get("account") and item["account"] != want["account"]:
                continue
            if want.get("tag") and want["tag"] not in (item.get("tags") or []):
                continue
            hits = [a for c, a in store.lines(item) if _line_matches(c, a, want)]
            if not hits:
                continue
            found.append(item)
            ccy = item["currency"]
            totals[ccy] = totals.get(ccy, amounts.ZERO) + sum(hits, amounts.ZERO)
    return {
        "transactions": found,
        "totals": {c: amounts.text(v, c) for c, v in sorted(totals.items())},
    }


def months_with_lines(table: Table) -> list[str]:
    """Return the months holding any line, in order, from the accounts' AGGBAL items."""
    return sorted(
        {
            row["sk"]
            for rows in store.partitions(
                table, [keys.balance_pk(a) for a in accounts.by_id(table)]
            ).values()
            for row in rows
            if int(row.get("count", 0))
        }
    )


def first_and_last_month(table: Table) -> tuple[str, str] | None:
    """Return the first and last month holding any line."""
    months = months_with_lines(table)
    return (months[0], months[-1]) if months else None


def csv_rows(
    table: Table, first: str, last: str, months: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one CSV row per line: a split transaction gives a row per split (same id).

    ``months`` (from :func:`months_with_lines`) skips the months without lines:
    a range of centuries then reads only what is there.
    """
    accts, cats = accounts.by_id(table), categories.by_id(table)
    wanted = (
        month_range(first, last) if months is None else [m for m in months if first <= m <= last]
    )
    for month in wanted:
        for item in store.month(table, month):
            ccy = item["currency"]
            base = {
                "id": item["id"],
                "date": item["date"],
                "account": item["account"],
                "account_name": accts.get(item["account"], {}).get("name", ""),
                "currency": ccy,
                "amount": amounts.text(item["amount"], ccy),
                "payee": item.get("payee", ""),
                "raw_payee": item.get("raw_payee", ""),
                "notes": item.get("notes", ""),
                "tags": ";".join(item.get("tags") or []),
                "transfer_id": item.get("transfer_id", ""),
                "counterpart": item.get("counterpart", ""),
                "import_id": item.get("import_id", ""),
            }
            splits = item.get("splits") or [
                {"category": item.get("category", ""), "amount": item["amount"], "notes": ""}
            ]
            for n, line in enumerate(splits, start=1):
                category = line.get("category", "")
                yield {
                    **base,
                    "line": f"{n}/{len(splits)}",
                    "line_amount": amounts.text(line["amount"], ccy),
                    "category": category,
                    "category_name": categories.name_of(cats, category) if category else "",
                    "line_notes": line.get("notes", ""),
                }
