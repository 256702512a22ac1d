"""Equipment (shoes, bikes): its details here; its totals move only with its workouts.

``distance_m``, ``duration_s`` and ``workouts`` are changed by the workouts'
own transactions (``store``), never here: an edit of the name cannot undo a
run. Gear that workouts still name cannot be deleted (retire it instead), so
no workout ever points at gear that is gone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from ..errors import ApiError, NotFound
from ..events.store import Refused, delete, transact
from ..storage import GSI1, Table
from ..validation import Field
from . import keys
from .store import VersionConflict

KINDS = "(?:shoes|bike|other)"
GEAR_FIELDS = {
    "name": Field(max_length=80, single_line=True, description="e.g. 'Trail shoes'."),
    "kind": Field(
        required=False,
        pattern=KINDS,
        pattern_message="Must be shoes, bike or other.",
        default="other",
    ),
    "retired": Field(type=bool, required=False, default=False, description="No longer used."),
    "notes": Field(required=False, max_length=1000),
}
EDIT_FIELDS = {
    **{name: replace(f, required=False, default=None) for name, f in GEAR_FIELDS.items()},
    "version": Field(
        type=int, minimum=1, maximum=10**9, description="The version you read (409 if stale)."
    ),
}


class GearInUse(ApiError):
    status, code = 409, "gear_in_use"
    message = "Workouts still name this gear: retire it instead, or change those workouts."


def missing(gear_id: str) -> NotFound:
    """Say that no gear has this id."""
    return NotFound(f"No gear with id {gear_id!r}.")


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe gear for the owner, with its totals."""
    return {
        "id": item["id"],
        "name": item["name"],
        "kind": item.get("kind", "other"),
        "retired": bool(item.get("retired")),
        "notes": item.get("notes", ""),
        "distance_m": int(item.get("distance_m", 0)),
        "duration_s": int(item.get("duration_s", 0)),
        "workouts": int(item.get("workouts", 0)),
        "version": int(item["version"]),
    }


def create(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Store a new piece of gear with zero totals."""
    gear_id = keys.new_id()
    now = keys.utc_stamp(datetime.now(UTC))
    item = {
        "pk": keys.gear_pk(gear_id),
        "sk": keys.META,
        "gsi1pk": keys.GEARS,
        "gsi1sk": gear_id,
        "id": gear_id,
        "name": fields["name"],
        "kind": fields.get("kind") or "other",
        "retired": bool(fields.get("retired")),
        "notes": fields.get("notes") or "",
        "distance_m": 0,
        "duration_s": 0,
        "workouts": 0,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    table.put_new(item)
    return item


def get(table: Table, gear_id: str) -> dict[str, Any] | None:
    """Return a piece of gear (strongly consistent), or None."""
    return table.get(keys.gear_pk(gear_id), keys.META)


def every(table: Table) -> list[dict[str, Any]]:
    """Return all gear (GSI1)."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("gsi1pk", keys.GEARS, index=GSI1, sort_key="gsi1sk", start=start)
        found.extend(items)
        if not start:
            return sorted(found, key=lambda g: (bool(g.get("retired")), g["name"].casefold()))


def edit(table: Table, gear_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Change a gear's details if its version is still ``fields['version']``."""
    names = [n for n in ("name", "kind", "retired", "notes") if n in fields]
    sets = [f"#{n} = :{n}" for n in names]
    values = {f":{n}": fields[n] for n in names}
    now = keys.utc_stamp(datetime.now(UTC))
    from .. import storage

    action = storage.update(
        keys.gear_pk(gear_id),
        keys.META,
        "SET " + ", ".join([*sets, "#updated_at = :now", "#version = #version + :one"]),
        {**values, ":now": now, ":one": 1, ":v": fields["version"]},
        names={"#pk": "pk", "#version": "version", "#updated_at": "updated_at"}
        | {f"#{n}": n for n in names},
        condition="attribute_exists(#pk) AND #version = :v",
    )
    try:
        transact(table, [action])
    except Refused as exc:
        if exc.items.get(0) is None:
            raise missing(gear_id) from exc
        raise VersionConflict() from exc
    item = get(table, gear_id)
    if item is None:
        raise missing(gear_id)
    return item


def remove(table: Table, gear_id: str) -> None:
    """Delete gear that no workout names (GearInUse otherwise)."""
    try:
        transact(
            table,
            [
                delete(
                    keys.gear_pk(gear_id),
                    keys.META,
                    when=["attribute_exists(#pk)", "#workouts = :zero"],
                    values={":zero": 0},
                )
            ],
        )
    except Refused as exc:
        if exc.items.get(0) is None:
            raise missing(gear_id) from exc
        raise GearInUse() from exc
