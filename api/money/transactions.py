"""Transactions and transfers: check a request, build the items, write them through the store.

A transaction has a date, an account, a signed amount in the account's
currency (negative is money out), a payee, a category or splits across
categories (their amounts add up to the amount exactly), notes and tags. A
transfer is two transactions written together, one per account, sharing a
``transfer_id``; across currencies both amounts are given. Every edit names the
``version`` it was based on; a stale one raises :class:`Conflict` with the item
as it is now.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..storage import Table
from . import accounts, amounts, categories, keys, store
from .accounts import Conflict, now
from .fields import IMPORT_ID, MAX_SPLITS, NOTES, PAYEE, RAW_PAYEE, Problems, body_object, version

FIELDS = {"date", "account", "amount", "payee", "raw_payee", "category", "splits", "notes", "tags"}
FIELDS |= {"import_id"}
TRANSFER_FIELDS = {"date", "from_account", "to_account", "amount", "to_amount", "payee", "notes"}
TRANSFER_FIELDS |= {"tags"}
SPLIT_FIELDS = {"category", "amount", "notes"}


class NotFound(LookupError):
    """No transaction with that id."""


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a transaction for clients: amounts as strings in its currency."""
    ccy = item["currency"]
    out = {
        "id": item["id"],
        "date": item["date"],
        "account": item["account"],
        "currency": ccy,
        "amount": amounts.text(item["amount"], ccy),
        "payee": item.get("payee", ""),
        "raw_payee": item.get("raw_payee", ""),
        "category": item.get("category", ""),
        "splits": [
            {
                "category": s["category"],
                "amount": amounts.text(s["amount"], ccy),
                "notes": s["notes"],
            }
            for s in item.get("splits") or []
        ],
        "notes": item.get("notes", ""),
        "tags": list(item.get("tags") or []),
        "transfer_id": item.get("transfer_id", ""),
        "counterpart": item.get("counterpart", ""),
        "import_id": item.get("import_id", ""),
        "version": int(item["version"]),
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }
    for extra in ("recurring_id", "rule_id"):
        if item.get(extra):
            out[extra] = item[extra]
    return out


def _splits(
    p: Problems, value: Any, currency: str | None, known: set[str] | None
) -> list[dict] | None:
    if not isinstance(value, list) or len(value) == 1 or len(value) > MAX_SPLITS:
        p.add("splits", f"Must be a list of 2 to {MAX_SPLITS} lines (or empty for none).")
        return None
    out = []
    for n, line in enumerate(value):
        name = f"splits[{n}]"
        if not isinstance(line, dict):
            p.add(name, "Must be an object with category, amount and notes.")
            continue
        sub = Problems()
        sub.unknown(line, SPLIT_FIELDS)
        sub.required(line, "amount")
        amount = sub.amount(line, "amount", currency)
        category = sub.ident(line, "category", known)
        notes = sub.text(line, "notes", NOTES)
        for field, message in sub.fields.items():
            p.add(f"{name}.{field}", message)
        out.append({"category": category or "", "amount": amount, "notes": notes or ""})
    return out


def _check(
    table: Table,
    data: Any,
    old: dict[str, Any] | None,
    extra: set[str] = frozenset(),
    *,
    form_only: bool = False,
) -> dict[str, Any]:
    """Check a transaction's body against ``old`` (None for a new one).

    ``form_only`` checks an edit of a transaction that does not exist: each
    field's form, so a wrong body is 422 before the 404 (nothing is read).
    Without a known currency (no such account) amounts are checked for form.
    """
    data = body_object(data)
    p = Problems()
    editing = old is not None or form_only
    p.unknown(data, (FIELDS | {"version"} if editing else FIELDS) | extra)
    if not editing:
        p.required(data, "date", "account", "amount")
    clean: dict[str, Any] = {k: data[k] for k in extra if k in data}
    if editing:
        clean["version"] = version(data, p)
    if (day := p.date(data, "date")) is not None:
        clean["date"] = day
    every = accounts.by_id(table) if "account" in data and not form_only else {}
    account = p.ident(data, "account", None if form_only else set(every))
    if account and not form_only:
        clean["account"], clean["currency"] = account, every[account]["currency"]
    elif account == "":
        p.add("account", "This field is required.")
    currency = clean.get("currency") or (old or {}).get("currency")
    known: set[str] | None = None
    if not form_only:
        known = set(categories.by_id(table)) if {"category", "splits"} & set(data) else set()
    if "amount" in data or (old is not None and "account" in clean):
        raw = data.get("amount", amounts.text(old["amount"], currency) if old else None)
        clean["amount"] = p.amount({"amount": raw}, "amount", currency or None)
    if "splits" in data:
        lines = data["splits"]
        clean["splits"] = [] if lines in ([], None) else _splits(p, lines, currency, known)
    if (category := p.ident(data, "category", known)) is not None:
        clean["category"] = category
    for name, spec in (("payee", PAYEE), ("raw_payee", RAW_PAYEE), ("notes", NOTES)):
        if (value := p.text(data, name, spec)) is not None:
            clean[name] = value
    if (value := p.text(data, "import_id", IMPORT_ID)) is not None:
        clean["import_id"] = value
    if (tags := p.tags(data)) is not None:
        clean["tags"] = tags
    p.raise_any()
    if form_only:
        return clean
    merged = {**(old or {}), **clean}
    moved = old is not None and old["currency"] != merged["currency"]
    if moved and "splits" not in clean and old.get("splits"):
        p.add("splits", "Send the splits again in the new account's currency.")
    if merged.get("splits"):
        total = sum((s["amount"] for s in merged["splits"]), amounts.ZERO)
        if total != merged["amount"]:
            p.add("splits", f"The lines add up to {total}, not {merged['amount']}.")
        if merged.get("category"):
            p.add("category", "Give the categories in the splits, not here.")
    p.raise_any()
    return clean


def _new(fields: dict[str, Any], stamp: str) -> dict[str, Any]:
    base = {
        "payee": "",
        "raw_payee": "",
        "category": "",
        "splits": [],
        "notes": "",
        "tags": [],
        "transfer_id": "",
        "counterpart": "",
        "import_id": "",
    }
    return {**base, **fields, "id": keys.new_id(), "version": 1, "created_at": stamp}


def create(table: Table, data: Any, *, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Store a new transaction from a request body; ``extra`` attributes are stored as given.

    An entry left without a category (and without splits) takes the category and payee
    of the owner's first matching rules, in the same write as its aggregates.
    ``extra`` is for other modules (``recurring_id``, ``rule_id``), never from a client.
    """
    clean = _check(table, data, None)
    if not clean.get("category") and not clean.get("splits"):
        clean.update(_ruled(table, clean))
    stamp = now()
    item = _new({**clean, **(extra or {})}, stamp)
    item["updated_at"] = stamp
    return _write(table, [], [item])[0]


def _ruled(table: Table, clean: dict[str, Any]) -> dict[str, Any]:
    """What the owner's rules set on a new entry: a category still stored, a payee."""
    from . import rules

    texts = {k: clean.get(k) for k in ("payee", "raw_payee", "notes")}
    changes = rules.apply(rules.every(table), texts)
    if changes.get("category") and changes["category"] not in categories.by_id(table):
        del changes["category"]  # a rule pointing at a deleted category sets nothing
    return changes


def _write(table: Table, olds: list[dict], news: list[dict]) -> list[dict[str, Any]]:
    try:
        store.replace(table, olds, news)
    except store.Stale as exc:
        current = store.get(table, olds[0]["id"]) if olds else None
        if olds and current is None:
            raise NotFound(olds[0]["id"]) from exc
        raise Conflict(current) from exc
    return [store.keyed(n) for n in news]


def get(table: Table, txn: str) -> dict[str, Any]:
    """Return a stored transaction, or raise NotFound."""
    item = store.get(table, txn)
    if item is None:
        raise NotFound(txn)
    return item


def edit(table: Table, txn: str, data: Any) -> list[dict[str, Any]]:
    """Apply an edit based on ``version``; return the stored item(s) (two for a transfer)."""
    try:
        old = get(table, txn)
    except NotFound:
        _check(table, data, None, form_only=True)  # a wrong body is 422, found or not
        raise
    if old.get("transfer_id"):
        return _edit_transfer(table, old, data)
    clean = _check(table, data, old)
    if clean.pop("version") != old["version"]:
        raise Conflict(old)
    new = {**old, **clean, "version": old["version"] + 1, "updated_at": now()}
    return _write(table, [old], [new])


def delete(table: Table, txn: str, expected: int) -> list[str]:
    """Delete a transaction at version ``expected`` (both legs of a transfer); return the ids."""
    old = get(table, txn)
    if old["version"] != expected:
        raise Conflict(old)
    olds = [old]
    if old.get("counterpart"):
        other = store.get(table, old["counterpart"])
        olds += [other] if other else []
    _write(table, olds, [])
    return [o["id"] for o in olds]


def _transfer_amounts(
    p: Problems, data: dict[str, Any], source: dict, target: dict
) -> tuple[Decimal | None, Decimal | None]:
    amount = p.amount(data, "amount", source["currency"])
    if amount is not None and amount <= 0:
        p.add("amount", "Must be more than zero: the amount that leaves from_account.")
    if source["currency"] == target["currency"]:
        if "to_amount" in data and data["to_amount"] != data.get("amount"):
            p.add("to_amount", "Leave it out: both accounts have the same currency.")
        return amount, amount
    if "to_amount" not in data:
        p.add("to_amount", f"Required: the amount that arrives, in {target['currency']}.")
    to_amount = p.amount(data, "to_amount", target["currency"])
    if to_amount is not None and to_amount <= 0:
        p.add("to_amount", "Must be more than zero.")
    return amount, to_amount


def create_transfer(table: Table, data: Any) -> list[dict[str, Any]]:
    """Move money between two accounts: two linked legs written in one transaction."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, TRANSFER_FIELDS)
    p.required(data, "date", "from_account", "to_account", "amount")
    every = accounts.by_id(table)
    day = p.date(data, "date")
    source = p.ident(data, "from_account", set(every))
    target = p.ident(data, "to_account", set(every))
    if source and source == target:
        p.add("to_account", "Must be another account than from_account.")
    texts = {n: p.text(data, n, s) or "" for n, s in (("payee", PAYEE), ("notes", NOTES))}
    tags = p.tags(data) or []
    for name in ("amount", "to_amount"):  # their form; the currencies' decimals below
        p.amount(data, name, None)
    p.raise_any()
    amount, to_amount = _transfer_amounts(p, data, every[source], every[target])
    p.raise_any()
    stamp, transfer = now(), keys.new_id()
    common = {**texts, "tags": tags, "date": day, "transfer_id": transfer, "updated_at": stamp}
    out = _new({**common, "account": source, "currency": every[source]["currency"]}, stamp)
    into = _new({**common, "account": target, "currency": every[target]["currency"]}, stamp)
    out.update(amount=-amount, counterpart=into["id"])
    into.update(amount=to_amount, counterpart=out["id"])
    return _write(table, [], [out, into])


def _edit_transfer(table: Table, leg: dict[str, Any], data: Any) -> list[dict[str, Any]]:
    data = body_object(data)
    p = Problems()
    p.unknown(data, {"date", "amount", "to_amount", "payee", "notes", "tags", "version"})
    expected = version(data, p)
    p.raise_any()
    if expected != leg["version"]:
        raise Conflict(leg)
    other = get(table, leg["counterpart"])
    out, into = (leg, other) if leg["amount"] < 0 else (other, leg)
    changes: dict[str, Any] = {}
    if (day := p.date(data, "date")) is not None:
        changes["date"] = day
    for name, spec in (("payee", PAYEE), ("notes", NOTES)):
        if (value := p.text(data, name, spec)) is not None:
            changes[name] = value
    if (tags := p.tags(data)) is not None:
        changes["tags"] = tags
    new_out, new_into = dict(out), dict(into)
    if "amount" in data or "to_amount" in data:
        given = {"amount": amounts.text(-out["amount"], out["currency"]), **data}
        amount, to_amount = _transfer_amounts(p, given, out, into)
        p.raise_any()
        new_out["amount"], new_into["amount"] = -amount, to_amount
    stamp = now()
    for new, old in ((new_out, out), (new_into, into)):
        new.update(changes, version=old["version"] + 1, updated_at=stamp)
    return _write(table, [out, into], [new_out, new_into])
