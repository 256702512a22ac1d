"""``GET /training/public``: the one public training endpoint, read by the site's build."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, jsonify

from ..services import current

bp = Blueprint("training_public", __name__)


@bp.get("/training/public")
def public_summary() -> Response:
    """Show what the owner made public: year totals, records, goals, workouts with cut tracks."""
    from . import digest, goal_store, options, public, store

    table = current().table
    workouts = digest.every(table)
    tracks = {w: store.track(table, w) for w in public.wanted_tracks(workouts)}
    summary = public.summary(
        workouts, goal_store.every(table), options.read(table), tracks, datetime.now(UTC).date()
    )
    response = jsonify(summary)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
