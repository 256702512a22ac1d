"""Logging, editing and deleting workouts through HTTP, with the gear's running totals."""

from __future__ import annotations

from typing import Any

from .conftest import Owner, workout_body


def test_a_logged_workout_reads_back_as_sent(me: Owner) -> None:
    sets = [{"reps": 5, "weight_kg": "82.5"}, {"reps": 3, "weight_kg": 90}]
    made = me.log(
        sport="strength",
        distance_m=None,
        exercises=[{"name": "Back squat", "sets": sets}],
        visibility="public",
    )
    shown = me.call("GET", f"/training/workouts/{made['id']}")["workout"]
    assert shown == made
    assert shown["exercises"][0]["sets"] == [
        {"reps": 5, "weight_kg": "82.5"},
        {"reps": 3, "weight_kg": "90"},
    ]
    assert shown["day"] == "2026-12-06" and shown["version"] == 1
    listed = me.call("GET", "/training/workouts?year=2026")["workouts"]
    assert [w["id"] for w in listed] == [made["id"]]


def test_every_problem_is_named_and_nothing_is_stored(me: Owner) -> None:
    body = workout_body(
        sport="Run!",
        start="2026-12-06T07:30:00",
        rpe=11,
        splits=[300, 0],
        exercises=[{"name": "", "sets": [{"reps": 0, "weight_kg": "1.234"}]}],
        extra=1,
    )
    fields = me.call("POST", "/training/workouts", 422, json=body)["fields"]
    assert set(fields) >= {
        "sport",
        "start",
        "rpe",
        "splits[1]",
        "exercises[0].name",
        "exercises[0].sets[0].reps",
        "exercises[0].sets[0].weight_kg",
        "extra",
    }
    assert me.call("GET", "/training/workouts?year=2026")["workouts"] == []


def test_gear_totals_follow_create_edit_and_delete(me_everywhere: Owner) -> None:
    me = me_everywhere
    shoes, bike = me.gear("Shoes"), me.gear("Bike")
    first = me.log(equipment=[shoes], distance_m=5000, duration_s=1500)
    second = me.log(equipment=[shoes, bike], distance_m=10000, duration_s=3000)
    assert me.totals(shoes) == (15000, 4500, 2)
    assert me.totals(bike) == (10000, 3000, 1)

    changed = {"distance_m": 12000, "equipment": [bike], "version": 1}
    me.call("PATCH", f"/training/workouts/{second['id']}", json=changed)
    assert me.totals(shoes) == (5000, 1500, 1)
    assert me.totals(bike) == (12000, 3000, 1)

    moved = {"start": "2025-03-01T09:00:00Z", "version": 1}
    me.call("PATCH", f"/training/workouts/{first['id']}", json=moved)
    assert me.totals(shoes) == (5000, 1500, 1)
    assert me.call("GET", "/training/workouts?year=2025")["workouts"][0]["id"] == first["id"]
    assert [w["id"] for w in me.call("GET", "/training/workouts?year=2026")["workouts"]] == [
        second["id"]
    ]

    me.call("DELETE", f"/training/workouts/{second['id']}")
    assert me.totals(bike) == (0, 0, 0)
    me.call("DELETE", f"/training/workouts/{first['id']}?version=2")
    assert me.totals(shoes) == (0, 0, 0)
    me.call("GET", f"/training/workouts/{first['id']}", 404)


def test_unknown_gear_refuses_the_whole_workout(me: Owner) -> None:
    shoes = me.gear()
    body = workout_body(equipment=[shoes, "AAAAAAAAAAAAAAAA"])
    error = me.call("POST", "/training/workouts", 404, json=body)
    assert "equipment" in error["fields"]
    assert me.totals(shoes) == (0, 0, 0)
    assert me.call("GET", "/training/workouts?year=2026")["workouts"] == []


def test_a_stale_version_changes_nothing(me: Owner) -> None:
    shoes = me.gear()
    made = me.log(equipment=[shoes])
    path = f"/training/workouts/{made['id']}"
    me.call("PATCH", path, json={"title": "First", "version": 1})
    error = me.call("PATCH", path, 409, json={"distance_m": 9000, "version": 1})
    assert error["error"] == "version_conflict"
    assert me.call("GET", path)["workout"]["title"] == "First"
    assert me.totals(shoes) == (5000, 1800, 1)
    assert me.call("DELETE", f"{path}?version=1", 409)["error"] == "version_conflict"


def test_gear_in_use_is_kept_until_retired_workouts_go(me: Owner) -> None:
    shoes = me.gear()
    made = me.log(equipment=[shoes])
    assert me.call("DELETE", f"/training/gear/{shoes}", 409)["error"] == "gear_in_use"
    renamed = me.call("PATCH", f"/training/gear/{shoes}", json={"retired": True, "version": 1})
    assert renamed["gear"]["retired"] is True and renamed["gear"]["name"] == "Shoes"
    assert renamed["gear"]["workouts"] == 1
    me.call("PATCH", f"/training/gear/{shoes}", 409, json={"name": "X", "version": 1})
    me.call("DELETE", f"/training/workouts/{made['id']}")
    me.call("DELETE", f"/training/gear/{shoes}")
    me.call("GET", f"/training/gear/{shoes}", 404)


def test_an_offline_entry_sent_again_is_stored_once(me: Owner) -> None:
    shoes = me.gear()
    headers = {"Idempotency-Key": "offline-entry-0001"}
    body: dict[str, Any] = workout_body(equipment=[shoes])
    first = me.client.post("/training/workouts", json=body, headers={**me.headers, **headers})
    again = me.client.post("/training/workouts", json=body, headers={**me.headers, **headers})
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.get_json() == first.get_json()
    assert len(me.call("GET", "/training/workouts?year=2026")["workouts"]) == 1
    assert me.totals(shoes) == (5000, 1800, 1)


def test_body_weight_and_settings(me: Owner) -> None:
    me.call("PUT", "/training/body/2026-12-01", json={"weight_kg": "72.40"})
    me.call("PUT", "/training/body/2026-12-01", json={"weight_kg": 72.3, "note": "after"})
    weights = me.call("GET", "/training/body?year=2026")["weights"]
    assert weights == [{"date": "2026-12-01", "weight_kg": "72.3", "note": "after"}]
    me.call("PUT", "/training/body/2026-12-02", 422, json={"weight_kg": "72.345"})
    me.call("DELETE", "/training/body/2026-12-01")
    me.call("DELETE", "/training/body/2026-12-01", 404)

    zones = [{"name": "Home", "lat": 52.1, "lon": 4.3, "radius_m": 300}]
    saved = me.call("PUT", "/training/settings", json={"version": 0, "privacy_zones": zones})
    assert saved["settings"]["privacy_zones"][0]["lat"] == 52.1
    assert me.call("PUT", "/training/settings", 409, json={"version": 0})["error"] == (
        "version_conflict"
    )
    me.call("PUT", "/training/settings", 422, json={"version": 1, "public_records": ["x"]})


def test_reports_follow_edits_and_deletes(me_everywhere: Owner) -> None:
    me = me_everywhere
    first = me.log(distance_m=5000)
    second = me.log(distance_m=9000, start="2026-12-05T07:00:00Z")
    moved = {"start": "2025-06-01T07:00:00+02:00", "distance_m": 7000, "version": 1}
    me.call("PATCH", f"/training/workouts/{first['id']}", json=moved)
    me.call("DELETE", f"/training/workouts/{second['id']}")
    years = me.call("GET", "/training/totals?period=year")["totals"]
    assert years == {
        "2025": {"workouts": 1, "distance_m": 7000, "duration_s": 1800, "ascent_m": 40}
    }
    longest = me.call("GET", "/training/records")["sports"]["run"]["longest_distance"]
    assert longest == {"value": 7000, "workout": first["id"], "day": "2025-06-01"}
