"""Savings goals: an amount by a date, linked to an account or to a category.

Progress of an account goal is the account's balance (opening balance plus its
transactions). Progress of a category goal is what went into the category from
the goal's ``start`` month to the current month: minus the sum of its lines in
accounts of the goal's currency (money set aside is booked as spending into
it). ``monthly_needed`` is what is still missing divided by the months left up
to and including the ``by`` month, rounded up to the currency's minor unit.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ..events.store import Refused, transact
from ..events.store import delete as remove
from ..storage import ConditionFailed, Table
from . import accounts, amounts, categories, keys, store
from .accounts import Conflict, now
from .fields import NAME, Problems, body_object, version
from .periods import month_range, months_between
from .reader import Reader

FIELDS = {"name", "target", "currency", "by", "account", "category", "start", "version"}


def every(table: Table) -> list[dict[str, Any]]:
    """Return every goal."""
    return store.index(table, keys.GOAL_INDEX)


def get(table: Table, goal: str) -> dict[str, Any] | None:
    """Return one goal, or None."""
    return table.get(keys.goal_pk(goal), keys.META)


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a goal as set (without its progress)."""
    ccy = item["currency"]
    return {
        "id": item["id"],
        "name": item["name"],
        "target": amounts.text(item["target"], ccy),
        "currency": ccy,
        "by": item["by"],
        "account": item.get("account", ""),
        "category": item.get("category", ""),
        "start": item["start"],
        "version": int(item["version"]),
    }


def _check(
    table: Table, data: Any, old: dict[str, Any] | None, *, form_only: bool = False
) -> dict[str, Any]:
    """Check a goal's body against ``old`` (None for a new goal).

    ``form_only`` checks an edit of a goal that does not exist: each field's
    form, so a wrong body is 422 before the 404 (nothing is read for it).
    """
    data = body_object(data)
    p = Problems()
    editing = old is not None or form_only
    p.unknown(data, FIELDS if editing else FIELDS - {"version"})
    if not editing:
        p.required(data, "name", "target", "by")
    clean: dict[str, Any] = {}
    if editing:
        clean["version"] = version(data, p)
    if (name := p.text(data, "name", NAME)) is not None:
        clean["name"] = name
    if (by := p.date(data, "by")) is not None:
        clean["by"] = by
    if "start" in data:
        start = data["start"]
        day = p.date({"start": f"{start}-01" if isinstance(start, str) else start}, "start")
        if day:
            clean["start"] = day[:7]
    if form_only:
        p.ident(data, "account")
        p.ident(data, "category")
        if "currency" in data and not amounts.is_currency(data["currency"]):
            p.add("currency", "Must be an ISO 4217 code such as EUR.")
        p.amount(data, "target", None)
        p.raise_any()
        return clean
    accts = accounts.by_id(table) if "account" in data else {}
    cats = set(categories.by_id(table)) if "category" in data else set()
    if (account := p.ident(data, "account", set(accts))) is not None:
        clean["account"] = account
    if (category := p.ident(data, "category", cats)) is not None:
        clean["category"] = category
    merged = {**(old or {}), **clean}
    if bool(merged.get("account")) == bool(merged.get("category")):
        p.add("account", "Link the goal to one account or one category.")
    if merged.get("account") in accts:
        clean["currency"] = accts[merged["account"]]["currency"]
        if data.get("currency") not in (None, clean["currency"]):
            p.add("currency", "An account goal is in the account's currency.")
    elif "currency" in data:
        if amounts.is_currency(data["currency"]):
            clean["currency"] = data["currency"]
        else:
            p.add("currency", "Must be an ISO 4217 code such as EUR.")
    ccy = clean.get("currency") or merged.get("currency")
    if not ccy:
        p.add("currency", "This field is required for a category goal.")
        p.amount(data, "target", None)
    elif (target := p.amount(data, "target", ccy)) is not None:
        if target <= 0:
            p.add("target", "Must be more than zero.")
        clean["target"] = target
    p.raise_any()
    return clean


def create(table: Table, data: Any, today: Date) -> dict[str, Any]:
    """Set a new goal from a request body."""
    clean = _check(table, data, None)
    goal, stamp = keys.new_id(), now()
    item = {
        "pk": keys.goal_pk(goal),
        "sk": keys.META,
        "gsi1pk": keys.GOAL_INDEX,
        "gsi1sk": goal,
        "id": goal,
        "account": "",
        "category": "",
        "start": today.isoformat()[:7],
        **clean,
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
    }
    table.put_new(item)
    return item


def edit(table: Table, goal: str, data: Any) -> dict[str, Any] | None:
    """Change a goal at its version."""
    old = get(table, goal)
    if old is None:
        _check(table, data, None, form_only=True)  # a wrong body is 422, found or not
        return None
    clean = _check(table, data, old)
    if clean.pop("version") != old["version"]:
        raise Conflict(old)
    sets = {**clean, "updated_at": now(), "version": old["version"] + 1}
    try:
        return table.update(
            keys.goal_pk(goal),
            keys.META,
            "SET " + ", ".join(f"#{k} = :{k}" for k in sets),
            {**{f":{k}": v for k, v in sets.items()}, ":v": old["version"]},
            names={**{f"#{k}": k for k in sets}, "#version": "version"},
            condition="#version = :v",
        )
    except ConditionFailed as exc:
        raise Conflict(get(table, goal)) from exc


def delete(table: Table, goal: str, expected: int) -> bool:
    """Delete a goal at version ``expected``."""
    old = get(table, goal)
    if old is None:
        return False
    if old["version"] != expected:
        raise Conflict(old)
    action = remove(keys.goal_pk(goal), keys.META, when=["#version = :v"], values={":v": expected})
    try:
        transact(table, [action])
    except Refused as exc:
        raise Conflict(get(table, goal)) from exc
    return True


def progress(
    table: Table, item: dict[str, Any], today: Date, reader: Reader | None = None
) -> dict[str, Any]:
    """Return a goal with its progress, what is left and the monthly amount still needed."""
    reader = reader or Reader(table)
    ccy, this_month = item["currency"], today.isoformat()[:7]
    accts = reader.accounts()
    if item.get("account"):
        account = accts.get(item["account"]) or {}
        saved = Decimal(account.get("opening_balance", 0)) + Decimal(account.get("balance", 0))
    else:
        saved = amounts.ZERO
        for rows in reader.month_rows(month_range(item["start"], this_month)).values():
            for row in rows:
                acct = accts.get(row["account"])
                if row["category"] == item["category"] and acct and acct["currency"] == ccy:
                    saved -= Decimal(row.get("sum", 0))
    target = Decimal(item["target"])
    missing = max(target - saved, amounts.ZERO)
    months_left = months_between(this_month, item["by"][:7])
    if missing and months_left:
        monthly = (missing / months_left).quantize(amounts.quantum(ccy), rounding=ROUND_CEILING)
    else:
        monthly = missing
    percent = min(saved / target * 100, Decimal(100)) if saved > 0 else amounts.ZERO
    return {
        **public(item),
        "saved": amounts.text(saved, ccy),
        "left": amounts.text(missing, ccy),
        "percent": format(percent.quantize(Decimal("0.1")), "f"),
        "months_left": months_left,
        "monthly_needed": amounts.text(monthly, ccy),
        "reached": saved >= target,
    }
