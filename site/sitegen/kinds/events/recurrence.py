"""Recurring events: the `recurrence:` field, the dates an RRULE gives, and saying it in words.

Dates come from python-dateutil's `rrule`, in the event's wall-clock time, so
"every first Tuesday at 18:30" stays at 18:30 across daylight-saving changes.
A recurring event gets a page for every date since its first one that is over,
and for the next `upcoming` dates (6 unless told).
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Any

from dateutil.rrule import rrulestr

from ...content.schema import Invalid, Source, to_int, to_str
from .model import Recurrence

MAX_PAGES = 200  # a daily rule started years ago would make thousands of pages
DEFAULT_UPCOMING = 6
_DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second-last"}
_UNIT = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def to_recurrence(value: Any, src: Source, name: str) -> Recurrence:
    """Accept an RRULE (`FREQ=MONTHLY;BYDAY=1TU`) or {rule, upcoming, skip, label}."""
    if isinstance(value, str):
        value = {"rule": value}
    if not isinstance(value, dict):
        raise Invalid(f"expected an RRULE like FREQ=MONTHLY;BYDAY=1TU, got {value!r}")
    unknown = sorted(set(map(str, value)) - {"rule", "upcoming", "skip", "label"})
    if unknown:
        raise Invalid(f"unknown key {unknown[0]!r}; recurrence has rule, upcoming, skip, label")
    rule = check_rule(to_str(value.get("rule") or "", src, name))
    upcoming = DEFAULT_UPCOMING
    if value.get("upcoming") is not None:
        upcoming = to_int(value["upcoming"], src, name)
        if not 1 <= upcoming <= 52:
            raise Invalid(f"upcoming: expected 1 to 52 dates, got {upcoming}")
    skip = value.get("skip") or []
    if not isinstance(skip, list):
        skip = [skip]
    dates = []
    for day in skip:
        if isinstance(day, dt.datetime):
            day = day.date()
        elif isinstance(day, str):
            try:
                day = dt.date.fromisoformat(day.strip())
            except ValueError:
                raise Invalid(f"skip: expected dates (YYYY-MM-DD), got {day!r}") from None
        if not isinstance(day, dt.date):
            raise Invalid(f"skip: expected dates (YYYY-MM-DD), got {day!r}")
        dates.append(day)
    label = str(value.get("label") or "").strip()
    return Recurrence(rule, upcoming, tuple(dates), label)


def check_rule(text: str) -> str:
    """Return the RRULE value without its `RRULE:` prefix; raise Invalid if it is not one."""
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if not rule:
        raise Invalid("rule: give an RRULE such as FREQ=MONTHLY;BYDAY=1TU")
    parts = _parts(rule)
    if "DTSTART" in parts or "\n" in rule:
        raise Invalid("write the first date as start:, and only the RRULE line here")
    if "FREQ" not in parts:
        raise Invalid(f"rule {rule!r} has no FREQ= (DAILY, WEEKLY, MONTHLY or YEARLY)")
    try:
        rrulestr(rule, dtstart=dt.datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise Invalid(f"rule {rule!r} is not a valid RRULE: {exc}") from None
    return rule


def _parts(rule: str) -> dict[str, str]:
    pairs = (part.split("=", 1) for part in rule.split(";") if part.strip())
    return {key.strip().upper(): value.strip() for key, *rest in pairs for value in rest or [""]}


def expand(
    recurrence: Recurrence, first: dt.datetime, length: dt.timedelta, today: dt.date
) -> list[tuple[dt.datetime, bool]]:
    """Return (start, past) for every date with a page: those over, then `upcoming` more.

    `first` is the first start in wall-clock time, `length` how long each date lasts;
    a date is over once its last day is before `today`. Raise ValueError when the
    window holds more than MAX_PAGES dates.
    """
    rule = rrulestr(recurrence.rule, dtstart=first)
    skip = set(recurrence.skip)
    found: list[tuple[dt.datetime, bool]] = []
    upcoming = 0
    for start in islice(rule, MAX_PAGES * 10):
        if start.date() in skip:
            continue
        end = start + length
        last_day = (end - dt.timedelta(microseconds=1)).date() if length else end.date()
        past = last_day < today
        found.append((start, past))
        upcoming += not past
        if upcoming >= recurrence.upcoming:
            break
        if len(found) > MAX_PAGES:
            raise ValueError(
                f"the rule gives more than {MAX_PAGES} dates since {first.date()}: "
                "start later, or end it with COUNT= or UNTIL="
            )
    return found


def describe(recurrence: Recurrence, first: dt.date) -> str:
    """Say the rule in words: 'Every first Tuesday of the month', 'Every 2 weeks on Monday'."""
    if recurrence.label:
        return recurrence.label
    parts = _parts(recurrence.rule)
    unit = _UNIT.get(parts.get("FREQ", ""))
    if unit is None or set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"}:
        return "Repeats on a schedule"
    interval = int(parts.get("INTERVAL") or 1)
    every = f"Every {interval} {unit}s" if interval > 1 else f"Every {unit}"
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    if unit == "month" and len(days) == 1 and days[0][:-2]:
        nth = _NTH.get(int(days[0][:-2]))
        name = _DAYS.get(days[0][-2:])
        if nth and name:
            every = f"Every {nth} {name} of the month"
            return every if interval == 1 else f"{every}, every {interval} months"
    if unit == "week" or (days and all(d in _DAYS for d in days)):
        names = [_DAYS[d] for d in days if d in _DAYS] or [f"{first:%A}"]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{every} on {listed}" if unit != "day" else f"{every}, on {listed}"
    if unit == "month":
        day = int(parts.get("BYMONTHDAY") or first.day)
        return f"{every} on the {_ordinal(day)}"
    if unit == "year":
        return f"{every} on {first.day} {first:%B}"
    return every


def _ordinal(day: int) -> str:
    if day < 0:
        return "last day" if day == -1 else f"{_ordinal(-day)}-last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
