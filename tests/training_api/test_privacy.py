"""The public summary: no private workout, no point inside a privacy zone."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.training import fields, privacy, store

from .conftest import Owner, workout_body

BASE = (52.37, 4.89)


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine, written out here again (the check must not trust the code it checks)."""
    r = 6_371_000.0
    a = (
        math.sin(math.radians(lat2 - lat1) / 2) ** 2
        + math.cos(math.radians(lat1))
        * math.cos(math.radians(lat2))
        * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(a))


@st.composite
def tracks(draw: Any) -> list[list[float]]:
    """A random walk near BASE: 2 to 800 points, steps up to ~150 m."""
    n = draw(st.integers(2, 800))
    steps = draw(
        st.lists(st.tuples(st.integers(-150, 150), st.integers(-150, 150)), min_size=n, max_size=n)
    )
    lat, lon = (
        BASE[0] + draw(st.integers(-3000, 3000)) / 1e5,
        BASE[1] + draw(st.integers(-3000, 3000)) / 1e5,
    )
    points = []
    for dy, dx in steps:
        lat += dy / 111_000
        lon += dx / (111_000 * math.cos(math.radians(lat)))
        points.append([round(lat, 6), round(lon, 6)])
    return points


zones = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.just("Home"),
            "lat": st.integers(-2000, 2000).map(lambda d: round(BASE[0] + d / 1e5, 5)),
            "lon": st.integers(-2000, 2000).map(lambda d: round(BASE[1] + d / 1e5, 5)),
            "radius_m": st.integers(50, 1000),
        }
    ),
    min_size=1,
    max_size=3,
)


def outside(points: list[list[float]], where: list[dict[str, Any]]) -> bool:
    return all(
        metres(p[0], p[1], float(z["lat"]), float(z["lon"])) > z["radius_m"]
        for p in points
        for z in where
    )


@settings(deadline=None)  # a busy shared machine; the checks are exact, not timed
@given(tracks(), zones)
def test_no_point_of_a_cut_track_is_inside_a_zone(track: list[list[float]], where: list) -> None:
    segments = privacy.cut(track, where)
    assert all(len(s) >= 2 for s in segments)
    assert all(outside(s, where) for s in segments)
    assert sum(len(s) for s in segments) <= privacy.PUBLIC_POINTS


def test_a_track_far_from_every_zone_is_kept_whole() -> None:
    track = [[BASE[0] + i / 1e4, BASE[1]] for i in range(50)]
    far = [{"lat": BASE[0] - 1, "lon": BASE[1], "radius_m": 500}]
    assert privacy.cut(track, far) == [[[round(a, 5), round(b, 5)] for a, b in track]]


def test_a_line_through_a_zone_is_broken_even_between_points_outside() -> None:
    track = [
        [BASE[0] - 0.01, BASE[1]],
        [BASE[0] - 0.009, BASE[1]],
        [BASE[0] + 0.009, BASE[1]],
        [BASE[0] + 0.01, BASE[1]],
    ]
    home = [{"lat": BASE[0], "lon": BASE[1], "radius_m": 200}]
    assert len(privacy.cut(track, home)) == 2


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.lists(st.tuples(tracks(), st.booleans()), min_size=1, max_size=4), zones)
def test_the_public_summary_shows_nothing_private(make_app: Any, made: list, where: list) -> None:
    app = make_app(owner_auth_limit=10**6)
    table = app.extensions["frostfolio"].table
    me = Owner(app.test_client())
    me.call(
        "PUT",
        "/training/settings",
        json={
            "version": 0,
            "privacy_zones": where,
            "public_records": ["run:longest_distance", "run:fastest_1k"],
        },
    )
    private_marks = []
    for i, (track, shown) in enumerate(made):
        secret = f"secret-{i}-notes"
        body = workout_body(
            title=f"{'Shown' if shown else 'Hidden'} run {i}",
            notes=secret,
            visibility="public" if shown else "private",
            start=f"2026-11-{10 + i:02d}T07:00:00+01:00",
            distance_m=1000 * (i + 1),
        )
        item = store.create(table, fields.clean_workout(body), track=track)
        if not shown:
            private_marks += [item["id"], body["title"]]
        private_marks.append(secret)
    # A private goal too, never to be seen.
    me.call(
        "POST",
        "/training/goals",
        201,
        json={"kind": "count", "period": "week", "target": 3, "name": "Private aim"},
    )
    private_marks.append("Private aim")
    summary = me.client.get("/training/public")
    assert summary.status_code == 200
    text = summary.get_data(as_text=True)
    for mark in private_marks:
        assert mark not in text
    data = json.loads(text)
    for workout in data["workouts"]:
        assert outside(workout["track"], where)
        for segment in workout["segments"]:
            assert outside(segment, where)
    for record in data["records"]:
        assert record["workout"] not in private_marks
    assert "privacy_zones" not in text and "radius_m" not in text
