"""Owner endpoints for body weight, goals (with progress) and the settings (privacy zones)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..auth import require_owner
from ..body import read_body
from ..errors import NotFound
from ..idempotency import idempotent
from ..routing import id_converter, use_converter
from ..services import current
from ..validation import validate, validate_query
from . import keys
from .views import YEAR_QUERY

bp = Blueprint("training_log", __name__)
GoalId = id_converter("goal_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
Day = id_converter("day", keys.DATE_PATTERN, "2026-12-07")
use_converter(bp, "goal_id", GoalId)
use_converter(bp, "day", Day)
bp.before_request(require_owner)


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise NotFound(f"{text} is not a date.") from None


@bp.get("/training/body")
def list_body() -> Response:
    """List a year's body weights, oldest first."""
    from . import body

    query = validate_query(request.args, {"year": YEAR_QUERY["year"]})
    year = query.get("year") or datetime.now(UTC).year
    items = body.in_year(current().table, year)
    return jsonify(ok=True, year=year, weights=[body.public(i) for i in items])


@bp.put("/training/body/<day:day>")
@idempotent
def put_body(day: str) -> Response:
    """Log (or replace) the body weight of a day."""
    from . import body
    from .fields import without_nulls

    item = body.put(current().table, _day(day), without_nulls(read_body()[0], body.clean))
    return jsonify(ok=True, weight=body.public(item))


@bp.delete("/training/body/<day:day>")
@idempotent
def delete_body(day: str) -> Response:
    """Delete the body weight of a day."""
    from . import body

    if not body.remove(current().table, _day(day)):
        raise NotFound(f"No weight logged on {day}.")
    return jsonify(ok=True, deleted=day)


def goals_with_progress(goal_items: list[dict[str, Any]], workouts: list[dict[str, Any]]) -> list:
    """Describe goals with their progress today."""
    from . import goals

    today = datetime.now(UTC).date()
    return [{**goals.public(g), "progress": goals.progress(g, workouts, today)} for g in goal_items]


@bp.get("/training/goals")
def list_goals() -> Response:
    """List the goals with their progress and what is left per week."""
    from . import digest, goal_store

    table = current().table
    shown = goals_with_progress(goal_store.every(table), digest.every(table))
    return jsonify(ok=True, goals=shown)


@bp.post("/training/goals")
@idempotent
def create_goal() -> tuple[Response, int]:
    """Set a goal."""
    from . import digest, goal_store
    from .fields import without_nulls

    table = current().table
    fields = without_nulls(read_body()[0], lambda data: validate(data, goal_store.GOAL_FIELDS))
    item = goal_store.create(table, fields)
    return jsonify(ok=True, goal=goals_with_progress([item], digest.every(table))[0]), 201


@bp.patch("/training/goals/<goal_id:goal_id>")
@idempotent
def edit_goal(goal_id: str) -> Response:
    """Change a goal: the fields to change and the version read."""
    from . import digest, goal_store
    from .fields import without_nulls

    table = current().table
    data = read_body()[0]
    fields = without_nulls(data, lambda sent: validate(sent, goal_store.EDIT_FIELDS))
    old = goal_store.get(table, goal_id)
    if old is None:
        raise goal_store.missing(goal_id)
    item = goal_store.edit(table, old, {k: v for k, v in fields.items() if k in data})
    return jsonify(ok=True, goal=goals_with_progress([item], digest.every(table))[0])


@bp.delete("/training/goals/<goal_id:goal_id>")
@idempotent
def delete_goal(goal_id: str) -> Response:
    """Delete a goal."""
    from . import goal_store

    goal_store.remove(current().table, goal_id)
    return jsonify(ok=True, deleted=goal_id)


@bp.get("/training/settings")
def get_settings() -> Response:
    """Show the privacy zones and which records are public."""
    from . import options

    return jsonify(ok=True, settings=options.public(options.read(current().table)))


@bp.put("/training/settings")
@idempotent
def put_settings() -> Response:
    """Replace the privacy zones and the public records (with the version read)."""
    from . import options

    saved = options.write(current().table, options.clean(read_body()[0]))
    return jsonify(ok=True, settings=options.public(saved))
