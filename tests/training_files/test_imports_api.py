"""POST /training/imports over HTTP against the real store: created, duplicate, error."""

from __future__ import annotations

import gzip
import io
import zipfile
from typing import Any

import pytest

from api.training.files import archive, views

from ..api.conftest import assert_error
from .conftest import fixture

URL = "/training/imports"


def send(client: Any, headers: dict[str, str] | None, *files: tuple[str, bytes]) -> Any:
    data = {"file": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(URL, data=data, headers=headers or {}, content_type="multipart/form-data")


def test_the_owner_is_required(client: Any) -> None:
    assert_error(send(client, None, ("run.gpx", fixture("run-with-pause.gpx"))), 401)
    wrong = {"Authorization": "Bearer not-the-token"}
    assert_error(send(client, wrong, ("run.gpx", fixture("run-with-pause.gpx"))), 401)


def test_a_gpx_becomes_a_workout_with_its_track(client: Any, owner: dict[str, str]) -> None:
    response = send(client, owner, ("morning-run.gpx", fixture("run-with-pause.gpx")))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["created"], body["duplicate"], body["error"]) == (1, 0, 0)
    (result,) = body["results"]
    assert result["file"] == "morning-run.gpx" and result["status"] == "created"
    assert result["summary"]["moving_s"] == 1000
    workout = client.get(f"/training/workouts/{result['workout_id']}", headers=owner).get_json()
    workout = workout["workout"]
    assert workout["sport"] == "run" and workout["title"] == "Morning Run"
    assert workout["distance_m"] == 3000 and workout["duration_s"] == 1000
    assert 47 <= workout["ascent_m"] <= 50 and workout["avg_hr"] == 150
    assert [float(s) for s in workout["splits"]] == pytest.approx([333.3] * 3, abs=1)
    track = client.get(f"/training/workouts/{result['workout_id']}/track", headers=owner)
    assert len(track.get_json()["track"]) == result["track_points"] == 2


def test_the_same_file_twice_is_one_workout(client: Any, owner: dict[str, str]) -> None:
    first = send(client, owner, ("laps.tcx", fixture("laps.tcx"))).get_json()["results"][0]
    again = send(client, owner, ("copy.tcx.gz", gzip.compress(fixture("laps.tcx"))))
    assert again.status_code == 200
    (result,) = again.get_json()["results"]
    assert result == {
        "file": "copy.tcx.gz",
        "status": "duplicate",
        "workout_id": first["workout_id"],
        "message": "This file was imported already.",
    }


def test_another_file_of_the_same_start_and_sport_is_a_duplicate(
    client: Any, owner: dict[str, str]
) -> None:
    first = send(client, owner, ("a.gpx", fixture("run-with-pause.gpx"))).get_json()
    renamed = fixture("run-with-pause.gpx").replace(b"Morning Run", b"Renamed on the watch")
    (result,) = send(client, owner, ("b.gpx", renamed)).get_json()["results"]
    assert result["status"] == "duplicate"
    assert result["workout_id"] == first["results"][0]["workout_id"]
    assert result["message"] == "A run starting at 2026-03-14T07:30:00Z is logged already."


def test_a_strava_export_imports_each_file_and_names_the_bad_one(
    client: Any, owner: dict[str, str]
) -> None:
    response = send(client, owner, ("export_12345.zip", fixture("strava-export.zip")))
    assert response.status_code == 201
    body = response.get_json()
    assert [(r["file"], r["status"]) for r in body["results"]] == [
        ("activities/1001.gpx.gz", "created"),
        ("activities/1002.fit.gz", "created"),
        ("activities/1003.tcx", "created"),
        ("activities/1004.gpx", "error"),
    ]
    assert body["results"][3]["message"] == "activities/1004.gpx: not valid XML at line 17"
    assert body["results"][0]["summary"]["name"] == "Saturday long run"  # from activities.csv
    assert body["results"][1]["summary"]["name"] == "Commute home"
    ride_id = body["results"][1]["workout_id"]
    ride = client.get(f"/training/workouts/{ride_id}", headers=owner).get_json()["workout"]
    # The FIT file's local_timestamp puts the ride on the owner's own day and clock.
    assert ride["start"] == "2017-06-12T09:10:15-07:00" and ride["day"] == "2017-06-12"
    again = send(client, owner, ("export_12345.zip", fixture("strava-export.zip"))).get_json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3 + ["error"]


@pytest.mark.parametrize(
    ("name", "fixture_name", "message"),
    [
        ("ride.fit", "truncated.fit", "ride.fit: file ends after 1,204 of 4,229 bytes"),
        ("morning-run.gpx", "truncated.gpx", "morning-run.gpx: not valid XML at line 17"),
    ],
)
def test_a_bad_file_is_422_naming_it(
    client: Any, owner: dict[str, str], name: str, fixture_name: str, message: str
) -> None:
    body = assert_error(send(client, owner, (name, fixture(fixture_name))), 422, "invalid_file")
    assert body["message"] == message
    assert body["fields"] == {name: message.split(": ", 1)[1]}


def test_a_zip_without_workouts_is_422(client: Any, owner: dict[str, str]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("profile.csv", "Athlete ID\n1\n")
    body = assert_error(send(client, owner, ("empty.zip", out.getvalue())), 422, "invalid_file")
    assert body["message"] == "empty.zip: holds no GPX, TCX or FIT file"


def test_a_zip_bomb_is_refused_before_anything_is_stored(
    client: Any, owner: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 3_000_000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("0.gpx", fixture("run-with-pause.gpx"))
        for i in range(1, 4):
            zf.writestr(f"{i}.gpx", b"\0" * 1_000_000)
    response = send(client, owner, ("bomb.zip", out.getvalue()))
    assert_error(response, 413, "archive_refused")
    listed = client.get("/training/workouts?year=2026", headers=owner).get_json()
    assert listed["workouts"] == []


def test_an_upload_over_the_limit_is_413(
    client: Any, owner: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 100_000)
    assert_error(send(client, owner, ("run.gpx", fixture("run-with-pause.gpx"))), 413)
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 400_000)
    assert send(client, owner, ("run.gpx", fixture("run-with-pause.gpx"))).status_code == 201


def test_files_must_come_as_multipart(client: Any, owner: dict[str, str]) -> None:
    response = client.post(URL, json={"file": "run.gpx"}, headers=owner)
    assert_error(response, 415)
    response = client.post(URL, data={}, headers=owner, content_type="multipart/form-data")
    assert_error(response, 400, "no_file")


def test_a_repeat_with_the_same_idempotency_key_answers_the_first_answer(
    client: Any, owner: dict[str, str]
) -> None:
    boundary = "frostfolio-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="laps.tcx"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + fixture("laps.tcx")
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        **owner,
        "Idempotency-Key": "import-laps-0001",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    first = client.post(URL, data=body, headers=headers)
    again = client.post(URL, data=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
