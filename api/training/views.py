"""Owner endpoints for workouts: list a year, log, show, edit, delete, the track.

Thin: they check the request and call ``store``, which keeps the gear totals
in the same transaction. Writes take an ``Idempotency-Key`` (offline replays
store once).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..auth import require_owner
from ..body import read_body
from ..idempotency import idempotent
from ..routing import id_converter, use_converter
from ..services import current
from ..validation import Field, validate_query
from . import keys

bp = Blueprint("workouts", __name__)
WorkoutId = id_converter("workout_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
use_converter(bp, "workout_id", WorkoutId)
bp.before_request(require_owner)

YEAR_QUERY = {
    "year": Field(
        type=int, required=False, minimum=1900, maximum=2999, description="Default: now."
    ),
    "sport": Field(required=False, pattern=keys.SPORT_PATTERN, description="Only this sport."),
}
DELETE_QUERY = {
    "version": Field(
        type=int, required=False, minimum=1, maximum=10**9, description="409 if it changed."
    ),
}


def describe(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a workout for the owner (weights as strings, times as numbers)."""
    from .numbers import plain, text

    shown: dict[str, Any] = {"id": item["id"]}
    for name in ("sport", "title", "start", "day", "duration_s", "distance_m", "ascent_m"):
        shown[name] = plain(item.get(name, "" if name == "title" else 0))
    for name in ("rpe", "avg_hr"):
        shown[name] = plain(item[name]) if item.get(name) is not None else None
    shown.update(
        notes=item.get("notes", ""),
        visibility=item.get("visibility", keys.PRIVATE),
        equipment=list(item.get("equipment", [])),
        splits=[plain(s) for s in item.get("splits", [])],
        exercises=[
            {
                "name": e["name"],
                "sets": [
                    {"reps": int(s["reps"]), "weight_kg": text(Decimal(s["weight_kg"]))}
                    for s in e["sets"]
                ],
            }
            for e in item.get("exercises", [])
        ],
        has_track=bool(item.get("has_track")),
        version=int(item["version"]),
        created_at=item.get("created_at"),
        updated_at=item.get("updated_at"),
    )
    return shown


def _found(workout_id: str) -> dict[str, Any]:
    from . import store

    item = store.get(current().table, workout_id)
    if item is None:
        raise store.missing(workout_id)
    return item


@bp.get("/training/workouts")
def list_workouts() -> Response:
    """List a year's workouts, newest first."""
    from . import store

    query = validate_query(request.args, YEAR_QUERY)
    year = query.get("year") or datetime.now(UTC).year
    items = store.in_year(current().table, year)
    if query["sport"]:
        items = [i for i in items if i["sport"] == query["sport"]]
    return jsonify(ok=True, year=year, workouts=[describe(i) for i in reversed(items)])


@bp.post("/training/workouts")
@idempotent
def create_workout() -> tuple[Response, int]:
    """Log a workout (its gear's totals change with it)."""
    from . import store
    from .fields import clean_workout, without_nulls

    # The document gives no field of a new workout a null (a change may send one).
    item = store.create(current().table, without_nulls(read_body()[0], clean_workout))
    return jsonify(ok=True, workout=describe(item)), 201


@bp.get("/training/workouts/<workout_id:workout_id>")
def get_workout(workout_id: str) -> Response:
    """Show one workout."""
    return jsonify(ok=True, workout=describe(_found(workout_id)))


@bp.patch("/training/workouts/<workout_id:workout_id>")
@idempotent
def edit_workout(workout_id: str) -> Response:
    """Change a workout: send the fields to change and the version read."""
    from . import store
    from .fields import check_change, clean_workout

    data = read_body()[0]
    check_change(data)  # what was sent is checked before the workout is looked up
    old = _found(workout_id)
    merged = {k: v for k, v in describe(old).items() if k in _EDITABLE}
    merged.update(data)
    merged = {k: v for k, v in merged.items() if v is not None}
    item = store.edit(current().table, old, clean_workout(merged, edit=True))
    return jsonify(ok=True, workout=describe(item))


_EDITABLE = (
    "sport",
    "title",
    "start",
    "duration_s",
    "distance_m",
    "ascent_m",
    "rpe",
    "avg_hr",
    "notes",
    "visibility",
    "equipment",
    "splits",
    "exercises",
)


@bp.delete("/training/workouts/<workout_id:workout_id>")
@idempotent
def delete_workout(workout_id: str) -> Response:
    """Delete a workout (its track too; its gear's totals go down)."""
    from . import store

    query = validate_query(request.args, DELETE_QUERY)
    store.remove(current().table, _found(workout_id), query.get("version"))
    return jsonify(ok=True, deleted=workout_id)


@bp.get("/training/workouts/<workout_id:workout_id>/track")
def workout_track(workout_id: str) -> Response:
    """Show a workout's whole stored track (the owner's; privacy zones not applied)."""
    from . import store
    from .numbers import plain

    _found(workout_id)
    points = store.track(current().table, workout_id)
    return jsonify(ok=True, track=[[plain(p[0]), plain(p[1])] for p in points])
