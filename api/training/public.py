"""The public summary the site's build reads: only what the owner made public.

Built from public workouts only: year totals, records (those the owner
marked public, from public workouts, so a private workout never shows
through a record), and the newest public workouts with their tracks cut by
the privacy zones. Goals marked public show their progress. Nothing else:
no notes, heart rate, effort, gear, start times (only days), zones or
private workouts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import goals, keys, privacy, records, stats

SHOWN_WORKOUTS = 20


LABELS = {
    "fastest_1k": ("Fastest 1 km", "s"),
    "fastest_5k": ("Fastest 5 km", "s"),
    "fastest_10k": ("Fastest 10 km", "s"),
    "longest_distance": ("Longest distance", "m"),
    "longest_duration": ("Longest duration", "s"),
    "most_ascent": ("Most ascent", "m"),
}
GOAL_UNITS = {"distance": "m", "duration": "s", "count": "workouts", "lift": "kg", "event": "m"}


def _workout(workout: dict[str, Any], segments: list[list[list[float]]]) -> dict[str, Any]:
    return {
        "id": workout["id"],
        "sport": workout["sport"],
        "title": workout.get("title") or "",
        "date": workout["day"],
        "duration_s": int(workout["duration_s"]),
        "distance_m": int(workout.get("distance_m") or 0),
        "ascent_m": int(workout.get("ascent_m") or 0),
        # One line for a simple map: the longest piece; every piece in `segments`.
        "track": max(segments, key=len) if segments else [],
        "segments": segments,
    }


def _years(workouts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for workout in workouts:
        found.setdefault(workout["day"][:4], []).append(workout)
    years = []
    for year, in_year in sorted(found.items(), reverse=True):
        total = stats.empty_total()
        for workout in in_year:
            stats.add(total, workout)
        years.append({"year": int(year), **total, "by_type": stats.totals_by_sport(in_year)})
    return years


def _records(chosen: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for sport, found in chosen["sports"].items():
        for name, held in found.items():
            label, unit = LABELS[name]
            out.append(
                {
                    "id": f"{sport}:{name}",
                    "kind": name,
                    "label": label,
                    "sport": sport,
                    "value": held["value"],
                    "unit": unit,
                    "date": held["day"],
                    "workout": held["workout"],
                }
            )
    for key, held in chosen["lifts"].items():
        out.append(
            {
                "id": f"lift:{key}",
                "kind": "e1rm",
                "label": f"{held['name']}: estimated 1RM",
                "sport": "strength",
                "value": held["e1rm_kg"],
                "unit": "kg",
                "date": held["day"],
                "workout": held["workout"],
            }
        )
    return out


def _goal(goal: dict[str, Any], workouts: list[dict[str, Any]], today: date) -> dict[str, Any]:
    described = goals.public(goal)
    progress = goals.progress(goal, workouts, today)
    title = described["name"] or f"{goal['kind'].capitalize()} goal"
    shown = {
        "id": described["id"],
        "title": title,
        "kind": goal["kind"],
        "target": progress["target"],
        "unit": GOAL_UNITS[goal["kind"]],
        "reached": progress["reached"],
        "progress": progress,
    }
    for field in ("sport", "period", "exercise", "date"):
        if described.get(field):
            shown[field] = described[field]
    return shown


def summary(
    workouts: list[dict[str, Any]],
    goal_items: list[dict[str, Any]],
    settings: dict[str, Any],
    tracks: dict[str, list[Any]],
    today: date,
) -> dict[str, Any]:
    """Return the public summary from every workout, goal, the settings and public tracks.

    ``tracks`` maps a public workout's id to its stored points (only those
    shown are needed: see ``wanted_tracks``).
    """
    shown = [w for w in workouts if w.get("visibility") == keys.PUBLIC]
    newest = sorted(shown, key=lambda w: (w["start_utc"], w["id"]), reverse=True)
    zones = settings.get("privacy_zones") or []
    chosen = records.public_only(records.all_records(shown), settings.get("public_records") or [])
    return {
        "ok": True,
        "generated_for": today.isoformat(),
        "years": _years(shown),
        "records": _records(chosen),
        "goals": [_goal(g, workouts, today) for g in goal_items if g.get("public") is True],
        "workouts": [
            _workout(w, privacy.cut(tracks.get(w["id"], []), zones))
            for w in newest[:SHOWN_WORKOUTS]
        ],
    }


def wanted_tracks(workouts: list[dict[str, Any]]) -> list[str]:
    """Return the ids of the public workouts whose tracks the summary shows."""
    shown = [w for w in workouts if w.get("visibility") == keys.PUBLIC]
    newest = sorted(shown, key=lambda w: (w["start_utc"], w["id"]), reverse=True)
    return [w["id"] for w in newest[:SHOWN_WORKOUTS] if w.get("has_track")]
