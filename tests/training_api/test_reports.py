"""Records, streaks, totals and goal progress against brute-force recomputations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.training import goals, records, stats

from . import brute
from .conftest import Owner
from .strategies import FIRST_DAY, bodies, stored, workout_lists

days = st.integers(0, 120).map(lambda n: FIRST_DAY + timedelta(days=n))


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(workout_lists)
def test_records_per_sport(workouts: list[dict[str, Any]]) -> None:
    found = records.per_sport(workouts)
    expected = brute.records(workouts)
    assert set(found) == set(expected)
    for sport, mine in expected.items():
        assert set(found[sport]) == set(mine)
        for name, (value, workout) in mine.items():
            assert Decimal(str(found[sport][name]["value"])) == value, (sport, name)
            assert found[sport][name]["workout"] == workout


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(workout_lists)
def test_estimated_one_rep_max_per_lift(workouts: list[dict[str, Any]]) -> None:
    found = records.lifts(workouts)
    expected = brute.lifts(workouts)
    assert {k: (Decimal(v["e1rm_kg"]), v["workout"]) for k, v in found.items()} == expected


def test_record_rules_by_example() -> None:
    base = {"sport": "run", "day": "2026-12-01", "start_utc": "2026-12-01T07:00:00Z"}
    short = {**base, "id": "a", "duration_s": 1000, "distance_m": 4999}
    assert records.fastest(short, 5000) is None  # never from a shorter workout
    paced = {**base, "id": "b", "duration_s": 3001, "distance_m": 10000}
    assert records.fastest(paced, 5000) == Decimal("1500.5")
    split = {**paced, "splits": [300, 290, 280, 310, 305, 295]}
    assert records.fastest(split, 5000) == Decimal(1480)  # the best five in a row
    assert records.epley(Decimal(100), 1) == Decimal(100)
    assert records.epley(Decimal(100), 5) == Decimal("116.67")


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(workout_lists, days)
def test_streaks(workouts: list[dict[str, Any]], today: date) -> None:
    assert stats.streaks(workouts, today) == brute.streaks(workouts, today)


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(workout_lists, st.sampled_from(stats.PERIODS))
def test_totals(workouts: list[dict[str, Any]], period: str) -> None:
    assert stats.totals(workouts, period) == brute.totals(workouts, period)


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(
    workout_lists,
    days,
    st.sampled_from(("distance", "duration", "count")),
    st.sampled_from(stats.PERIODS),
    st.sampled_from((None, "run", "ride")),
    st.integers(1, 100_000),
)
def test_period_goal_progress(
    workouts: list[dict[str, Any]],
    today: date,
    kind: str,
    period: str,
    sport: str | None,
    target: int,
) -> None:
    goal = {"kind": kind, "period": period, "sport": sport, "target": target}
    found = goals.progress(goal, workouts, today)
    expected = brute.goal_progress(goal, workouts, today)
    assert {k: found[k] for k in expected} == expected
    assert found["reached"] is (expected["done"] >= target)


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(workout_lists, days, days, st.integers(1000, 42195))
def test_event_goal_progress(
    workouts: list[dict[str, Any]], today: date, on: date, distance: int
) -> None:
    goal = {
        "kind": "event",
        "sport": "run",
        "date": on.isoformat(),
        "since": FIRST_DAY.isoformat(),
        "distance_m": distance,
        "created_at": "2026-10-01T00:00:00Z",
    }
    found = goals.progress(goal, workouts, today)
    expected = brute.goal_progress(goal, workouts, today)
    assert {k: found[k] for k in expected} == expected


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(bodies(), min_size=1, max_size=6))
def test_the_api_reports_what_brute_force_finds(make_app: Any, sent: list[dict]) -> None:
    me = Owner(make_app(owner_auth_limit=10**6).test_client())
    workouts = []
    for body in sent:
        json_body = {**body, "splits": [str(s) for s in body.get("splits", [])]}
        made = me.call("POST", "/training/workouts", 201, json=json_body)["workout"]
        workouts.append({**stored(body, 0), "id": made["id"]})
    found = me.call("GET", "/training/records")
    for sport, mine in brute.records(workouts).items():
        for name, (value, workout) in mine.items():
            assert Decimal(str(found["sports"][sport][name]["value"])) == value
            assert found["sports"][sport][name]["workout"] == workout
    lifts = {k: Decimal(v["e1rm_kg"]) for k, v in found["lifts"].items()}
    assert lifts == {k: v for k, (v, _) in brute.lifts(workouts).items()}
    weeks = me.call("GET", "/training/totals?period=week")["totals"]
    assert weeks == brute.totals(workouts, "week")
    board = me.call("GET", "/training/dashboard")
    assert board["streaks"] == brute.streaks(workouts, date.fromisoformat(board["today"]))
