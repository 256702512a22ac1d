"""Goals and their progress: what is done, what is left, and what is left per week.

Pure functions over a goal and the list of workouts (docs/training.md, "Goals"):

- ``distance``, ``duration``, ``count`` per ``week``/``month``/``year``: the sum
  over this period's workouts (of ``sport`` if set). ``per_week`` spreads what
  is left over the weeks left in the period, this one included (rounded up).
- ``lift``: the best estimated one-rep max of ``exercise`` (Epley, as the
  records) against ``target_kg``; with a ``date``, what is left per week until it.
- ``event`` (a race on ``date`` over ``distance_m``): the longest single
  workout of ``sport`` since the goal was set, against the event's distance;
  ``per_week`` is how much that long session must grow each week until the day.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from . import records, stats
from .numbers import CENT, text

KINDS = ("distance", "duration", "count", "lift", "event")
MEASURE = {"distance": "distance_m", "duration": "duration_s"}
NEEDS = {
    "distance": ("period", "target"),
    "duration": ("period", "target"),
    "count": ("period", "target"),
    "lift": ("exercise", "target_kg"),
    "event": ("date", "distance_m"),
}


def weeks_left(today: date, last: date) -> int:
    """Return the weeks from today to ``last``, counting a started week as one (0 if past)."""
    days = (last - today).days + 1
    return max(0, -(-days // 7))


def _per_week(left: Decimal, weeks: int, step: Decimal = Decimal(1)) -> Decimal | None:
    if weeks <= 0:
        return None
    return (left / weeks).quantize(step, rounding=ROUND_CEILING)


def _number(value: Decimal, whole: bool) -> Any:
    return int(value) if whole else text(value)


def progress(goal: dict[str, Any], workouts: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """Return a goal's progress on ``today``."""
    kind = goal["kind"]
    sport = goal.get("sport") or None
    out: dict[str, Any] = {}
    whole = kind != "lift"
    step = Decimal(1) if whole else CENT
    if kind in ("distance", "duration", "count"):
        first, last = stats.period_bounds(today, goal["period"])
        done_in = stats.between(workouts, first, last, sport)
        if kind == "count":
            done = Decimal(len(done_in))
        else:
            done = Decimal(sum(int(w.get(MEASURE[kind]) or 0) for w in done_in))
        target = Decimal(int(goal["target"]))
        out.update(period_start=first.isoformat(), period_end=last.isoformat())
    elif kind == "lift":
        done = records.best_lift(workouts, goal["exercise"])
        target = Decimal(goal["target_kg"])
        last = date.fromisoformat(goal["date"]) if goal.get("date") else None
    else:
        since = date.fromisoformat(goal.get("since") or goal["created_at"][:10])
        last = date.fromisoformat(goal["date"])
        found = stats.between(workouts, since, min(today, last), sport)
        done = Decimal(max((int(w.get("distance_m") or 0) for w in found), default=0))
        target = Decimal(int(goal["distance_m"]))
    left = max(Decimal(0), target - done)
    weeks = weeks_left(today, last) if last is not None else None
    per_week = _per_week(left, weeks, step) if weeks is not None else None
    out.update(
        done=_number(done, whole),
        target=_number(target, whole),
        left=_number(left, whole),
        reached=done >= target,
        weeks_left=weeks,
        per_week=None if per_week is None else _number(per_week, whole),
    )
    if kind == "event":
        out["days_left"] = max(0, (last - today).days)
    return out


def public(goal: dict[str, Any]) -> dict[str, Any]:
    """Describe a goal as stored (without its progress)."""
    shown = {
        "id": goal["id"],
        "kind": goal["kind"],
        "name": goal.get("name", ""),
        "public": bool(goal.get("public")),
        "version": int(goal["version"]),
        "created_at": goal["created_at"],
    }
    for field in ("period", "sport", "exercise", "date", "since"):
        if goal.get(field):
            shown[field] = goal[field]
    for field in ("target", "distance_m"):
        if goal.get(field) is not None:
            shown[field] = int(goal[field])
    if goal.get("target_kg") is not None:
        shown["target_kg"] = text(Decimal(goal["target_kg"]))
    return shown


def check(fields: dict[str, Any]) -> dict[str, str]:
    """Return what a goal's fields lack for its kind (``{field: problem}``)."""
    kind = fields.get("kind")
    need = NEEDS.get(kind or "", ())
    problems = {f: f"A {kind} goal needs this." for f in need if fields.get(f) in (None, "")}
    for field in ("date", "since"):
        value = fields.get(field)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                problems[field] = "Must be a date like 2027-04-12."
    if fields.get("sport") and not isinstance(fields["sport"], str):
        problems["sport"] = "Must be a sport."
    return problems
