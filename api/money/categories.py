"""Categories, each in a group ("Food" in "Living"), for lines, budgets and reports.

A deleted category's lines keep its id; reports show them under that id with
the name "(deleted category)".
"""

from __future__ import annotations

from typing import Any

from ..events.store import Refused, transact
from ..events.store import delete as remove
from ..storage import ConditionFailed, Table
from . import keys, store
from .accounts import Conflict, now
from .fields import GROUP, NAME, Problems, body_object, version

KINDS = ("expense", "income")
FIELDS = {"name", "group", "kind", "version"}
DELETED = "(deleted category)"
NAMES = {keys.UNCATEGORISED: "Uncategorised", keys.TRANSFER: "Transfers"}


def every(table: Table) -> list[dict[str, Any]]:
    """Return every category, by group then name."""
    return store.index(table, keys.CATEGORY_INDEX)


def by_id(table: Table) -> dict[str, dict[str, Any]]:
    """Return every category by id."""
    return {c["id"]: c for c in every(table)}


def get(table: Table, category: str) -> dict[str, Any] | None:
    """Return one category, or None."""
    return table.get(keys.category_pk(category), keys.META)


def name_of(categories: dict[str, dict[str, Any]], category: str) -> str:
    """Return a category's name for reports (also for the uncategorised and transfers)."""
    if category in NAMES:
        return NAMES[category]
    found = categories.get(category)
    return found["name"] if found else DELETED


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a category for clients."""
    return {
        "id": item["id"],
        "name": item["name"],
        "group": item["group"],
        "kind": item["kind"],
        "version": int(item["version"]),
    }


def _check(data: Any, old: dict[str, Any] | None, *, form_only: bool = False) -> dict[str, Any]:
    """Check a category's body (``form_only``: an edit of one that does not exist)."""
    data = body_object(data)
    p = Problems()
    editing = old is not None or form_only
    p.unknown(data, FIELDS if editing else FIELDS - {"version"})
    if not editing:
        p.required(data, "name")
    clean: dict[str, Any] = {}
    if editing:
        clean["version"] = version(data, p)
    for name, spec in (("name", NAME), ("group", GROUP)):
        if (value := p.text(data, name, spec)) is not None:
            clean[name] = value
    if "kind" in data:
        if data["kind"] in KINDS:
            clean["kind"] = data["kind"]
        else:
            p.add("kind", "Must be expense or income.")
    p.raise_any()
    return clean


def _index_key(item: dict[str, Any]) -> str:
    return f"{item['group'].casefold()}#{item['name'].casefold()}#{item['id']}"


def create(table: Table, data: Any) -> dict[str, Any]:
    """Add a category from a request body."""
    clean = _check(data, None)
    category, stamp = keys.new_id(), now()
    item = {
        "pk": keys.category_pk(category),
        "sk": keys.META,
        "gsi1pk": keys.CATEGORY_INDEX,
        "id": category,
        "group": "",
        "kind": "expense",
        **clean,
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
    }
    item["gsi1sk"] = _index_key(item)
    table.put_new(item)
    return item


def edit(table: Table, category: str, data: Any) -> dict[str, Any] | None:
    """Rename a category, move it to another group or change its kind."""
    old = get(table, category)
    if old is None:
        _check(data, None, form_only=True)  # a wrong body is 422, found or not
        return None
    clean = _check(data, old)
    if clean.pop("version") != old["version"]:
        raise Conflict(old)
    sets = {**clean, "updated_at": now(), "version": old["version"] + 1}
    sets["gsi1sk"] = _index_key({**old, **sets})
    try:
        return table.update(
            keys.category_pk(category),
            keys.META,
            "SET " + ", ".join(f"#{k} = :{k}" for k in sets),
            {**{f":{k}": v for k, v in sets.items()}, ":v": old["version"]},
            names={**{f"#{k}": k for k in sets}, "#version": "version"},
            condition="#version = :v",
        )
    except ConditionFailed as exc:
        raise Conflict(get(table, category)) from exc


def delete(table: Table, category: str, expected: int) -> bool:
    """Delete a category at version ``expected`` (its lines keep the id)."""
    old = get(table, category)
    if old is None:
        return False
    if old["version"] != expected:
        raise Conflict(old)
    action = remove(
        keys.category_pk(category), keys.META, when=["#version = :v"], values={":v": expected}
    )
    try:
        transact(table, [action])
    except Refused as exc:
        raise Conflict(get(table, category)) from exc
    return True
