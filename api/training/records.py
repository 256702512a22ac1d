"""Records per sport and estimated one-rep maxima: pure functions over a list of workouts.

The rules (docs/training.md, "Records"):

- Fastest 1 km, 5 km, 10 km: from the workout's splits (seconds per
  consecutive full kilometre) when it has at least that many: the best run of
  that many consecutive splits. Otherwise from the whole workout's average
  pace, and only when its distance is at least the record's distance:
  ``duration × record distance / distance``, to 0.1 s (halves up). A shorter
  workout never sets a record for a longer distance.
- Longest distance, longest duration, most ascent: the largest value (a zero
  distance or ascent sets nothing).
- Estimated one-rep max per lift (exercise name, case and spacing ignored),
  Epley: ``weight × (1 + reps / 30)``, and the weight itself for a single
  rep; to 0.01 kg, halves up. Sets without weight set nothing.
- Ties go to the earlier workout: a record is held by whoever set it first.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .numbers import CENT, half_up, plain, text

FASTEST = {"fastest_1k": 1000, "fastest_5k": 5000, "fastest_10k": 10000}
LONGEST = {
    "longest_distance": "distance_m",
    "longest_duration": "duration_s",
    "most_ascent": "ascent_m",
}
RECORD_NAMES = (*FASTEST, *LONGEST)


def fastest(workout: dict[str, Any], metres: int) -> Decimal | None:
    """Return the fastest time over ``metres`` inside this workout (seconds), or None."""
    if "fastest" in workout:  # a digest row (``digest``) holds it worked out already
        return workout["fastest"].get(metres)
    n = metres // 1000
    splits = [Decimal(s) for s in workout.get("splits") or []]
    if len(splits) >= n:
        window = best = sum(splits[:n], Decimal(0))
        for i in range(n, len(splits)):
            window += splits[i] - splits[i - n]
            best = min(best, window)
        return best
    distance = int(workout.get("distance_m") or 0)
    if distance >= metres:
        return half_up(Decimal(int(workout["duration_s"]) * metres) / Decimal(distance))
    return None


def epley(weight: Decimal, reps: int) -> Decimal:
    """Return the estimated one-rep max of ``reps`` at ``weight`` (Epley; a single is itself)."""
    if reps == 1:
        return half_up(Decimal(weight), CENT)
    return half_up(Decimal(weight) * (30 + reps) / 30, CENT)


def lift_key(name: str) -> str:
    """Return the name under which sets of one lift are gathered."""
    return " ".join(name.split()).casefold()


def _order(workouts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(workouts, key=lambda w: (w["start_utc"], w["id"]))


def _held(workout: dict[str, Any], value: Any) -> dict[str, Any]:
    return {"value": plain(value), "workout": workout["id"], "day": workout["day"]}


def per_sport(workouts: Iterable[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Return each sport's records: ``{sport: {record name: {value, workout, day}}}``."""
    best: dict[str, dict[str, tuple[Decimal, dict[str, Any]]]] = {}
    for workout in _order(workouts):
        mine = best.setdefault(workout["sport"], {})
        for name, metres in FASTEST.items():
            time = fastest(workout, metres)
            if time is not None and (name not in mine or time < mine[name][0]):
                mine[name] = (time, workout)
        for name, field in LONGEST.items():
            value = Decimal(workout.get(field) or 0)
            if value > 0 and (name not in mine or value > mine[name][0]):
                mine[name] = (value, workout)
    return {
        sport: {name: _held(w, v) for name, (v, w) in sorted(found.items())}
        for sport, found in sorted(best.items())
        if found
    }


def lifts(workouts: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return each lift's best estimated one-rep max: ``{key: {name, e1rm_kg, ...}}``."""
    best: dict[str, tuple[Decimal, dict[str, Any]]] = {}
    for workout in _order(workouts):
        for exercise in workout.get("exercises") or []:
            key = lift_key(exercise["name"])
            for one in exercise.get("sets") or []:
                weight = Decimal(one.get("weight_kg") or 0)
                if weight <= 0:
                    continue
                estimate = epley(weight, int(one["reps"]))
                if key not in best or estimate > best[key][0]:
                    held = {
                        "name": exercise["name"],
                        "e1rm_kg": text(estimate),
                        "weight_kg": text(weight),
                        "reps": int(one["reps"]),
                        "workout": workout["id"],
                        "day": workout["day"],
                    }
                    best[key] = (estimate, held)
    return {key: held for key, (_, held) in sorted(best.items())}


def best_lift(workouts: Iterable[dict[str, Any]], name: str) -> Decimal:
    """Return the best estimated one-rep max of one lift (0 if never done)."""
    found = lifts(workouts).get(lift_key(name))
    return Decimal(found["e1rm_kg"]) if found else Decimal(0)


def all_records(workouts: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the records of every sport and every lift."""
    return {"sports": per_sport(workouts), "lifts": lifts(workouts)}


def public_only(records: dict[str, Any], chosen: Iterable[str]) -> dict[str, Any]:
    """Keep the records the owner marked public: ``run:fastest_5k``, ``lift:bench press``."""
    wanted = set(chosen)
    sports = {
        sport: {n: r for n, r in found.items() if f"{sport}:{n}" in wanted}
        for sport, found in records["sports"].items()
    }
    return {
        "sports": {s: found for s, found in sports.items() if found},
        "lifts": {k: r for k, r in records["lifts"].items() if f"lift:{k}" in wanted},
    }
