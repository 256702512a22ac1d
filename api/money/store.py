"""Transactions and their aggregates, written together or not at all.

Every change is :func:`replace` of some stored transactions by others: a create
replaces nothing, a delete replaces by nothing, an edit (or a transfer's two
legs) replaces old versions by new ones. One ``TransactWriteItems`` puts and
deletes the TXN items and their TXNID pointers, each condition on the version
read, and adds the difference of the lines into the AGG, AGGBAL and account
balance items. A stale version fails the whole transaction (:class:`Stale`),
so no aggregate ever counts a line twice or misses one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..events.store import Refused, delete, put, transact
from ..storage import Table
from ..storage import update as update_action
from . import keys

ZERO = Decimal(0)
MAX_ACTIONS = 100  # DynamoDB's limit on one TransactWriteItems


class Stale(Exception):
    """A transaction was changed or deleted since it was read (or its account is gone)."""


def lines(item: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Return a transaction's (aggregate category, amount) lines: its splits, or itself."""
    if item.get("transfer_id"):
        return [(keys.TRANSFER, Decimal(item["amount"]))]
    if item.get("splits"):
        return [
            (s.get("category") or keys.UNCATEGORISED, Decimal(s["amount"])) for s in item["splits"]
        ]
    return [(item.get("category") or keys.UNCATEGORISED, Decimal(item["amount"]))]


def _deltas(olds: Iterable[dict], news: Iterable[dict]) -> tuple[dict, dict, dict]:
    agg: dict[tuple[str, str, str], list] = defaultdict(lambda: [ZERO, 0, ZERO, ZERO])
    bal: dict[tuple[str, str], list] = defaultdict(lambda: [ZERO, 0])
    acct: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for sign, items in ((-1, olds), (1, news)):
        for item in items:
            month, account = keys.month_of(item["date"]), item["account"]
            for category, amount in lines(item):
                row = agg[(month, account, category)]
                row[0] += sign * amount
                row[1] += sign
                row[2 if amount > 0 else 3] += sign * amount
                bal[(account, month)][0] += sign * amount
                bal[(account, month)][1] += sign
                acct[account] += sign * amount
    agg = {k: v for k, v in agg.items() if v[1] or any(v[i] for i in (0, 2, 3))}
    bal = {k: v for k, v in bal.items() if v[0] or v[1]}
    return agg, bal, {k: v for k, v in acct.items() if v}


def _aggregate_actions(olds: list[dict], news: list[dict]) -> list[dict[str, Any]]:
    agg, bal, acct = _deltas(olds, news)
    actions = []
    for (month, account, category), (total, count, inflow, outflow) in sorted(agg.items()):
        actions.append(
            update_action(
                keys.agg_pk(month),
                keys.agg_sk(account, category),
                "SET #month = :m, #account = :a, #category = :c "
                "ADD #sum :s, #count :n, #inflow :i, #outflow :o",
                {
                    ":m": month,
                    ":a": account,
                    ":c": category,
                    ":s": total,
                    ":n": count,
                    ":i": inflow,
                    ":o": outflow,
                },
                names={
                    "#month": "month",
                    "#account": "account",
                    "#category": "category",
                    "#sum": "sum",
                    "#count": "count",
                    "#inflow": "inflow",
                    "#outflow": "outflow",
                },
            )
        )
    for (account, month), (total, count) in sorted(bal.items()):
        actions.append(
            update_action(
                keys.balance_pk(account),
                month,
                "SET #month = :m, #account = :a ADD #sum :s, #count :n",
                {":m": month, ":a": account, ":s": total, ":n": count},
                names={"#month": "month", "#account": "account", "#sum": "sum", "#count": "count"},
            )
        )
    for account, total in sorted(acct.items()):
        actions.append(
            update_action(
                keys.account_pk(account),
                keys.META,
                "ADD #balance :s",
                {":s": total},
                names={"#balance": "balance", "#pk": "pk"},
                condition="attribute_exists(#pk)",
            )
        )
    return actions


def _pointer(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": keys.txnid_pk(item["id"]),
        "sk": keys.META,
        "id": item["id"],
        "month": keys.month_of(item["date"]),
        "txn_sk": item["sk"],
    }


def keyed(item: dict[str, Any]) -> dict[str, Any]:
    """Return the transaction with its table keys set from its date and id."""
    return {
        **item,
        "pk": keys.txn_pk(keys.month_of(item["date"])),
        "sk": keys.txn_sk(item["date"], item["id"]),
    }


def _txn_actions(olds: dict[str, dict], news: dict[str, dict]) -> list[dict[str, Any]]:
    actions = []
    same_version = ["#version = :v"]
    for txn in sorted(set(olds) | set(news)):
        old, new = olds.get(txn), news.get(txn)
        if new is None:
            v = {":v": old["version"]}
            actions.append(delete(old["pk"], old["sk"], when=same_version, values=v))
            actions.append(delete(keys.txnid_pk(txn), keys.META))
        elif old is None:
            actions.append(put(new, when=["attribute_not_exists(#pk)"]))
            actions.append(put(_pointer(new), when=["attribute_not_exists(#pk)"]))
        elif (old["pk"], old["sk"]) == (new["pk"], new["sk"]):
            actions.append(put(new, when=same_version, values={":v": old["version"]}))
        else:
            v = {":v": old["version"]}
            actions.append(delete(old["pk"], old["sk"], when=same_version, values=v))
            actions.append(put(new, when=["attribute_not_exists(#pk)"]))
            actions.append(put(_pointer(new)))
    return actions


def replace(table: Table, olds: list[dict[str, Any]], news: list[dict[str, Any]]) -> None:
    """Replace the stored ``olds`` (as read, with their versions) by ``news``, all or nothing.

    ``news`` are complete items (``keyed``); an id in both is an edit. Raise
    :class:`Stale` when any old one changed since it was read, or an account is gone.
    """
    news = [keyed(n) for n in news]
    actions = _txn_actions({o["id"]: o for o in olds}, {n["id"]: n for n in news})
    actions += _aggregate_actions(olds, news)
    if len(actions) > MAX_ACTIONS:
        raise ValueError(f"{len(actions)} writes: more than one transaction can hold")
    try:
        transact(table, actions)
    except Refused as exc:
        raise Stale(str(exc)) from exc


def get(table: Table, txn: str) -> dict[str, Any] | None:
    """Return the stored transaction ``txn`` (through its pointer), or None."""
    pointer = table.get(keys.txnid_pk(txn), keys.META)
    if pointer is None:
        return None
    return table.get(keys.txn_pk(pointer["month"]), pointer["txn_sk"])


def month(table: Table, month: str) -> list[dict[str, Any]]:
    """Return every transaction of a month (``yyyy-mm``), oldest first."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("pk", keys.txn_pk(month), start=start)
        found += items
        if not start:
            return found


def partition(table: Table, pk: str) -> list[dict[str, Any]]:
    """Return every item of a partition (aggregates, budgets), in sort-key order."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("pk", pk, start=start)
        found += items
        if not start:
            return found


def index(table: Table, name: str) -> list[dict[str, Any]]:
    """Return every item listed under ``name`` in GSI1 (accounts, categories, goals)."""
    from ..storage import GSI1

    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("gsi1pk", name, index=GSI1, sort_key="gsi1sk", start=start)
        found += items
        if not start:
            return found


def save(table: Table, item: dict[str, Any]) -> None:
    """Put an item whatever was there (budgets, rates: last write wins)."""
    table.call("put_item", TableName=table.name, Item=table.dump(item))


def partitions(table: Table, pks: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Read several partitions at once (a year's months) on the process's reading threads."""
    if len(pks) <= 1:
        return {pk: partition(table, pk) for pk in pks}
    from .reader import pool

    return dict(zip(pks, pool().map(lambda pk: partition(table, pk), pks), strict=True))
