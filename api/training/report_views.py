"""Owner reports: records, streaks, totals per week or month, and the dashboard's summary."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, jsonify, request

from ..auth import require_owner
from ..services import current
from ..validation import Field, validate_query
from . import keys

bp = Blueprint("training_reports", __name__)
bp.before_request(require_owner)

TOTALS_QUERY = {
    "period": Field(
        required=False,
        pattern="(?:week|month|year)",
        pattern_message="Must be week, month or year.",
        default="week",
    ),
    "sport": Field(required=False, pattern=keys.SPORT_PATTERN, description="Only this sport."),
    "from": Field(required=False, pattern=keys.DATE_PATTERN, description="First day counted."),
    "to": Field(required=False, pattern=keys.DATE_PATTERN, description="Last day counted."),
}


@bp.get("/training/records")
def get_records() -> Response:
    """Show the records of every sport and the estimated one-rep max of every lift."""
    from . import digest, records

    return jsonify(ok=True, **records.all_records(digest.every(current().table)))


@bp.get("/training/streaks")
def get_streaks() -> Response:
    """Show the current and longest streaks of days and weeks with a workout."""
    from . import digest, stats

    today = datetime.now(UTC).date()
    return jsonify(
        ok=True, today=today.isoformat(), **stats.streaks(digest.every(current().table), today)
    )


@bp.get("/training/totals")
def get_totals() -> Response:
    """Show totals per week, month or year (periods with workouts), oldest first."""
    from . import digest, stats

    query = validate_query(request.args, TOTALS_QUERY)
    workouts = digest.every(current().table)
    first, last = query["from"] or "0000-01-01", query["to"] or "9999-12-31"
    workouts = [w for w in workouts if first <= w["day"] <= last]
    found = stats.totals(workouts, query["period"], query["sport"] or None)
    return jsonify(ok=True, period=query["period"], totals=found)


@bp.get("/training/dashboard")
def dashboard() -> Response:
    """Summarise for the dashboard: this week and month, streaks, goals, recent workouts."""
    from . import body, digest, goal_store, records, stats, store
    from .log_views import goals_with_progress
    from .views import describe

    table = current().table
    today = datetime.now(UTC).date()
    workouts = digest.every(table)
    periods = {}
    for period in ("week", "month", "year"):
        first, last = stats.period_bounds(today, period)
        total = stats.empty_total()
        for workout in stats.between(workouts, first, last):
            stats.add(total, workout)
        periods[period] = {"from": first.isoformat(), "to": last.isoformat(), **total}
    weight = body.latest(table, today.year)
    response = jsonify(
        ok=True,
        today=today.isoformat(),
        totals=periods,
        streaks=stats.streaks(workouts, today),
        goals=goals_with_progress(goal_store.every(table), workouts),
        recent=[describe(w) for w in store.newest(table, 5)],
        records=records.all_records(workouts),
        weight=body.public(weight) if weight else None,
    )
    response.headers["Cache-Control"] = "no-cache"
    return response
