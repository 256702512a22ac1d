"""The training endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from ..validation import object_schema
from . import keys, options
from .openapi_schemas import (
    BODY_IN,
    DAY_PARAM,
    PROGRESS,
    ZONE,
    _goal_in,
    _param,
    _query,
    _workout_in,
)


def openapi_paths() -> dict[str, Any]:
    """Describe the training endpoints for /openapi.json."""
    from ..idempotency import IDEMPOTENCY_PARAMETER
    from ..openapi import OWNER, errors, json_body, ok, success
    from .gear import EDIT_FIELDS as GEAR_EDIT
    from .gear import GEAR_FIELDS
    from .goal_store import EDIT_FIELDS as GOAL_EDIT
    from .log_views import YEAR_QUERY
    from .report_views import TOTALS_QUERY
    from .views import DELETE_QUERY

    obj = {"type": "object"}
    read = errors(401, 422, 429, 503)
    one = errors(401, 404, 429, 503)
    write = errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503)
    write["409"]["description"] = (
        "Stale version (version_conflict), gear still in use (gear_in_use), or an "
        "Idempotency-Key still running (idempotency_in_progress); nothing was changed."
    )
    idem = [IDEMPOTENCY_PARAMETER]

    def op(summary: str, response: dict[str, Any], errs: dict[str, Any], **more: Any) -> dict:
        return {"summary": summary, "security": OWNER, "responses": {**response, **errs}, **more}

    def changed(**props: Any) -> dict[str, Any]:
        return {"200": ok(success(**props))}

    def created(**props: Any) -> dict[str, Any]:
        return {"201": ok(success(**props), "Stored.")}

    workout = {
        **obj,
        "description": "As sent, with id, day, version, has_track, created_at, updated_at.",
    }
    gear_out = {**obj, "description": "name, kind, retired, notes, totals, version."}
    goal_out = {**obj, "properties": {"progress": PROGRESS}}
    paths: dict[str, Any] = {
        "/training/workouts": {
            "get": op(
                "List a year's workouts, newest first.",
                changed(year={"type": "integer"}, workouts={"type": "array", "items": workout}),
                read,
                parameters=_query(YEAR_QUERY),
            ),
            "post": op(
                "Log a workout; the totals of the gear it names change with it.",
                created(workout=workout),
                write,
                parameters=idem,
                requestBody=json_body(_workout_in(False)),
            ),
        },
        "/training/workouts/{workout_id}": {
            "parameters": [_param("workout_id")],
            "get": op("Show one workout.", changed(workout=workout), one),
            "patch": op(
                "Change a workout (409 version_conflict if it changed since read).",
                changed(workout=workout),
                write,
                parameters=idem,
                requestBody=json_body(_workout_in(True)),
            ),
            "delete": op(
                "Delete a workout, its track and its share of the gear's totals.",
                changed(deleted={"type": "string"}),
                write,
                parameters=[*idem, *_query(DELETE_QUERY)],
            ),
        },
        "/training/workouts/{workout_id}/track": {
            "parameters": [_param("workout_id")],
            "get": op(
                "Show a workout's stored track, whole (privacy zones apply to the public only).",
                changed(track={"type": "array", "items": {"type": "array"}}),
                one,
            ),
        },
        "/training/gear": {
            "get": op("List the gear with running totals.", changed(gear={"type": "array"}), read),
            "post": op(
                "Add a piece of gear.",
                created(gear=gear_out),
                write,
                parameters=idem,
                requestBody=json_body(object_schema(GEAR_FIELDS)),
            ),
        },
        "/training/gear/{gear_id}": {
            "parameters": [_param("gear_id")],
            "get": op("Show one piece of gear.", changed(gear=gear_out), one),
            "patch": op(
                "Rename, retire or annotate gear (with the version read).",
                changed(gear=gear_out),
                write,
                parameters=idem,
                requestBody=json_body(object_schema(GEAR_EDIT)),
            ),
            "delete": op(
                "Delete gear no workout names (else 409 gear_in_use: retire it).",
                changed(deleted={"type": "string"}),
                write,
                parameters=idem,
            ),
        },
        "/training/body": {
            "get": op(
                "List a year's body weights.",
                changed(year={"type": "integer"}, weights={"type": "array"}),
                read,
                parameters=_query({"year": YEAR_QUERY["year"]}),
            ),
        },
        "/training/body/{day}": {
            "parameters": [DAY_PARAM],
            "put": op(
                "Log or replace a day's body weight.",
                changed(weight=obj),
                write,
                parameters=idem,
                requestBody=json_body(BODY_IN),
            ),
            "delete": op(
                "Delete a day's body weight.",
                changed(deleted={"type": "string"}),
                write,
                parameters=idem,
            ),
        },
        "/training/goals": {
            "get": op(
                "List goals with progress and what is left per week.",
                changed(goals={"type": "array", "items": goal_out}),
                read,
            ),
            "post": op(
                "Set a goal.",
                created(goal=goal_out),
                write,
                parameters=idem,
                requestBody=json_body(_goal_in()),
            ),
        },
        "/training/goals/{goal_id}": {
            "parameters": [_param("goal_id")],
            "patch": op(
                "Change a goal (with the version read).",
                changed(goal=goal_out),
                write,
                parameters=idem,
                requestBody=json_body(object_schema(GOAL_EDIT)),
            ),
            "delete": op(
                "Delete a goal.", changed(deleted={"type": "string"}), write, parameters=idem
            ),
        },
        "/training/settings": {
            "get": op("Show the privacy zones and public records.", changed(settings=obj), read),
            "put": op(
                "Replace the privacy zones and the public records (with the version read).",
                changed(settings=obj),
                write,
                parameters=idem,
                requestBody=json_body(
                    {
                        "type": "object",
                        "required": ["version"],
                        "additionalProperties": False,
                        "properties": {
                            "version": options.VERSION.json_schema(),
                            "privacy_zones": {
                                "type": "array",
                                "maxItems": keys.MAX_ZONES,
                                "items": ZONE,
                            },
                            "public_records": {
                                "type": "array",
                                "maxItems": 200,
                                "items": {
                                    "type": "string",
                                    "pattern": f"^(?:{options.RECORD_PATTERN.pattern})$",
                                    "example": "run:fastest_5k",
                                },
                            },
                        },
                    }
                ),
            ),
        },
        "/training/records": {
            "get": op(
                "Show every sport's records and every lift's estimated one-rep max.",
                changed(sports=obj, lifts=obj),
                read,
            )
        },
        "/training/streaks": {
            "get": op(
                "Show the current and longest streaks of days and of weeks.",
                changed(today={"type": "string"}, days=obj, weeks=obj),
                read,
            )
        },
        "/training/totals": {
            "get": op(
                "Show totals per week, month or year.",
                changed(period={"type": "string"}, totals={"type": "object"}),
                read,
                parameters=_query(TOTALS_QUERY),
            )
        },
        "/training/dashboard": {
            "get": op(
                "Summarise for the dashboard: totals, streaks, goals, recent workouts, records.",
                changed(totals=obj, streaks=obj, goals={"type": "array"}, recent={"type": "array"}),
                read,
            )
        },
        "/training/public": {
            "get": {
                "summary": "Show what the owner made public (the site's build reads it).",
                "description": (
                    "Public workouts only: year totals, the records marked public, goals "
                    "marked public with their progress, the newest public workouts with "
                    "their tracks cut at the privacy zones (split into segments; track is "
                    "the longest). Never notes, heart rate, effort, gear or start times."
                ),
                "responses": {
                    "200": ok(
                        success(
                            years={"type": "array"},
                            records={"type": "array"},
                            goals={"type": "array"},
                            workouts={"type": "array"},
                        )
                    ),
                    **errors(429, 503),
                },
            }
        },
    }
    if find_spec(f"{__package__}.files.openapi") is not None:
        from .files import openapi as files

        paths.update(files.openapi_paths())
    return paths
