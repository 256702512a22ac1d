"""Brute-force recomputations of the training reports, written apart from the API's code.

Each follows the rule as docs/training.md states it, the slow obvious way:
every window, every day, exact fractions, no shared helpers.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any


def half_up(value: Fraction, places: int) -> Decimal:
    scale = 10**places
    return Decimal(math.floor(value * scale + Fraction(1, 2))) / scale


def fastest(workout: dict[str, Any], metres: int) -> Decimal | None:
    n = metres // 1000
    splits = [Decimal(s) for s in workout.get("splits") or []]
    if len(splits) >= n:
        return min(sum(splits[i : i + n], Decimal(0)) for i in range(len(splits) - n + 1))
    if workout.get("distance_m", 0) >= metres:
        return half_up(Fraction(workout["duration_s"] * metres, workout["distance_m"]), 1)
    return None


def epley(weight: Decimal, reps: int) -> Decimal:
    if reps == 1:
        return weight
    return half_up(Fraction(weight) * Fraction(30 + reps, 30), 2)


def records(workouts: list[dict[str, Any]]) -> dict[str, dict[str, tuple[Decimal, str]]]:
    """{sport: {record: (value, workout id)}}; ties go to the earliest workout."""
    out: dict[str, dict[str, tuple[Decimal, str]]] = {}
    for sport in {w["sport"] for w in workouts}:
        mine = [w for w in workouts if w["sport"] == sport]
        found = {}
        for name, metres in (("fastest_1k", 1000), ("fastest_5k", 5000), ("fastest_10k", 10000)):
            candidates = [(fastest(w, metres), w["start_utc"], w["id"]) for w in mine]
            candidates = [c for c in candidates if c[0] is not None]
            if candidates:
                best = min(candidates)
                found[name] = (best[0], best[2])
        for name, field in (
            ("longest_distance", "distance_m"),
            ("longest_duration", "duration_s"),
            ("most_ascent", "ascent_m"),
        ):
            candidates = [
                (-Decimal(w.get(field) or 0), w["start_utc"], w["id"])
                for w in mine
                if (w.get(field) or 0) > 0
            ]
            if candidates:
                best = min(candidates)
                found[name] = (-best[0], best[2])
        if found:
            out[sport] = found
    return out


def lifts(workouts: list[dict[str, Any]]) -> dict[str, tuple[Decimal, str]]:
    """{lift key: (best e1RM, workout id)}."""
    candidates: dict[str, list[tuple[Decimal, str, str]]] = {}
    for w in workouts:
        for exercise in w.get("exercises") or []:
            key = " ".join(exercise["name"].split()).casefold()
            for one in exercise["sets"]:
                weight = Decimal(one["weight_kg"])
                if weight > 0:
                    candidates.setdefault(key, []).append(
                        (-epley(weight, one["reps"]), w["start_utc"], w["id"])
                    )
    return {k: (-min(c)[0], min(c)[2]) for k, c in candidates.items()}


def _run_back(members: set[int], end: int, step: int) -> int:
    n = 0
    while end - n * step in members:
        n += 1
    return n


def streaks(workouts: list[dict[str, Any]], today: date) -> dict[str, dict[str, int]]:
    days = {date.fromisoformat(w["day"]) for w in workouts}
    days = {d for d in days if d <= today}
    ordinals = {d.toordinal() for d in days}
    mondays = {(d - timedelta(days=d.weekday())).toordinal() for d in days}
    this_monday = (today - timedelta(days=today.weekday())).toordinal()
    out = {}
    for name, members, now, step in (
        ("days", ordinals, today.toordinal(), 1),
        ("weeks", mondays, this_monday, 7),
    ):
        longest = max((_run_back(members, m, step) for m in members), default=0)
        current = _run_back(members, now, step) or _run_back(members, now - step, step)
        out[name] = {"current": current, "longest": longest}
    return out


def period_of(day: date, period: str) -> str:
    if period == "week":
        iso = day.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return str(day.year)


def totals(workouts: list[dict[str, Any]], period: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for key in sorted({period_of(date.fromisoformat(w["day"]), period) for w in workouts}):
        mine = [w for w in workouts if period_of(date.fromisoformat(w["day"]), period) == key]
        out[key] = {
            "workouts": len(mine),
            "distance_m": sum(w.get("distance_m", 0) for w in mine),
            "duration_s": sum(w["duration_s"] for w in mine),
            "ascent_m": sum(w.get("ascent_m", 0) for w in mine),
        }
    return out


def same_period_days(today: date, period: str) -> list[date]:
    """Every day in the period holding today, found by walking from a year before."""
    first = date(today.year - 1, 12, 20)
    days = [first + timedelta(days=i) for i in range(400)]
    return [d for d in days if period_of(d, period) == period_of(today, period)]


def goal_progress(goal: dict[str, Any], workouts: list[dict[str, Any]], today: date) -> dict:
    kind = goal["kind"]
    sport = goal.get("sport")
    mine = [w for w in workouts if not sport or w["sport"] == sport]
    if kind in ("distance", "duration", "count"):
        days = same_period_days(today, goal["period"])
        inside = [w for w in mine if date.fromisoformat(w["day"]) in days]
        field = {"distance": "distance_m", "duration": "duration_s"}.get(kind)
        done = len(inside) if kind == "count" else sum(w.get(field, 0) for w in inside)
        target = goal["target"]
        remaining_days = len([d for d in days if d >= today])
    else:  # event
        since = date.fromisoformat(goal["since"])
        on = date.fromisoformat(goal["date"])
        inside = [w for w in mine if since <= date.fromisoformat(w["day"]) <= min(today, on)]
        done = max((w.get("distance_m", 0) for w in inside), default=0)
        target = goal["distance_m"]
        remaining_days = max(0, (on - today).days + 1)
    left = max(0, target - done)
    weeks = math.ceil(remaining_days / 7)
    per_week = math.ceil(left / weeks) if weeks else None
    return {"done": done, "target": target, "left": left, "weeks_left": weeks, "per_week": per_week}
