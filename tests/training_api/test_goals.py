"""Goals through HTTP: each kind's progress, edits with a version, the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .conftest import Owner


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_goals_of_every_kind_show_their_progress(me: Owner) -> None:
    today = _today()
    me.log(start=f"{today}T07:00:00Z", distance_m=8000, duration_s=2400)
    me.log(
        sport="strength",
        start=f"{today}T18:00:00Z",
        distance_m=None,
        exercises=[{"name": "Deadlift", "sets": [{"reps": 5, "weight_kg": "120"}]}],
    )
    week = me.call(
        "POST",
        "/training/goals",
        201,
        json={"kind": "distance", "period": "week", "sport": "run", "target": 20000},
    )["goal"]
    assert week["progress"]["done"] == 8000 and week["progress"]["left"] == 12000
    assert week["progress"]["reached"] is False
    count = {"kind": "count", "period": "month", "target": 2}
    assert me.call("POST", "/training/goals", 201, json=count)["goal"]["progress"]["reached"]
    lift = {"kind": "lift", "exercise": "deadlift", "target_kg": "150"}
    made = me.call("POST", "/training/goals", 201, json=lift)["goal"]
    assert made["progress"]["done"] == "140" and made["progress"]["left"] == "10"
    race_day = (datetime.now(UTC).date() + timedelta(days=70)).isoformat()
    event = {"kind": "event", "name": "Half", "sport": "run", "date": race_day, "distance_m": 21097}
    half = me.call("POST", "/training/goals", 201, json=event)["goal"]
    assert half["progress"]["done"] == 8000 and half["progress"]["weeks_left"] == 11
    assert half["progress"]["per_week"] == 1191  # (21097 - 8000) / 11, rounded up
    assert len(me.call("GET", "/training/goals")["goals"]) == 4

    bad = me.call("POST", "/training/goals", 422, json={"kind": "event", "date": "2027-02-30"})
    assert set(bad["fields"]) >= {"date", "distance_m"}

    path = f"/training/goals/{half['id']}"
    me.call("PATCH", path, json={"public": True, "version": 1})
    assert me.call("PATCH", path, 409, json={"name": "Full", "version": 1})["error"] == (
        "version_conflict"
    )
    public = me.client.get("/training/public").get_json()
    assert [g["title"] for g in public["goals"]] == ["Half"]
    me.call("DELETE", path)
    me.call("DELETE", path, 404)


def test_the_dashboard_sums_up_the_week(me: Owner) -> None:
    today = _today()
    me.log(start=f"{today}T07:00:00Z", distance_m=5000, duration_s=1500)
    me.call("PUT", f"/training/body/{today}", json={"weight_kg": "70.5"})
    board = me.call("GET", "/training/dashboard")
    assert board["totals"]["week"]["distance_m"] == 5000
    assert board["streaks"]["days"]["current"] == 1
    assert board["weight"]["weight_kg"] == "70.5"
    assert board["recent"][0]["distance_m"] == 5000
