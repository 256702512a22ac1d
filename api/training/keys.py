"""Where the training log lives in the one table, and its words.

``WORKOUT#<yyyy>`` / ``<start UTC>#<id>``  one workout (year of its local day), newest last
``WORKOUTID#<id>`` / ``META``             where workout ``<id>`` is (its year and sort key)
``TRACK#<id>`` / ``META``                 its simplified GPS track (kept off the workout item)
``FILEHASH#<sha256>`` / ``META``          an imported file's hash -> its workout (dedupe)
``GEAR#<id>`` / ``META``                  a piece of equipment with its running totals
``BODY#<yyyy>`` / ``<date>``              the body weight logged on a day
``TGOAL#<id>`` / ``META``                 a goal
``TSETTINGS`` / ``META``                  privacy zones and which records are public
``TDIGEST`` / ``<yyyy>``                  a short row per workout of the year (``digest``)

GSI1 lists every workout (``WORKOUTS`` / ``<start UTC>#<id>``), the gear
(``GEARS`` / ``<id>``) and the goals (``TGOALS`` / ``<id>``).
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

ID_PATTERN = "[A-Za-z0-9_-]{16}"
ID_EXAMPLE = "w0rkout1d-Exampl"
SPORT_PATTERN = "[a-z][a-z0-9-]{0,29}"
DATE_PATTERN = "(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
SPORTS = ("run", "ride", "swim", "walk", "hike", "strength", "yoga")
DISTANCE_SPORTS = ("run", "ride", "swim", "walk", "hike")

META = "META"
PRIVATE, PUBLIC = "private", "public"
VISIBILITIES = (PRIVATE, PUBLIC)
WORKOUTS = "WORKOUTS"
GEARS = "GEARS"
GOALS = "TGOALS"
SETTINGS = ("TSETTINGS", META)

# Bounds that keep an item well under DynamoDB's 400 KB.
MAX_TRACK_POINTS = 2000
MAX_SPLITS = 1000
MAX_EXERCISES = 30
MAX_SETS = 30
MAX_GEAR_PER_WORKOUT = 5
MAX_ZONES = 10


def new_id() -> str:
    """Return a fresh id (16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


def workout_pk(year: int | str) -> str:
    """Return the partition of a year's workouts."""
    return f"WORKOUT#{year}"


def workout_sk(start_utc: str, workout_id: str) -> str:
    """Return the sort key of a workout: in time order within its year."""
    return f"{start_utc}#{workout_id}"


def pointer_pk(workout_id: str) -> str:
    """Return the key of the pointer from a workout's id to its item."""
    return f"WORKOUTID#{workout_id}"


def track_pk(workout_id: str) -> str:
    """Return the key of a workout's track."""
    return f"TRACK#{workout_id}"


def filehash_pk(sha256: str) -> str:
    """Return the key remembering which workout an imported file became."""
    return f"FILEHASH#{sha256}"


def gear_pk(gear_id: str) -> str:
    """Return the key of a piece of equipment."""
    return f"GEAR#{gear_id}"


def body_pk(year: int | str) -> str:
    """Return the partition of a year's body weights."""
    return f"BODY#{year}"


def goal_pk(goal_id: str) -> str:
    """Return the key of a goal."""
    return f"TGOAL#{goal_id}"


def utc_stamp(when: datetime) -> str:
    """Return a time in UTC to the second, as it sorts: ``2026-12-07T05:30:00Z``."""
    t = when.astimezone(UTC)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


_RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2})(:[0-9]{2})?(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def parse_start(value: str) -> datetime:
    """Read an RFC 3339 / ISO 8601 time with its UTC offset (``Z`` too); ValueError if not."""
    found = _RFC3339.fullmatch(value.strip())
    if not found:
        raise ValueError("needs a date, a time and a UTC offset, e.g. 2026-12-07T07:30:00+01:00")
    day, minutes, seconds, fraction, offset = found.groups()
    seconds = ":59" if seconds == ":60" else seconds or ":00"  # a leap second
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        parsed = datetime.fromisoformat(f"{day}T{minutes}{seconds}{(fraction or '')[:7]}{offset}")
        parsed.astimezone(UTC)  # out of range at the ends of the calendar
    except OverflowError as exc:
        raise ValueError("is out of range") from exc
    return parsed
