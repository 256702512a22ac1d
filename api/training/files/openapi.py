"""``POST /training/imports`` in the OpenAPI document (joined by ``api/training/openapi.py``)."""

from __future__ import annotations

from typing import Any

SUMMARY = {
    "type": "object",
    "description": "What the file says: sport, start (UTC), start_local (with the "
    "device's UTC offset, FIT only, else null), name, distance_m, moving_s, "
    "elapsed_s, ascent_m, avg_hr, max_hr, speed_kmh, pace_s_per_km (run, walk, hike) or "
    "pace_s_per_100m (swim), splits, laps, points, spikes_removed.",
}
RESULT = {
    "type": "object",
    "required": ["file", "status"],
    "properties": {
        "file": {"type": "string", "description": "The file's name (its path in a zip)."},
        "status": {"enum": ["created", "duplicate", "error"]},
        "workout_id": {"type": "string", "description": "The workout made, or the one it repeats."},
        "message": {
            "type": "string",
            "description": "Why a duplicate or an error, naming the file.",
        },
        "track_points": {"type": "integer", "minimum": 0, "maximum": 2000},
        "summary": SUMMARY,
    },
}


def openapi_paths() -> dict[str, Any]:
    """Describe the import endpoint for /openapi.json."""
    from ...idempotency import IDEMPOTENCY_PARAMETER
    from ...openapi import OWNER, errors, ok, success
    from .views import MAX_PARTS, MAX_UPLOAD_BYTES

    counts = {n: {"type": "integer", "minimum": 0} for n in ("created", "duplicate", "error")}
    answer = success(results={"type": "array", "items": RESULT}, **counts)
    responses = errors(400, 401, 403, 409, 413, 415, 422, 429, 503)
    responses["413"]["description"] = (
        f"The upload is over {MAX_UPLOAD_BYTES // 2**20} MB, or a zip is refused whole "
        "(archive_refused: too many entries, or it unpacks to too much)."
    )
    responses["422"]["description"] = (
        "No file could be imported (invalid_file): fields maps each file's name to what is wrong."
    )
    return {
        "/training/imports": {
            "post": {
                "summary": "Import GPX, TCX or FIT files (gzipped too), one or a zip such as "
                "a Strava export: one workout per new file.",
                "security": OWNER,
                "parameters": [IDEMPOTENCY_PARAMETER],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {
                                        "type": "array",
                                        "minItems": 1,
                                        "maxItems": MAX_PARTS,
                                        "items": {"type": "string", "format": "binary"},
                                    }
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": ok(answer, "At least one workout was created."),
                    "200": ok(answer, "Nothing new: every file was a duplicate (or some bad)."),
                    **responses,
                },
            }
        }
    }
