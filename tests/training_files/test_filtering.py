"""GPS spikes, elevation noise and the simplified track kept with a workout."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.training.files.analysis import ascent, smoothed, summarize
from api.training.files.geo import (
    MAX_TRACK_BYTES,
    MAX_TRACK_POINTS,
    drop_spikes,
    haversine,
    simplify,
)
from api.training.files.model import Activity, Point
from api.training.files.reader import read

from .conftest import upload

T0 = datetime(2026, 3, 14, 7, 30, tzinfo=UTC)


def test_spikes_in_a_real_shaped_run_are_removed() -> None:
    # An 800 m jump on the first point and a 500 m jump east for one second at 300 s.
    s = read(upload("spike.gpx"))
    assert s["spikes_removed"] == 2
    assert s["distance_m"] == pytest.approx(1998, abs=5)  # without them: 3.3 km
    assert s["moving_s"] == pytest.approx(666, abs=2)
    far_east = 10.75 + 400 / (111_195 * math.cos(math.radians(59.91)))
    assert all(lon < far_east for _, lon in s["track"])


def test_a_ride_keeps_speeds_a_runner_could_not_reach() -> None:
    # 20 m/s is a fast descent on a bike, a GPS error on foot.
    points = [Point(T0 + timedelta(seconds=s), 59.91 + s * 20 / 111_195, 10.75) for s in range(30)]
    assert drop_spikes(points, "ride")[1] == 0
    assert drop_spikes(points, "run")[1] > 0


def test_points_without_position_pass_through_the_filter() -> None:
    points = [Point(T0 + timedelta(seconds=s), hr=120) for s in range(10)]
    assert drop_spikes(points, "run") == (points, 0)


def test_elevation_noise_adds_no_ascent() -> None:
    rng = random.Random(7)
    flat = [100 + rng.uniform(-1.5, 1.5) for _ in range(3600)]
    assert ascent(smoothed(flat)) < 5
    climb = [100 + i * 0.1 + rng.uniform(-1.5, 1.5) for i in range(1000)]
    assert ascent(smoothed(climb)) == pytest.approx(100, abs=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-400, 8000), min_size=1, max_size=200))
def test_ascent_never_exceeds_the_sum_of_every_rise(elevations: list[float]) -> None:
    rises = sum(max(0.0, b - a) for a, b in zip(elevations, elevations[1:], strict=False))
    assert 0 <= ascent(elevations) <= rises + 1e-6


def _zigzag(n: int) -> list[Point]:
    # Every point 30 m off the line of its neighbours: nothing simplifies away easily.
    return [
        Point(T0 + timedelta(seconds=i), 59.91 + i * 5 / 111_195, 10.75 + (i % 2) * 0.0005)
        for i in range(n)
    ]


def test_the_track_is_bounded_in_points_and_bytes() -> None:
    track = simplify(_zigzag(20_000))
    assert 2 <= len(track) <= MAX_TRACK_POINTS
    assert len(json.dumps(track, separators=(",", ":"))) <= MAX_TRACK_BYTES
    assert track[0] == [59.91, 10.75]  # the ends are always kept


def test_a_straight_run_simplifies_to_its_ends() -> None:
    assert len(read(upload("run-with-pause.gpx"))["track"]) == 2


def test_simplifying_keeps_the_shape_within_the_tolerance() -> None:
    walk = read(upload("no-elevation-no-hr.gpx"))
    corners = [[59.91, 10.75], [59.91, 10.75448], [59.91225, 10.75448], [59.91225, 10.75]]
    for corner in corners:
        assert any(haversine(Point(None, *corner), Point(None, *p)) < 3 for p in walk["track"]), (
            corner
        )


def test_a_file_of_one_point_has_no_distance() -> None:
    s = summarize(Activity(sport="run", points=[Point(T0, 59.91, 10.75)]))
    assert s["distance_m"] == 0 and s["splits"] == [] and s["track"] == [[59.91, 10.75]]


@st.composite
def tracks(draw: st.DrawFn) -> list[Point]:
    """Random walks: steps of 0–40 m every 1–400 s, some with elevation or heart rate."""
    n = draw(st.integers(2, 80))
    lat, lon, t = 59.91, 10.75, T0
    points = []
    for _ in range(n):
        points.append(
            Point(
                t,
                lat,
                lon,
                draw(st.none() | st.floats(-50, 3000)),
                draw(st.none() | st.integers(40, 200)),
            )
        )
        step = draw(st.floats(0, 40))
        heading = draw(st.floats(0, 2 * math.pi))
        lat += step * math.cos(heading) / 111_195
        lon += step * math.sin(heading) / (111_195 * math.cos(math.radians(lat)))
        t += timedelta(seconds=draw(st.integers(1, 400)))
    return points


@settings(max_examples=60, deadline=None)
@given(tracks(), st.sampled_from(["run", "ride", "walk", "other"]))
def test_the_numbers_of_any_track_agree_with_each_other(points: list[Point], sport: str) -> None:
    s = summarize(Activity(sport=sport, points=points))
    kept, _ = drop_spikes(points, sport)
    every_step = sum(haversine(a, b) for a, b in zip(kept, kept[1:], strict=False))
    assert 0 <= s["distance_m"] <= every_step + 0.1  # moving stretches only
    assert 0 <= s["moving_s"] <= s["elapsed_s"]
    assert sum(x["distance_m"] for x in s["splits"]) == pytest.approx(
        s["distance_m"], abs=0.2 * len(s["splits"]) + 0.1
    )
    assert sum(x["moving_s"] for x in s["splits"]) == pytest.approx(
        s["moving_s"], abs=len(s["splits"]) + 1
    )
    assert all(x["distance_m"] <= 1000 for x in s["splits"])
    assert 1 <= len(s["track"]) <= MAX_TRACK_POINTS
    assert s["track"][0] == [round(kept[0].lat, 5), round(kept[0].lon, 5)]
