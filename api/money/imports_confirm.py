"""Confirm a preview: write the rows the owner keeps, update the changed ones.

Each new row becomes a transaction whose id is derived from the account and the
row's import id (``imports.txn_id``), so the same row confirmed twice, or by
two confirms racing, is written once: the second write finds the id taken and
counts it ``already``. Rows go in as many per ``TransactWriteItems`` as its 100
writes hold (each row is its item and pointer, plus the aggregates it touches),
a few transactions at once; the store retries aggregate conflicts. A changed
row updates the stored transaction's date, amount and bank text at its
version; its category, payee, notes and splits stay the owner's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..storage import Table
from . import accounts, amounts, keys, store
from .imports import txn_id

WRITERS = 2  # transactions written at once (DynamoDB Local serialises more)


def new_item(account: str, currency: str, entry: dict[str, Any], stamp: str) -> dict[str, Any]:
    """Build the transaction an imported row becomes (``transactions``' own shape)."""
    from .transactions import _new

    fields = {
        "date": entry["date"],
        "account": account,
        "currency": currency,
        "amount": Decimal(entry["amount"]),
        "payee": entry.get("payee") or entry["raw_payee"],
        "raw_payee": entry["raw_payee"],
        "category": entry.get("category", ""),
        "notes": entry.get("notes", ""),
        "import_id": entry["import_id"],
        "updated_at": stamp,
    }
    return {**_new(fields, stamp), "id": txn_id(account, entry["import_id"])}


def _batches(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group new rows so each TransactWriteItems stays within its 100 writes.

    Each row is its item and its pointer; each distinct (month, account, category)
    aggregate, (account, month) sum and account balance is one update more.
    """
    batches: list[list[dict[str, Any]]] = []
    batch: list[dict[str, Any]] = []
    touched: set[tuple[str, ...]] = set()
    for item in items:
        month, account = keys.month_of(item["date"]), item["account"]
        mine = {("agg", month, account, c) for c, _ in store.lines(item)}
        mine |= {("bal", account, month), ("acct", account)}
        if batch and 2 * (len(batch) + 1) + len(touched | mine) > store.MAX_ACTIONS:
            batches.append(batch)
            batch, touched = [], set()
        batch.append(item)
        touched |= mine
    return [*batches, batch] if batch else batches


def _write_batch(table: Table, batch: list[dict[str, Any]]) -> dict[str, int]:
    """Write one batch; if refused (a row taken already), write its rows one by one."""
    try:
        store.replace(table, [], batch)
        return {"imported": len(batch), "already": 0}
    except store.Stale:
        pass
    counts = {"imported": 0, "already": 0}
    for item in batch:
        try:
            store.replace(table, [], [item])
            counts["imported"] += 1
        except store.Stale:
            counts["already"] += 1  # imported before (or by a confirm racing this one)
    return counts


def _write_new(table: Table, items: list[dict[str, Any]], result: dict[str, int]) -> None:
    """Write new rows in batches, a few at a time (aggregate conflicts are retried)."""
    batches = _batches(items)
    if len(batches) <= 1:
        done = [_write_batch(table, b) for b in batches]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(WRITERS, len(batches))) as pool:
            done = list(pool.map(lambda b: _write_batch(table, b), batches))
    for counts in done:
        result["imported"] += counts["imported"]
        result["already"] += counts["already"]


def _update(table: Table, entry: dict[str, Any], stamp: str, result: dict[str, int]) -> None:
    old = store.get(table, entry["match"])
    if old is None:
        result["gone"] += 1
        return
    new = {
        **old,
        "date": entry["date"],
        "amount": amounts.exact(Decimal(entry["amount"]), old["currency"]),
        "raw_payee": entry["raw_payee"],
        "version": old["version"] + 1,
        "updated_at": stamp,
    }
    if all(new[k] == old.get(k) for k in ("date", "amount", "raw_payee")):
        result["already"] += 1  # updated by an earlier confirm of this preview
        return
    if old.get("splits") and new["amount"] != old["amount"]:
        result["split_left"] += 1  # its lines would no longer add up: the owner edits it
        return
    try:
        store.replace(table, [old], [new])
        result["updated"] += 1
    except store.Stale:
        result["conflict"] += 1


def taken(table: Table, ids: list[str]) -> set[str]:
    """Return which of these transaction ids are stored (their pointers, 100 per read)."""
    found: set[str] = set()
    for n in range(0, len(ids), 100):
        request = {
            table.name: {
                "Keys": [
                    table.dump({"pk": keys.txnid_pk(i), "sk": keys.META}) for i in ids[n : n + 100]
                ],
                "ProjectionExpression": "id",
            }
        }
        while request:
            out = table.call("batch_get_item", RequestItems=request)
            found.update(table.load(i)["id"] for i in out["Responses"].get(table.name, []))
            request = out.get("UnprocessedKeys") or {}
    return found


def confirm(table: Table, meta: dict[str, Any], decisions: dict[int, str]) -> dict[str, int]:
    """Apply the owner's decisions to a loaded preview; return what was done, by kind."""
    stamp = accounts.now()
    result = dict.fromkeys(
        ("imported", "updated", "skipped", "already", "gone", "conflict", "split_left"), 0
    )
    fresh = []
    for entry in meta["rows"]:
        decision = decisions[int(entry["index"])]
        if decision == "skip":
            result["skipped"] += 1
        elif decision == "update":
            _update(table, entry, stamp, result)
        else:
            fresh.append(new_item(meta["account"], meta["currency"], entry, stamp))
    # A confirm sent again (after a timeout, say) skips what the first one wrote.
    stored = taken(table, [i["id"] for i in fresh])
    result["already"] += len(stored)
    _write_new(table, [i for i in fresh if i["id"] not in stored], result)
    table.update(
        meta["pk"],
        keys.META,
        "SET #state = :s, #result = :r, confirmed_at = :t",
        {":s": "confirmed", ":r": result, ":t": stamp},
        names={"#state": "state", "#result": "result"},
    )
    return result


def months_of(meta: dict[str, Any]) -> list[str]:
    """Return the months a preview's rows fall in (for the budget alerts)."""
    return sorted({keys.month_of(r["date"]) for r in meta["rows"]})
