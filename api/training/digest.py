"""One short row per workout, kept per year, so reports read ten years in one query.

``TDIGEST`` / ``<yyyy>`` holds a map ``w``: workout id -> a compact JSON row
with what the reports need (day, sport, time, distance, ascent, visibility,
title, the workout's fastest 1/5/10 km and best set per lift). Each workout
write changes its row in the same transaction as the workout (``store``), so
the digest always equals the workouts; reports (records, streaks, totals,
goals, the dashboard, the public summary) read the digest instead of every
workout item, which is what keeps them fast with years of workouts.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .. import storage
from ..storage import Table
from . import records

PK = "TDIGEST"
_NAMES = {"#w": "w"}


def year_of(item: dict[str, Any]) -> str:
    """Return the digest's year for a workout item (its local day's year)."""
    return str(item["day"][:4])


def _best_sets(item: dict[str, Any]) -> dict[str, list[Any]]:
    best: dict[str, tuple[Decimal, list[Any]]] = {}
    for exercise in item.get("exercises") or []:
        key = records.lift_key(exercise["name"])
        for one in exercise.get("sets") or []:
            weight = Decimal(one.get("weight_kg") or 0)
            if weight <= 0:
                continue
            estimate = records.epley(weight, int(one["reps"]))
            if key not in best or estimate > best[key][0]:
                best[key] = (estimate, [exercise["name"], str(weight), int(one["reps"])])
    return {key: found for key, (_, found) in best.items()}


def row(item: dict[str, Any]) -> str:
    """Return a workout's digest row."""
    fastest = {}
    for metres in records.FASTEST.values():
        time = records.fastest(item, metres)
        if time is not None:
            fastest[str(metres)] = str(time)
    return json.dumps(
        {
            "d": item["day"],
            "u": item["start_utc"],
            "s": item["sport"],
            "t": int(item["duration_s"]),
            "m": int(item.get("distance_m") or 0),
            "a": int(item.get("ascent_m") or 0),
            "v": item.get("visibility"),
            "k": bool(item.get("has_track")),
            "n": item.get("title") or "",
            "f": fastest,
            "l": _best_sets(item),
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def expand(workout_id: str, text: str) -> dict[str, Any]:
    """Return a digest row as the workout fields the reports read."""
    r = json.loads(text)
    return {
        "id": workout_id,
        "day": r["d"],
        "start_utc": r["u"],
        "sport": r["s"],
        "duration_s": r["t"],
        "distance_m": r["m"],
        "ascent_m": r["a"],
        "visibility": r["v"],
        "has_track": r["k"],
        "title": r["n"],
        "fastest": {int(m): Decimal(t) for m, t in r["f"].items()},
        "exercises": [
            {"name": name, "sets": [{"reps": reps, "weight_kg": Decimal(weight)}]}
            for name, weight, reps in r["l"].values()
        ],
    }


def ensure_year(table: Table, year: str) -> None:
    """Make the year's digest item with an empty map if missing (harmless when repeated)."""
    table.update(PK, year, "SET #w = if_not_exists(#w, :empty)", {":empty": {}}, names=dict(_NAMES))


def put_row(item: dict[str, Any]) -> dict[str, Any]:
    """An update for the workout's transaction: store its row."""
    return storage.update(
        PK,
        year_of(item),
        "SET #w.#id = :row",
        {":row": row(item)},
        names={**_NAMES, "#id": item["id"]},
    )


def remove_row(item: dict[str, Any]) -> dict[str, Any]:
    """An update for the workout's transaction: forget its row."""
    return storage.update(
        PK, year_of(item), "REMOVE #w.#id", {}, names={**_NAMES, "#id": item["id"]}
    )


def every(table: Table) -> list[dict[str, Any]]:
    """Return every workout as the reports read it, oldest first."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = table.query("pk", PK, start=start)
        for year in items:
            found.extend(expand(i, text) for i, text in year.get("w", {}).items())
        if not start:
            return sorted(found, key=lambda w: (w["start_utc"], w["id"]))
