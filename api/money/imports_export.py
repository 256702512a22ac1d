"""Read the money log's own CSV export back: into an empty table, the same transactions.

The export (``GET /money/export.csv``, ``listing.csv_rows``) has a row per
line: a split transaction gives several rows with the same ``id``. Reading it
back groups the rows by id and writes each transaction with its id, date,
amount, payee, raw bank text, notes, tags, splits, import id and transfer link,
so restoring the same file twice adds nothing (the ids are taken).

Accounts and categories are found by id, else by name (an account of the same
currency, a category of the same name), so an export restores into a table
where they were made again. A row whose account cannot be found is reported,
not guessed. The export prefixed cells that a spreadsheet would run as a
formula with ``'``; that quote is taken off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from typing import Any

from ..storage import Table
from . import accounts, amounts, categories, keys, store
from .csvbank import decode

REQUIRED = ("id", "date", "account", "currency", "amount", "line_amount", "line")
_QUOTED = re.compile("(^|[\r\n])'(?=[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20])")
BATCH = 10


class ExportError(ValueError):
    """Not the money log's CSV export; ``fields`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.fields = {"content_base64": message}


def looks_like_export(data: bytes) -> bool:
    """Tell whether a file starts with the export's header."""
    head = decode(data[:400]).splitlines()[:1]
    return bool(head) and all(col in head[0].split(",") for col in REQUIRED)


def _text(value: str | None) -> str:
    return _QUOTED.sub(r"\1", value or "")


def _resolve(table: Table) -> tuple[Any, Any]:
    accts = accounts.by_id(table)
    cats = categories.by_id(table)
    acct_names = {(a["name"].casefold(), a["currency"]): i for i, a in accts.items()}
    cat_names = {c["name"].casefold(): i for i, c in cats.items()}

    def account(row: dict[str, str]) -> str | None:
        if row["account"] in accts and accts[row["account"]]["currency"] == row["currency"]:
            return row["account"]
        return acct_names.get((_text(row.get("account_name")).casefold(), row["currency"]))

    def category(ident: str, name: str) -> str:
        if not ident or ident.startswith("_"):
            return ""
        return ident if ident in cats else cat_names.get(_text(name).casefold(), "")

    return account, category


def _item(rows: list[dict[str, str]], account: str, category: Any, stamp: str) -> dict:
    from .transactions import _new

    first, ccy = rows[0], rows[0]["currency"]
    lines = sorted(rows, key=lambda r: int(r["line"].split("/")[0]))
    fields: dict[str, Any] = {
        "date": first["date"],
        "account": account,
        "currency": ccy,
        "amount": amounts.parse(first["amount"], ccy),
        "payee": _text(first.get("payee")),
        "raw_payee": _text(first.get("raw_payee")),
        "notes": _text(first.get("notes")),
        "tags": [t for t in _text(first.get("tags")).split(";") if t],
        "transfer_id": first.get("transfer_id", ""),
        "counterpart": first.get("counterpart", ""),
        "import_id": _text(first.get("import_id")),
        "updated_at": stamp,
    }
    if len(lines) > 1:
        fields["splits"] = [
            {
                "category": category(r["category"], r.get("category_name", "")),
                "amount": amounts.parse(r["line_amount"], ccy),
                "notes": _text(r.get("line_notes")),
            }
            for r in lines
        ]
    elif not fields["transfer_id"]:
        fields["category"] = category(first["category"], first.get("category_name", ""))
    return {**_new(fields, stamp), "id": first["id"]}


def restore(table: Table, data: bytes) -> dict[str, int]:
    """Write every transaction of an export that is not stored yet; return counts."""
    reader = csv.DictReader(io.StringIO(decode(data), newline=""))
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    try:
        if not reader.fieldnames or not set(REQUIRED) <= set(reader.fieldnames):
            raise ExportError(
                f"Not the money log's export: it needs columns {', '.join(REQUIRED)}."
            )
        for row in reader:
            grouped[row["id"]].append(row)
    except csv.Error as exc:  # e.g. a stray carriage return: not a CSV file this log wrote
        raise ExportError(f"Not a readable CSV file (line {reader.line_num}): {exc}.") from exc
    account_of, category = _resolve(table)
    counts = {"restored": 0, "already": 0, "no_account": 0, "unreadable": 0}
    stamp = accounts.now()
    items: dict[str, dict[str, Any]] = {}
    for ident, rows in grouped.items():
        account = account_of(rows[0])
        if account is None:
            counts["no_account"] += 1
            continue
        try:
            if not keys.is_id(ident):
                raise ValueError(ident)
            items[ident] = _item(rows, account, category, stamp)
        except (ValueError, KeyError, amounts.AmountError):
            counts["unreadable"] += 1
    # A transfer's two legs go together, each pointing at the other.
    done: set[str] = set()
    for ident, item in items.items():
        if ident in done:
            continue
        group = [item]
        other = items.get(item.get("counterpart") or "")
        if other is not None:
            group.append(other)
        done.update(i["id"] for i in group)
        try:
            store.replace(table, [], group)
            counts["restored"] += len(group)
        except store.Stale:
            counts["already"] += len(group)
    return counts
