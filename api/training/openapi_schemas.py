"""The training API's schemas and parameters, shared by the paths in ``api.training.openapi``."""

from __future__ import annotations

from typing import Any

from ..openapi import path_param, query_params
from ..validation import object_schema
from . import keys, options
from .body import BODY_FIELDS, BODY_PATTERN
from .numbers import WEIGHT_PATTERN

WEIGHT = {"type": "string", "pattern": f"^{WEIGHT_PATTERN}$", "example": "82.5"}
WEIGHT_IN = {
    "oneOf": [WEIGHT, {"type": "integer", "minimum": 0, "maximum": 9999}],
    "description": "Kilograms, exact: text with at most 2 decimals (or a JSON number).",
}
BODY_IN = {
    "type": "object",
    "required": ["weight_kg"],
    "additionalProperties": False,
    "properties": {
        "weight_kg": {
            "oneOf": [
                {"type": "string", "pattern": f"^{BODY_PATTERN}$", "example": "72.4"},
                {"type": "integer", "minimum": 1, "maximum": 999},
            ],
            "description": "Kilograms, 1 to 999.99, at most 2 decimals.",
        },
        "note": BODY_FIELDS["note"].json_schema(),
    },
}
ZONE = {
    "type": "object",
    "required": ["lat", "lon", "radius_m"],
    "additionalProperties": False,
    "properties": {
        "name": options.ZONE_FIELDS["name"].json_schema(),
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "radius_m": options.ZONE_FIELDS["radius_m"].json_schema(),
    },
}
ID = {"type": "string", "pattern": f"^{keys.ID_PATTERN}$"}
TOTAL = {
    "type": "object",
    "properties": {
        n: {"type": "integer", "minimum": 0}
        for n in ("workouts", "distance_m", "duration_s", "ascent_m")
    },
}
PROGRESS = {
    "type": "object",
    "description": "done, target, left (kg as strings for lifts); per_week: what is left "
    "per week until the period ends or the day comes (null without a date).",
    "properties": {
        "done": {"type": ["integer", "string"]},
        "target": {"type": ["integer", "string"]},
        "left": {"type": ["integer", "string"]},
        "reached": {"type": "boolean"},
        "weeks_left": {"type": ["integer", "null"]},
        "per_week": {"type": ["integer", "string", "null"]},
        "days_left": {"type": "integer"},
        "period_start": {"type": "string", "format": "date"},
        "period_end": {"type": "string", "format": "date"},
    },
}
_PATH = {
    "workout_id": "A workout's id.",
    "gear_id": "A piece of gear's id.",
    "goal_id": "A goal's id.",
}


def _workout_in(edit: bool) -> dict[str, Any]:
    from .fields import EDIT_FIELDS, EXERCISE_NAME, REPS, WORKOUT_FIELDS

    schema = object_schema({**WORKOUT_FIELDS, **(EDIT_FIELDS if edit else {})})
    schema["properties"].update(
        equipment={
            "type": "array",
            "maxItems": keys.MAX_GEAR_PER_WORKOUT,
            "uniqueItems": True,
            "items": ID,
            "description": "Gear ids, each once.",
        },
        splits={
            "type": "array",
            "maxItems": keys.MAX_SPLITS,
            "items": {"type": "number", "minimum": 0.1, "maximum": 86400},
            "description": "Seconds each consecutive full kilometre took (kept to 0.1 s).",
        },
        exercises={
            "type": "array",
            "maxItems": keys.MAX_EXERCISES,
            "items": {
                "type": "object",
                "required": ["name", "sets"],
                "additionalProperties": False,
                "properties": {
                    "name": EXERCISE_NAME.json_schema(),
                    "sets": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": keys.MAX_SETS,
                        "items": {
                            "type": "object",
                            "required": ["reps"],
                            "additionalProperties": False,
                            "properties": {
                                "reps": REPS.json_schema(),
                                "weight_kg": WEIGHT_IN,
                            },
                        },
                    },
                },
            },
        },
    )
    if edit:
        schema["required"] = ["version"]
        schema["description"] = "Only the fields to change, and the version read."
    return schema


def _goal_in() -> dict[str, Any]:
    from .goal_store import GOAL_FIELDS
    from .goals import NEEDS

    variants = []
    for kind, needed in NEEDS.items():
        schema = object_schema(GOAL_FIELDS)
        schema["properties"]["kind"] = {"const": kind}
        schema["required"] = ["kind", *needed]
        for name in needed:
            if schema["properties"][name].get("type") == "string":
                schema["properties"][name]["minLength"] = 1
        variants.append(schema)
    return {"oneOf": variants, "description": "Each kind with the fields it needs."}


def _param(name: str) -> dict[str, Any]:
    return path_param(name, keys.ID_PATTERN, keys.ID_EXAMPLE, _PATH[name])


DAY_PARAM = {
    "name": "day",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{keys.DATE_PATTERN}$"},
    "example": "2026-12-07",
    "description": "A day (YYYY-MM-DD).",
}


_query = query_params
