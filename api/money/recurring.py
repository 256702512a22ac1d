"""Recurring transactions (rent, salary): a schedule, and a job that makes each one once.

``RECUR#<id>`` / ``META`` (GSI1 ``MONEY#RECURRING`` / ``<id>``) holds the
transaction to make (account, amount, payee, category, notes) and the schedule:
``every`` ``month`` on ``day`` N (the 31st is the last day of a short month),
``week`` on ``weekday`` (0 = Monday), or ``year`` on ``month``/``day``; from
``start`` until ``end`` (optional). Periods are named ``2026-11``, ``2026-W47``
and ``2026``.

:func:`run` makes every occurrence due up to today, so a job that did not run
for a while catches up. Each (definition, period) is claimed first with a
conditional put of ``RECURDONE#<id>`` / ``<period>``; only the run that wins
the claim writes the transaction, whose id is derived from the pair, so even a
crash between claim and write is finished by the next run and never doubles.
A transaction the owner deletes later stays deleted: its claim says ``done``.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..storage import ConditionFailed, Table
from ..validation import Field
from . import accounts, amounts, categories, keys, store
from .fields import NOTES, PAYEE, Problems, body_object, version

INDEX = "MONEY#RECURRING"
EVERY = ("month", "week", "year")
FIELDS = {"account", "amount", "payee", "category", "notes", "every", "day", "weekday"}
FIELDS |= {"month", "start", "end", "active"}
NAME = Field(required=False, max_length=100, single_line=True)
MAX_CATCH_UP = 400  # occurrences per definition and run: years of weekly rent


def recur_pk(recurring: str) -> str:
    """Return the partition of a definition."""
    return f"RECUR#{recurring}"


def done_pk(recurring: str) -> str:
    """Return the partition of a definition's claimed periods."""
    return f"RECURDONE#{recurring}"


def txn_id(recurring: str, period: str) -> str:
    """Return the id of the transaction a definition makes for a period (always the same)."""
    return "r" + hashlib.sha256(f"{recurring}|{period}".encode()).hexdigest()[:23]


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrences(rule: dict[str, Any], until: date) -> list[tuple[str, date]]:
    """Return every (period, date) the schedule has from its start up to ``until``."""
    start = date.fromisoformat(rule["start"])
    end = date.fromisoformat(rule["end"]) if rule.get("end") else None
    last = min(until, end) if end else until
    out: list[tuple[str, date]] = []
    every = rule["every"]
    if every == "month":
        year, month = start.year, start.month
        while len(out) < MAX_CATCH_UP:
            due = _clamped(year, month, int(rule["day"]))
            if due > last:
                break
            if due >= start:
                out.append((f"{year:04d}-{month:02d}", due))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif every == "week":
        due = start - timedelta(days=start.weekday()) + timedelta(days=int(rule["weekday"]))
        due = due if due >= start else due + timedelta(days=7)
        while due <= last and len(out) < MAX_CATCH_UP:
            iso = due.isocalendar()
            out.append((f"{iso.year:04d}-W{iso.week:02d}", due))
            due += timedelta(days=7)
    else:
        year = start.year
        while len(out) < MAX_CATCH_UP:
            due = _clamped(year, int(rule["month"]), int(rule["day"]))
            if due > last:
                break
            if due >= start:
                out.append((f"{year:04d}", due))
            year += 1
    return out


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a definition for clients, its amount as a string."""
    out = {k: item.get(k) for k in ("id", "account", "payee", "category", "notes", "every")}
    out["amount"] = amounts.text(item["amount"], item["currency"])
    out["currency"] = item["currency"]
    for name in ("day", "weekday", "month"):
        if item.get(name) is not None:
            out[name] = int(item[name])
    out.update(start=item["start"], end=item.get("end", ""), active=bool(item.get("active")))
    out["last_period"] = item.get("last_period", "")
    out["version"] = int(item.get("version", 1))
    return out


def _int(p: Problems, data: dict, name: str, low: int, high: int) -> int | None:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        p.add(name, f"Must be a whole number from {low} to {high}.")
        return None
    return value


def check(table: Table, data: Any, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return a definition's cleaned fields from a request body, or raise every problem."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, FIELDS if old is None else FIELDS | {"version"})
    if old is None:
        p.required(data, "account", "amount", "every", "start")
    clean: dict[str, Any] = {}
    if old is not None:
        clean["version"] = version(data, p)
    every_account = accounts.by_id(table) if "account" in data else {}
    account = p.ident(data, "account", set(every_account))
    if account:
        clean["account"], clean["currency"] = account, every_account[account]["currency"]
    currency = clean.get("currency") or (old or {}).get("currency")
    if "amount" in data and not currency:
        p.amount(data, "amount", "CLF")  # its form at least (CLF: the most decimals)
    elif currency and ("amount" in data or "account" in clean and old):
        raw = data.get("amount", amounts.text(old["amount"], currency) if old else None)
        clean["amount"] = p.amount({"amount": raw}, "amount", currency)
    if "category" in data:
        clean["category"] = p.ident(data, "category", set(categories.by_id(table)))
    for name, spec in (("payee", PAYEE), ("notes", NOTES)):
        if (value := p.text(data, name, spec)) is not None:
            clean[name] = value
    for name in ("start", "end"):
        if data.get(name) == "" and name == "end":
            clean["end"] = ""
        elif (day := p.date(data, name)) is not None:
            clean[name] = day
    if "every" in data:
        if data["every"] in EVERY:
            clean["every"] = data["every"]
        else:
            p.add("every", "Must be month, week or year.")
    if "active" in data:
        if isinstance(data["active"], bool):
            clean["active"] = data["active"]
        else:
            p.add("active", "Must be true or false.")
    merged = {**(old or {}), **clean}
    needs = {"month": ("day",), "week": ("weekday",), "year": ("month", "day")}
    limits = {"day": (1, 31), "weekday": (0, 6), "month": (1, 12)}
    for name, (low, high) in limits.items():
        if name in data:
            clean[name] = _int(p, data, name, low, high)
    for name in needs.get(merged.get("every"), ()):
        if name not in data and merged.get(name) is None:
            p.add(name, f"Required when every is {merged['every']}.")
    if merged.get("end") and merged.get("start") and merged["end"] < merged["start"]:
        p.add("end", "Must not be before start.")
    p.raise_any()
    return clean


def create(table: Table, data: Any) -> dict[str, Any]:
    """Store a new definition (active) from a request body."""
    clean = check(table, data)
    recurring = keys.new_id()
    item = {
        "pk": recur_pk(recurring),
        "sk": keys.META,
        "gsi1pk": INDEX,
        "gsi1sk": recurring,
        "id": recurring,
        "payee": "",
        "category": "",
        "notes": "",
        "end": "",
        "active": True,
        **clean,
        "version": 1,
        "created_at": accounts.now(),
    }
    table.put_new(item)
    return item


def get(table: Table, recurring: str) -> dict[str, Any] | None:
    """Return a definition, or None."""
    return table.get(recur_pk(recurring), keys.META) if keys.is_id(recurring) else None


def edit(table: Table, recurring: str, data: Any) -> dict[str, Any] | None:
    """Change a definition (its periods already made stay made)."""
    old = get(table, recurring)
    clean = check(table, data, old or {})  # a bad body is 422 even for one that is gone
    if old is None:
        return None
    from .rules import save_version

    # The schedule may have changed: look at every period again (the claims still hold).
    return save_version(table, {k: v for k, v in old.items() if k != "last_period"}, clean)


def delete(table: Table, recurring: str) -> bool:
    """Delete a definition (the transactions it made stay); False if there was none."""
    return keys.is_id(recurring) and table.delete(recur_pk(recurring), keys.META) is not None


def every(table: Table) -> list[dict[str, Any]]:
    """Return every definition."""
    return store.index(table, INDEX)


def _transaction(rule: dict[str, Any], period: str, due: date, stamp: str) -> dict[str, Any]:
    from .transactions import _new

    fields = {
        "date": due.isoformat(),
        "account": rule["account"],
        "currency": rule["currency"],
        "amount": amounts.exact(rule["amount"], rule["currency"]),
        "payee": rule.get("payee", ""),
        "category": rule.get("category", ""),
        "notes": rule.get("notes", ""),
        "recurring_id": rule["id"],
        "updated_at": stamp,
    }
    return {**_new(fields, stamp), "id": txn_id(rule["id"], period)}


def _make(table: Table, rule: dict[str, Any], period: str, due: date, stamp: str) -> str:
    """Make one occurrence; return what happened (made, done already, or finished)."""
    claim = {"pk": done_pk(rule["id"]), "sk": period, "state": "claimed", "at": stamp}
    try:
        table.put_new(claim)
    except ConditionFailed:
        held = table.get(done_pk(rule["id"]), period) or {}
        if held.get("state") == "done" or store.get(table, txn_id(rule["id"], period)):
            return "already"
        # A run that crashed after its claim: finish its work (same id, so once only).
    try:
        store.replace(table, [], [_transaction(rule, period, due, stamp)])
        outcome = "made"
    except store.Stale:
        outcome = "already"  # made meanwhile by a run that raced this one
    table.update(
        done_pk(rule["id"]), period, "SET #state = :d", {":d": "done"}, names={"#state": "state"}
    )
    return outcome


def run(table: Table, today: date) -> dict[str, int]:
    """Make every occurrence due up to ``today`` of every active definition; return counts."""
    counts = {"made": 0, "already": 0, "definitions": 0, "no_account": 0}
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    known = set(accounts.by_id(table))
    for rule in every(table):
        if not rule.get("active", True):
            continue
        if rule["account"] not in known:
            counts["no_account"] += 1  # its account was closed: nothing to book it on
            continue
        counts["definitions"] += 1
        after = rule.get("last_period", "")
        for period, due in occurrences(rule, today):
            if after and period <= after:
                continue  # made in an earlier run: no need to look again
            counts[_make(table, rule, period, due, stamp)] += 1
            after = period
        if after and after != rule.get("last_period", ""):
            with contextlib.suppress(ConditionFailed):  # deleted meanwhile
                table.update(
                    rule["pk"],
                    rule["sk"],
                    "SET last_period = :p",
                    {":p": after},
                    names={"#pk": "pk"},
                    condition="attribute_exists(#pk)",
                )
    return counts
