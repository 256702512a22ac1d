"""Accounts: checking, savings, cash or credit card, each in one currency.

An account's ``balance`` is the sum of its transactions, kept by the store in
the same transaction as each write; what it holds is ``opening_balance`` plus
``balance``. Its currency cannot change once set (its amounts are in it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..events.store import Refused, transact
from ..events.store import delete as remove
from ..storage import ConditionFailed, Table
from . import amounts, keys, store
from .conflict import Conflict
from .fields import NAME, Problems, body_object, version

__all__ = ["Conflict"]  # kept here too: other modules import it from accounts

TYPES = ("checking", "savings", "cash", "credit_card")
FIELDS = {"name", "type", "currency", "opening_balance", "version"}


def now() -> str:
    """Return the time now, ISO 8601 in UTC to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def every(table: Table) -> list[dict[str, Any]]:
    """Return every account (GSI1), in creation order of their ids."""
    return store.index(table, keys.ACCOUNT_INDEX)


def by_id(table: Table) -> dict[str, dict[str, Any]]:
    """Return every account by id."""
    return {a["id"]: a for a in every(table)}


def get(table: Table, account: str) -> dict[str, Any] | None:
    """Return one account, or None."""
    return table.get(keys.account_pk(account), keys.META)


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe an account for clients, amounts as strings in its currency."""
    ccy = item["currency"]
    opening = amounts.exact(item.get("opening_balance"), ccy)
    return {
        "id": item["id"],
        "name": item["name"],
        "type": item["type"],
        "currency": ccy,
        "opening_balance": amounts.text(opening, ccy),
        "balance": amounts.text(opening + amounts.exact(item.get("balance"), ccy), ccy),
        "version": int(item["version"]),
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }


def _check(
    data: dict[str, Any], old: dict[str, Any] | None, *, form_only: bool = False
) -> dict[str, Any]:
    """Check an account's body against ``old`` (None for a new account).

    ``form_only`` checks an edit of an account that does not exist: each
    field's form, so a wrong body is 422 before the 404.
    """
    data = body_object(data)
    p = Problems()
    editing = old is not None or form_only
    p.unknown(data, FIELDS if editing else FIELDS - {"version"})
    if not editing:
        p.required(data, "name", "type", "currency")
    clean: dict[str, Any] = {}
    if editing:
        clean["version"] = version(data, p)
    if (name := p.text(data, "name", NAME)) is not None:
        clean["name"] = name
    if "type" in data:
        if data["type"] in TYPES:
            clean["type"] = data["type"]
        else:
            p.add("type", f"Must be one of {', '.join(TYPES)}.")
    currency = old["currency"] if old else data.get("currency")
    if old is None and "currency" in data:
        if amounts.is_currency(currency):
            clean["currency"] = currency
        else:
            p.add("currency", "Must be an ISO 4217 code such as EUR or USD.")
    elif old is not None and "currency" in data and data["currency"] != old["currency"]:
        p.add("currency", "An account's currency cannot change; open a new account.")
    opening = p.amount(data, "opening_balance", currency if amounts.is_currency(currency) else None)
    if opening is not None:
        clean["opening_balance"] = opening
    p.raise_any()
    return clean


def create(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    """Open an account from a request body."""
    clean = _check(data, None)
    account, stamp = keys.new_id(), now()
    item = {
        "pk": keys.account_pk(account),
        "sk": keys.META,
        "gsi1pk": keys.ACCOUNT_INDEX,
        "gsi1sk": account,
        "id": account,
        "opening_balance": amounts.ZERO,
        "balance": amounts.ZERO,
        **clean,
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
    }
    table.put_new(item)
    return item


def edit(table: Table, account: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Change an account's name, type or opening balance (None if there is none)."""
    old = get(table, account)
    if old is None:
        _check(data, None, form_only=True)  # a wrong body is 422, found or not
        return None
    clean = _check(data, old)
    if clean.pop("version") != old["version"]:
        raise Conflict(old)
    sets = {**clean, "updated_at": now(), "version": old["version"] + 1}
    expression = "SET " + ", ".join(f"#{k} = :{k}" for k in sets)
    try:
        return table.update(
            keys.account_pk(account),
            keys.META,
            expression,
            {**{f":{k}": v for k, v in sets.items()}, ":v": old["version"]},
            names={**{f"#{k}": k for k in sets}, "#version": "version"},
            condition="#version = :v",
        )
    except ConditionFailed as exc:  # someone else saved first
        raise Conflict(get(table, account)) from exc


def has_transactions(table: Table, account: str) -> bool:
    """Tell whether any month holds a line of the account (its AGGBAL counts)."""
    return any(int(i.get("count", 0)) for i in store.partition(table, keys.balance_pk(account)))


def delete(table: Table, account: str, expected: int) -> bool:
    """Delete an account at version ``expected`` (False if there is none).

    The caller refuses an account with transactions first (:func:`has_transactions`).
    """
    old = get(table, account)
    if old is None:
        return False
    if old["version"] != expected:
        raise Conflict(old)
    action = remove(
        keys.account_pk(account), keys.META, when=["#version = :v"], values={":v": expected}
    )
    try:
        transact(table, [action])
    except Refused as exc:
        raise Conflict(get(table, account)) from exc
    return True
