"""Null where the document types a field, and a change checked before its workout is read."""

from __future__ import annotations

from .conftest import Owner, workout_body


def test_null_is_refused_where_the_document_types_the_field(me: Owner) -> None:
    body = workout_body(title=None) | {"title": None, "rpe": None, "equipment": None}
    fields = me.call("POST", "/training/workouts", 422, json=body)["fields"]
    assert set(fields) == {"title", "rpe", "equipment"}
    fields = me.call("POST", "/training/gear", 422, json={"name": "Shoes", "kind": None})["fields"]
    assert set(fields) == {"kind"}
    gear_id = me.gear()
    patch = {"name": None, "version": 1}
    assert set(me.call("PATCH", f"/training/gear/{gear_id}", 422, json=patch)["fields"]) == {"name"}
    assert me.call("GET", f"/training/gear/{gear_id}")["gear"]["name"] == "Shoes"
    assert me.call("GET", "/training/workouts?year=2026")["workouts"] == []


def test_a_change_is_checked_before_the_workout_is_looked_up(me: Owner) -> None:
    path = "/training/workouts/w0rkout1d-Exampl"
    fields = me.call("PATCH", path, 422, json={"title": "a\u202eb", "rpe": "5"})["fields"]
    assert set(fields) == {"title", "rpe", "version"}
    assert set(me.call("PATCH", path, 422, json={"sport": None, "version": 1})["fields"]) == {
        "sport"
    }
    me.call("PATCH", path, 404, json={"title": None, "version": 1})


def test_null_still_clears_an_optional_field_of_a_workout(me: Owner) -> None:
    made = me.log()
    changed = {"title": None, "rpe": None, "version": made["version"]}
    shown = me.call("PATCH", f"/training/workouts/{made['id']}", json=changed)["workout"]
    assert shown["title"] == "" and shown["rpe"] is None and shown["version"] == 2
