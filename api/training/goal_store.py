"""Goals in the table: create, list, edit (with ``version``), delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..errors import InvalidFields, NotFound
from ..events.store import Refused, delete, put, transact
from ..storage import GSI1, Table
from ..validation import Field
from . import goals, keys
from .numbers import WEIGHT_PATTERN, decimal
from .store import VersionConflict

GOAL_FIELDS = {
    "kind": Field(
        pattern="(?:distance|duration|count|lift|event)",
        pattern_message="Must be distance, duration, count, lift or event.",
    ),
    "name": Field(required=False, max_length=100, single_line=True, description="e.g. 'Half'."),
    "period": Field(
        required=False,
        pattern="(?:week|month|year)",
        pattern_message="Must be week, month or year.",
        description="distance, duration, count: the period the target is for.",
    ),
    "sport": Field(required=False, pattern=keys.SPORT_PATTERN, description="Only this sport."),
    "target": Field(
        type=int,
        required=False,
        minimum=1,
        maximum=100_000_000,
        description="Metres, seconds or workouts per period.",
    ),
    "exercise": Field(required=False, max_length=60, single_line=True, description="lift"),
    "target_kg": Field(
        required=False,
        pattern=WEIGHT_PATTERN,
        pattern_message="Must be kilograms like 120 or 122.5 (2 decimals at most).",
        description="lift: kilograms as text, '122.5'.",
    ),
    "date": Field(
        required=False,
        pattern=keys.DATE_PATTERN,
        pattern_message="Must be a day like 2027-04-12.",
        format="date",  # a real day: 2027-02-30 matches the pattern and is refused
        description="event: its day; lift: reach it by",
    ),
    "since": Field(
        required=False,
        pattern=keys.DATE_PATTERN,
        pattern_message="Must be a day like 2027-04-12.",
        format="date",  # a real day: 2027-02-30 matches the pattern and is refused
        description="event: count workouts from this day (default: the day it was set)",
    ),
    "distance_m": Field(type=int, required=False, minimum=1, maximum=2_000_000),
    "public": Field(type=bool, required=False, default=False, description="Shown on the site."),
}
EDIT_FIELDS = {
    **{n: replace(f, required=False, default=None) for n, f in GOAL_FIELDS.items()},
    "version": Field(
        type=int, minimum=1, maximum=10**9, description="The version you read (409 if stale)."
    ),
}


def missing(goal_id: str) -> NotFound:
    """Say that no goal has this id."""
    return NotFound(f"No goal with id {goal_id!r}.")


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    problems = goals.check(fields)
    if fields.get("target_kg") not in (None, ""):
        weight = decimal(fields["target_kg"], places=2, low=Decimal(0), high=Decimal("9999.99"))
        if weight is None:
            problems["target_kg"] = "Must be kilograms from 0 to 9999.99, at most 2 decimals."
        else:
            fields["target_kg"] = weight
    if problems:
        raise InvalidFields(fields=problems)
    return {k: v for k, v in fields.items() if v not in (None, "")}


def create(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Store a new goal."""
    goal_id = keys.new_id()
    now = keys.utc_stamp(datetime.now(UTC))
    item = {
        **_checked(dict(fields)),
        "pk": keys.goal_pk(goal_id),
        "sk": keys.META,
        "gsi1pk": keys.GOALS,
        "gsi1sk": goal_id,
        "id": goal_id,
        "public": bool(fields.get("public")),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    table.put_new(item)
    return item


def get(table: Table, goal_id: str) -> dict[str, Any] | None:
    """Return a goal, or None."""
    return table.get(keys.goal_pk(goal_id), keys.META)


def every(table: Table) -> list[dict[str, Any]]:
    """Return every goal, oldest first (GSI1)."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("gsi1pk", keys.GOALS, index=GSI1, sort_key="gsi1sk", start=start)
        found.extend(items)
        if not start:
            return sorted(found, key=lambda g: (g["created_at"], g["id"]))


def edit(table: Table, old: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Apply ``changes`` to goal ``old`` if its version is still ``changes['version']``."""
    if int(old["version"]) != changes["version"]:
        raise VersionConflict()
    kept = {k: v for k, v in old.items() if k not in GOAL_FIELDS}
    merged = {k: old.get(k) for k in GOAL_FIELDS}
    merged.update({k: v for k, v in changes.items() if k != "version"})
    item = {**_checked(merged), **kept}
    item["public"] = bool(merged.get("public"))
    item["version"] = int(old["version"]) + 1
    item["updated_at"] = keys.utc_stamp(datetime.now(UTC))
    try:
        transact(table, [put(item, when=["#version = :v"], values={":v": old["version"]})])
    except Refused as exc:
        raise VersionConflict() from exc
    return item


def remove(table: Table, goal_id: str) -> None:
    """Delete a goal (NotFound if there is none)."""
    try:
        transact(table, [delete(keys.goal_pk(goal_id), keys.META, when=["attribute_exists(#pk)"])])
    except Refused as exc:
        raise missing(goal_id) from exc
