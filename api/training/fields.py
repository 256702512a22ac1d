"""What a workout may carry, checked in one pass that lists every problem.

Flat fields use the API's declared ``Field``; the lists (equipment, splits,
strength exercises with their sets) are checked here, with problems named by
path (``exercises[0].sets[2].weight_kg``). ``clean_workout`` is also what
file imports (``api.training.files``) call before storing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import BadRequest, InvalidFields
from ..validation import Field, validate
from . import keys
from .numbers import decimal, half_up

T = TypeVar("T")
DAY = 24 * 3600
WORKOUT_FIELDS = {
    "sport": Field(
        pattern=keys.SPORT_PATTERN,
        pattern_message="Must be run, ride, swim, walk, hike, strength, yoga or your own "
        "word (lower-case letters, digits, '-').",
        description="run, ride, swim, walk, hike, strength, yoga, or the owner's own.",
    ),
    "title": Field(required=False, max_length=100, single_line=True),
    "start": Field(
        max_length=40,
        single_line=True,
        format="date-time",
        description="RFC 3339 with its UTC offset (the local day counts for streaks).",
    ),
    "duration_s": Field(type=int, minimum=1, maximum=7 * DAY, description="Seconds."),
    "distance_m": Field(type=int, required=False, minimum=0, maximum=2_000_000, default=0),
    "ascent_m": Field(type=int, required=False, minimum=0, maximum=50_000, default=0),
    "rpe": Field(type=int, required=False, minimum=1, maximum=10, description="Effort 1-10."),
    "avg_hr": Field(type=int, required=False, minimum=20, maximum=250, description="Beats/min."),
    "notes": Field(required=False, max_length=4000),
    "visibility": Field(
        required=False,
        pattern="(?:private|public)",
        pattern_message="Must be private or public.",
        default=keys.PRIVATE,
        description="private (default) or public: shown in GET /training/public.",
    ),
}
EDIT_FIELDS = {
    "version": Field(
        type=int, minimum=1, maximum=10**9, description="The version you read (409 if stale)."
    ),
}
# A change checks what it sends before the workout is read: only the version is needed.
_CHANGE_FIELDS = {
    **{name: replace(f, required=False, default=None) for name, f in WORKOUT_FIELDS.items()},
    **EDIT_FIELDS,
}
LIST_FIELDS = ("equipment", "splits", "exercises")
REPS = Field(type=int, minimum=1, maximum=1000)
EXERCISE_NAME = Field(max_length=60, single_line=True)
ZERO, WEIGHT_MAX = Decimal(0), Decimal("9999.99")


def _equipment(value: Any, errors: dict[str, str]) -> list[str]:
    import re

    if not isinstance(value, list) or len(value) > keys.MAX_GEAR_PER_WORKOUT:
        errors["equipment"] = f"Must be a list of at most {keys.MAX_GEAR_PER_WORKOUT} gear ids."
        return []
    for i, gear in enumerate(value):
        if not isinstance(gear, str) or not re.fullmatch(keys.ID_PATTERN, gear):
            errors[f"equipment[{i}]"] = "Must be the id of a piece of gear."
    if len(set(map(str, value))) != len(value):
        errors["equipment"] = "Name each piece of gear once."
    return list(value)


def _splits(value: Any, errors: dict[str, str]) -> list[Decimal]:
    if not isinstance(value, list) or len(value) > keys.MAX_SPLITS:
        errors["splits"] = f"Must be a list of at most {keys.MAX_SPLITS} times (seconds per km)."
        return []
    out = []
    for i, split in enumerate(value):
        number = decimal(split, places=10**6, low=Decimal("0.1"), high=Decimal(DAY))
        if number is None:
            errors[f"splits[{i}]"] = "Must be the seconds one kilometre took (0.1 to 86400)."
        else:
            out.append(half_up(number))  # kept to a tenth of a second
    return out


def _sets(value: Any, where: str, errors: dict[str, str]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value or len(value) > keys.MAX_SETS:
        errors[where] = f"Must be a list of 1 to {keys.MAX_SETS} sets."
        return []
    out = []
    for i, one in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(one, Mapping) or set(one) - {"reps", "weight_kg"}:
            errors[at] = "Must be {reps, weight_kg}."
            continue
        try:
            reps = validate({"reps": one.get("reps")}, {"reps": REPS})["reps"]
        except InvalidFields as exc:
            errors[f"{at}.reps"] = exc.fields["reps"]
            reps = None
        weight = decimal(one.get("weight_kg", 0), places=2, low=ZERO, high=WEIGHT_MAX)
        if weight is None:
            errors[f"{at}.weight_kg"] = "Must be kilograms from 0 to 9999.99, at most 2 decimals."
        out.append({"reps": reps, "weight_kg": weight})
    return out


def _exercises(value: Any, errors: dict[str, str]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > keys.MAX_EXERCISES:
        errors["exercises"] = f"Must be a list of at most {keys.MAX_EXERCISES} exercises."
        return []
    out = []
    for i, one in enumerate(value):
        at = f"exercises[{i}]"
        if not isinstance(one, Mapping) or set(one) - {"name", "sets"}:
            errors[at] = "Must be {name, sets}."
            continue
        try:
            name = validate({"name": one.get("name")}, {"name": EXERCISE_NAME})["name"]
        except InvalidFields as exc:
            errors[f"{at}.name"] = exc.fields["name"]
            name = ""
        out.append({"name": name, "sets": _sets(one.get("sets"), f"{at}.sets", errors)})
    return out


_LISTS: dict[str, Callable[[Any, dict[str, str]], Any]] = {
    "equipment": _equipment,
    "splits": _splits,
    "exercises": _exercises,
}


def without_nulls(data: Any, check: Callable[[Any], T]) -> T:
    """Run ``check`` on ``data`` and also refuse each ``null``, naming every problem.

    ``validate`` reads a null as a field left out; where the OpenAPI document
    types a field "string" or "integer" (new workouts, gear), null is refused.
    """
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    nulls = {
        str(name)[:64]: "Must not be null: leave the field out instead."
        for name, value in data.items()
        if value is None
    }
    try:
        clean = check(data)
    except InvalidFields as exc:
        raise InvalidFields(fields={**exc.fields, **nulls}) from exc
    if nulls:
        raise InvalidFields(fields=nulls)
    return clean


def check_change(data: Any) -> None:
    """Check a workout change as sent, before the workout is read (422 before 404).

    ``null`` clears an optional field; a required one (sport, start, duration_s)
    cannot be cleared, and ``version`` must be sent.
    """
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    sent = {
        k: v
        for k, v in data.items()
        if v is not None or (k in WORKOUT_FIELDS and WORKOUT_FIELDS[k].required)
    }
    errors: dict[str, str] = {}
    try:
        _clean(sent, _CHANGE_FIELDS)
    except InvalidFields as exc:
        errors.update(exc.fields)
    for name, value in data.items():
        if value is None and name in WORKOUT_FIELDS and WORKOUT_FIELDS[name].required:
            errors[name] = "Cannot be cleared: send a new value or leave it out."
    if errors:
        raise InvalidFields(fields=errors)


def clean_workout(data: Any, *, edit: bool = False) -> dict[str, Any]:
    """Return a workout's checked values, or raise InvalidFields listing every problem."""
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    return _clean(data, dict(WORKOUT_FIELDS, **(EDIT_FIELDS if edit else {})))


def _clean(data: Mapping[str, Any], flat_fields: dict[str, Field]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    try:
        clean = validate({k: v for k, v in data.items() if k not in _LISTS}, flat_fields)
    except InvalidFields as exc:
        errors.update(exc.fields)
    for name, check in _LISTS.items():
        value = data.get(name)
        clean[name] = [] if value is None else check(value, errors)
    start = data.get("start")
    if isinstance(start, str) and "start" not in errors:
        try:
            keys.parse_start(start.strip())
        except ValueError:
            errors["start"] = "Must be a date, time and UTC offset: 2026-12-07T07:30:00+01:00."
    if errors:
        raise InvalidFields(fields=errors)
    return clean
