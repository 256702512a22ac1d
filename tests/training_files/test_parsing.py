"""Each fixture read and analysed: the numbers match the routes they were drawn from.

The routes are in fixtures/make_fixtures.py: a run of 3 km at 3 m/s with a
2-minute wait, a 1 km square walk, three 1 km laps of 300 s, a 1,500 m pool
swim, and a real 457 m Garmin ride.
"""

from __future__ import annotations

import pytest

from api.training.files.reader import read

from .conftest import upload


def test_a_run_with_a_pause_counts_only_the_running() -> None:
    s = read(upload("run-with-pause.gpx"))
    assert s["sport"] == "run" and s["name"] == "Morning Run"
    assert s["start"] == "2026-03-14T07:30:00Z"
    assert s["start_local"] is None  # a GPX tells no time zone
    assert s["distance_m"] == pytest.approx(3000, abs=5)  # the wait's GPS jitter adds nothing
    assert s["moving_s"] == pytest.approx(1000, abs=2)
    assert s["elapsed_s"] == 1119
    assert s["ascent_m"] == pytest.approx(50, abs=3)  # the ±1 m noise afterwards adds nothing
    assert s["pace_s_per_km"] == pytest.approx(333.3, abs=1)
    assert s["avg_hr"] == 150 and s["max_hr"] == 159


def test_splits_per_km_leave_the_pause_out_of_moving_time() -> None:
    splits = read(upload("run-with-pause.gpx"))["splits"]
    assert [s["km"] for s in splits] == [1, 2, 3]
    assert [s["moving_s"] for s in splits] == pytest.approx([333.3] * 3, abs=1)
    # The 120 s wait happened at 1.5 km: inside the second kilometre's elapsed time.
    assert splits[1]["elapsed_s"] == pytest.approx(333.3 + 120, abs=2)


def test_a_gpx_without_elevation_or_heart_rate() -> None:
    s = read(upload("no-elevation-no-hr.gpx"))
    assert s["distance_m"] == pytest.approx(1000, abs=3)
    assert s["moving_s"] == 800 and s["elapsed_s"] == 800
    assert s["ascent_m"] is None and s["avg_hr"] is None and s["max_hr"] is None
    assert s["sport"] == "other"  # no <type>: nothing guessed
    assert s["splits"] == [{"km": 1, "distance_m": 1000.0, "moving_s": 800.0, "elapsed_s": 800.0}]


def test_a_tcx_with_several_laps() -> None:
    s = read(upload("laps.tcx"))
    assert s["sport"] == "run" and s["name"] == "Tempo laps"
    assert s["laps"] == [{"distance_m": 1000.0, "moving_s": 300.0}] * 3
    assert s["distance_m"] == pytest.approx(3000, abs=3)
    assert s["moving_s"] == 900
    assert [x["moving_s"] for x in s["splits"]] == pytest.approx([300] * 3, abs=1)
    assert s["ascent_m"] == pytest.approx(20, abs=3)
    assert s["avg_hr"] == 155


def test_a_pool_swim_without_gps_takes_the_devices_distance_and_timer() -> None:
    s = read(upload("pool-swim.fit"))
    assert s["sport"] == "swim"
    assert s["distance_m"] == 1500 and s["moving_s"] == 1800
    assert s["elapsed_s"] == 1920  # the two 60 s rests
    assert s["pace_s_per_100m"] == 120
    assert s["track"] == [] and s["splits"] == []
    assert len(s["laps"]) == 3 and s["avg_hr"] == 135


def test_a_real_garmin_ride_matches_its_own_session() -> None:
    # The device's session says 457.12 m in 64.5 s, average heart rate 116.
    s = read(upload("ride.fit"))
    assert s["sport"] == "ride" and s["start"] == "2017-06-12T16:10:15Z"
    assert s["start_local"] == "2017-06-12T09:10:15-07:00"  # its local_timestamp: California
    assert s["distance_m"] == pytest.approx(457.12, rel=0.02)
    assert s["elapsed_s"] == pytest.approx(64.5, abs=1)
    assert s["avg_hr"] == pytest.approx(116, abs=3)
    assert s["speed_kmh"] == pytest.approx(7.084 * 3.6, rel=0.03)
    start = [446375435 * 180 / 2**31, -1456338541 * 180 / 2**31]  # its session's start, in degrees
    assert s["track"][0] == pytest.approx(start, abs=1e-5)


def test_gzipped_files_read_like_the_plain_ones() -> None:
    import gzip

    from api.training.files.archive import open_upload

    plain = read(upload("laps.tcx"))
    (packed,) = open_upload("laps.tcx.gz", gzip.compress(upload("laps.tcx").data))
    assert read(packed) == plain


def test_the_kind_is_told_by_content_when_the_name_says_nothing() -> None:
    assert upload("export-1", upload("ride.fit").data).kind == "fit"
    assert upload("export-2", upload("laps.tcx").data).kind == "tcx"
    assert upload("export-3", upload("spike.gpx").data).kind == "gpx"
