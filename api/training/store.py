"""Workouts: create, edit and delete, each one transaction with the gear's running totals.

Every write is one ``TransactWriteItems``: the workout item, its id pointer,
its track and file hash (imports), and an ``ADD`` to each piece of gear it
names (distance, time, count). An edit sends each piece of gear the
difference between what the workout gave it before and what it gives now; a
delete takes it all back. Either everything changes or nothing does, so a
gear's totals always equal the sum over its workouts. Edits and deletes hold
the ``version`` the caller read: a stale one changes nothing (409).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from .. import storage
from ..errors import ApiError, NotFound
from ..events.store import Refused, delete, put, transact
from ..storage import GSI1, Table
from . import digest, keys

FLAT = ("sport", "title", "start", "duration_s", "distance_m", "ascent_m", "rpe", "avg_hr")
OPTIONAL = ("title", "rpe", "avg_hr")


class VersionConflict(ApiError):
    status, code = 409, "version_conflict"
    message = "Someone changed this meanwhile: read it again and redo your change."


class DuplicateFile(ApiError):
    status, code = 409, "duplicate_file"
    message = "This file was imported already."

    def __init__(self, workout_id: str) -> None:
        super().__init__(f"This file was imported already as workout {workout_id}.")
        self.workout_id = workout_id


def missing(workout_id: str) -> NotFound:
    """Say that no workout has this id."""
    return NotFound(f"No workout with id {workout_id!r}.")


def _unknown_gear(gear_ids: list[str]) -> NotFound:
    message = f"No gear with id {', '.join(gear_ids)}."
    return NotFound(message, fields={"equipment": message})


def _item(fields: dict[str, Any], workout_id: str, now: str, version: int) -> dict[str, Any]:
    start = keys.parse_start(fields["start"])
    start_utc = keys.utc_stamp(start)
    day = fields["start"][:10]  # the owner's local day, as they wrote it
    sk = keys.workout_sk(start_utc, workout_id)
    item: dict[str, Any] = {
        "pk": keys.workout_pk(day[:4]),
        "sk": sk,
        "gsi1pk": keys.WORKOUTS,
        "gsi1sk": sk,
        "id": workout_id,
        "start_utc": start_utc,
        "day": day,
        "notes": fields.get("notes") or "",
        "visibility": fields.get("visibility") or keys.PRIVATE,
        "equipment": list(fields.get("equipment") or []),
        "splits": list(fields.get("splits") or []),
        "exercises": list(fields.get("exercises") or []),
        "version": version,
        "updated_at": now,
    }
    for name in FLAT:
        value = fields.get(name)
        if value not in (None, "") or name not in OPTIONAL:
            item[name] = value if value is not None else 0
    return item


def _gear_deltas(
    old: dict[str, Any] | None, new: dict[str, Any] | None
) -> dict[str, tuple[int, int, int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sign, workout in ((-1, old), (1, new)):
        for gear in (workout or {}).get("equipment", []):
            t = totals[gear]
            t[0] += sign * int(workout["distance_m"])  # type: ignore[index]
            t[1] += sign * int(workout["duration_s"])  # type: ignore[index]
            t[2] += sign
    return {g: (d, s, n) for g, (d, s, n) in totals.items() if (d, s, n) != (0, 0, 0)}


def _gear_updates(deltas: dict[str, tuple[int, int, int]], now: str) -> list[dict[str, Any]]:
    # ADD makes a missing total zero first; the condition refuses gear that does not exist.
    return [
        storage.update(
            keys.gear_pk(gear),
            keys.META,
            "SET #updated_at = :now ADD #distance_m :d, #duration_s :s, #workouts :n",
            {":d": d, ":s": s, ":n": n, ":now": now},
            names={
                "#pk": "pk",
                "#updated_at": "updated_at",
                "#distance_m": "distance_m",
                "#duration_s": "duration_s",
                "#workouts": "workouts",
            },
            condition="attribute_exists(#pk)",
        )
        for gear, (d, s, n) in sorted(deltas.items())
    ]


def _pointer(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": keys.pointer_pk(item["id"]),
        "sk": keys.META,
        "wpk": item["pk"],
        "wsk": item["sk"],
    }


def _run(table: Table, actions: list[dict[str, Any]], roles: list[str], gear: list[str]) -> None:
    """Run the transaction; turn a failed condition into what the caller did wrong."""
    try:
        transact(table, actions)
    except Refused as exc:
        failed = {roles[i] if 0 <= i < len(roles) else "?": found for i, found in exc.items.items()}
        if "filehash" in failed:
            raise DuplicateFile(str((failed["filehash"] or {}).get("workout", "?"))) from exc
        if "workout" in failed or "?" in failed:
            raise VersionConflict() from exc
        unknown = [g for i, g in enumerate(gear) if f"gear{i}" in failed]
        raise _unknown_gear(unknown or gear) from exc


def create(
    table: Table,
    fields: dict[str, Any],
    *,
    track: list[list[Decimal]] | None = None,
    source_hash: str | None = None,
) -> dict[str, Any]:
    """Store a new workout (checked by ``fields.clean_workout``) and add it to its gear.

    ``track`` is a simplified list of ``[lat, lon]`` (at most 2,000 points);
    ``source_hash`` the sha256 of an imported file: the same file twice is
    refused with DuplicateFile naming the first workout.
    """
    now = keys.utc_stamp(datetime.now(UTC))
    item = _item(fields, keys.new_id(), now, 1)
    item["created_at"] = now
    item["has_track"] = bool(track)
    if source_hash:
        item["source_hash"] = source_hash
    actions = [put(item, when=["attribute_not_exists(#pk)"]), put(_pointer(item))]
    roles = ["workout", "pointer"]
    if track:
        actions.append(put(_track_item(item["id"], track)))
        roles.append("track")
    if source_hash:
        hashed = {"pk": keys.filehash_pk(source_hash), "sk": keys.META, "workout": item["id"]}
        actions.append(put(hashed, when=["attribute_not_exists(#pk)"]))
        roles.append("filehash")
    actions.append(digest.put_row(item))
    roles.append("digest")
    deltas = _gear_deltas(None, item)
    gear = sorted(deltas)
    actions += _gear_updates(deltas, now)
    roles += [f"gear{i}" for i in range(len(gear))]
    digest.ensure_year(table, digest.year_of(item))
    _run(table, actions, roles, gear)
    return item


def _track_item(workout_id: str, track: list[list[Decimal]]) -> dict[str, Any]:
    if len(track) > keys.MAX_TRACK_POINTS:
        raise ValueError(f"a stored track holds at most {keys.MAX_TRACK_POINTS} points")
    points = [[Decimal(str(p[0])), Decimal(str(p[1]))] for p in track]
    return {"pk": keys.track_pk(workout_id), "sk": keys.META, "points": points}


def get(table: Table, workout_id: str) -> dict[str, Any] | None:
    """Return the workout with this id (strongly consistent), or None."""
    pointer = table.get(keys.pointer_pk(workout_id), keys.META)
    if pointer is None:
        return None
    return table.get(pointer["wpk"], pointer["wsk"])


def track(table: Table, workout_id: str) -> list[list[Decimal]]:
    """Return a workout's stored track (``[lat, lon]`` points), or an empty list."""
    item = table.get(keys.track_pk(workout_id), keys.META)
    return list(item["points"]) if item else []


def edit(table: Table, old: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Replace workout ``old`` by ``fields`` if its version is still ``fields['version']``."""
    if int(old["version"]) != fields["version"]:
        raise VersionConflict()
    now = keys.utc_stamp(datetime.now(UTC))
    item = _item(fields, old["id"], now, int(old["version"]) + 1)
    for kept in ("created_at", "has_track", "source_hash"):
        if kept in old:
            item[kept] = old[kept]
    same = {":v": old["version"]}
    if (item["pk"], item["sk"]) == (old["pk"], old["sk"]):
        actions = [put(item, when=["#version = :v"], values=same)]
        roles = ["workout"]
    else:  # the start moved: a new key, in one transaction with the old one's removal
        actions = [
            delete(old["pk"], old["sk"], when=["#version = :v"], values=same),
            put(item, when=["attribute_not_exists(#pk)"]),
            put(_pointer(item)),
        ]
        roles = ["workout", "workout", "pointer"]
    if digest.year_of(old) != digest.year_of(item):
        actions.append(digest.remove_row(old))
        roles.append("digest")
    actions.append(digest.put_row(item))
    roles.append("digest")
    digest.ensure_year(table, digest.year_of(item))
    deltas = _gear_deltas(old, item)
    gear = sorted(deltas)
    actions += _gear_updates(deltas, now)
    roles += [f"gear{i}" for i in range(len(gear))]
    _run(table, actions, roles, gear)
    return item


def remove(table: Table, old: dict[str, Any], version: int | None = None) -> None:
    """Delete workout ``old`` (its track, file hash and gear totals too)."""
    if version is not None and int(old["version"]) != version:
        raise VersionConflict()
    now = keys.utc_stamp(datetime.now(UTC))
    actions = [
        delete(old["pk"], old["sk"], when=["#version = :v"], values={":v": old["version"]}),
        delete(keys.pointer_pk(old["id"]), keys.META),
        delete(keys.track_pk(old["id"]), keys.META),
    ]
    roles = ["workout", "pointer", "track"]
    if old.get("source_hash"):
        actions.append(delete(keys.filehash_pk(old["source_hash"]), keys.META))
        roles.append("filehash-delete")
    actions.append(digest.remove_row(old))
    roles.append("digest")
    deltas = _gear_deltas(old, None)
    gear = sorted(deltas)
    actions += _gear_updates(deltas, now)
    roles += [f"gear{i}" for i in range(len(gear))]
    _run(table, actions, roles, gear)


def partition(table: Table, pk: str) -> list[dict[str, Any]]:
    """Return every item of a partition, in sort-key order."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("pk", pk, start=start)
        found.extend(items)
        if not start:
            return found


def in_year(table: Table, year: int) -> list[dict[str, Any]]:
    """Return a year's workouts, oldest first."""
    return partition(table, keys.workout_pk(year))


def newest(table: Table, count: int) -> list[dict[str, Any]]:
    """Return the ``count`` newest workouts, newest first (GSI1)."""
    items, _ = table.query(
        "gsi1pk", keys.WORKOUTS, index=GSI1, sort_key="gsi1sk", newest_first=True, limit=count
    )
    return items


def every(table: Table) -> list[dict[str, Any]]:
    """Return every workout item, oldest first (GSI1; the reports read ``digest`` instead)."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query(
            "gsi1pk", keys.WORKOUTS, index=GSI1, sort_key="gsi1sk", start=start
        )
        found.extend(items)
        if not start:
            return found
