"""Totals per week, month and year, and streaks: pure functions over a list of workouts.

Days are the owner's local days (the date of ``start`` as written); weeks are
ISO weeks (Monday to Sunday, ``2026-W49``); months ``2026-12``.

Streaks: the day streak counts consecutive days with at least one workout; it
is still *current* when its last day is today or yesterday (today is not
over). The week streak counts consecutive ISO weeks with a workout, current
when its last week is this week or last week.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

PERIODS = ("week", "month", "year")
TOTAL_FIELDS = ("distance_m", "duration_s", "ascent_m")


def day_of(workout: dict[str, Any]) -> date:
    """Return the local day of a workout."""
    return date.fromisoformat(workout["day"])


def week_key(day: date) -> str:
    """Return the ISO week of a day: ``2026-W49``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_key(day: date, period: str) -> str:
    """Return the week, month or year a day falls in, as text that sorts."""
    if period == "week":
        return week_key(day)
    if period == "month":
        return day.strftime("%Y-%m")
    return str(day.year)


def period_bounds(day: date, period: str) -> tuple[date, date]:
    """Return the first and last day of the week, month or year holding ``day``."""
    if period == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if period == "month":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def empty_total() -> dict[str, int]:
    """Return a total of nothing."""
    return {"workouts": 0, "distance_m": 0, "duration_s": 0, "ascent_m": 0}


def add(total: dict[str, int], workout: dict[str, Any]) -> None:
    """Count a workout into a total."""
    total["workouts"] += 1
    for field in TOTAL_FIELDS:
        total[field] += int(workout.get(field) or 0)


def totals(
    workouts: Iterable[dict[str, Any]], period: str, sport: str | None = None
) -> dict[str, dict[str, int]]:
    """Return totals per period (only periods with workouts), oldest first."""
    found: dict[str, dict[str, int]] = {}
    for workout in workouts:
        if sport and workout["sport"] != sport:
            continue
        add(found.setdefault(period_key(day_of(workout), period), empty_total()), workout)
    return dict(sorted(found.items()))


def totals_by_sport(workouts: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Return totals per sport."""
    found: dict[str, dict[str, int]] = {}
    for workout in workouts:
        add(found.setdefault(workout["sport"], empty_total()), workout)
    return dict(sorted(found.items()))


def between(
    workouts: Iterable[dict[str, Any]], first: date, last: date, sport: str | None = None
) -> list[dict[str, Any]]:
    """Return the workouts whose day is within [first, last] (of one sport if given)."""
    return [
        w for w in workouts if first <= day_of(w) <= last and (not sport or w["sport"] == sport)
    ]


def _runs(ordinals: list[int]) -> tuple[int, int, int | None]:
    """Return the longest run of consecutive numbers, the last run's length and its end."""
    longest = current = 0
    previous = None
    for n in ordinals:
        current = current + 1 if previous is not None and n == previous + 1 else 1
        longest = max(longest, current)
        previous = n
    return longest, current, previous


def streaks(workouts: Iterable[dict[str, Any]], today: date) -> dict[str, dict[str, int]]:
    """Return the current and longest streaks of days and of weeks."""
    days = sorted({day_of(w) for w in workouts if day_of(w) <= today})
    day_numbers = [d.toordinal() for d in days]
    # A week's number: its Monday's ordinal divided by 7 (Mondays are 7 apart).
    week_numbers = sorted({(d.toordinal() - d.weekday()) // 7 for d in days})
    out = {}
    for name, numbers, now in (
        ("days", day_numbers, today.toordinal()),
        ("weeks", week_numbers, (today.toordinal() - today.weekday()) // 7),
    ):
        longest, last_run, end = _runs(numbers)
        current = last_run if end is not None and now - end <= 1 else 0
        out[name] = {"current": current, "longest": longest}
    return out
