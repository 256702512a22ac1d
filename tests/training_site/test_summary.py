"""The summary and the maps as pure functions: whatever the API (or a broken copy) holds,
the build neither fails nor draws outside the picture, and a map keeps to its points."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sitegen.training.maps import map_line
from sitegen.training.summary import parse

from .conftest import summary

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
KEYS = st.sampled_from(["ok", "years", "records", "goals", "workouts"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5))
def test_any_answer_parses_or_is_no_data(data):
    found = parse(data)
    assert found is None or found.digest


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["years", "records", "goals", "workouts"]), st.integers(0, 1), JSON)
def test_one_malformed_entry_leaves_the_others_shown(key, where, junk):
    data = summary()
    data[key].insert(where, junk)
    found = parse(data)
    assert [w.id for w in found.workouts] == ["w2", "w1"]
    assert [r.id for r in found.records] == ["run:fastest_5k", "lift:squat"]


POINT = st.tuples(st.floats(-80, 80), st.floats(-179, 179))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(POINT, min_size=0, max_size=300), max_size=4), st.integers(2, 200))
def test_a_map_stays_in_its_picture_within_its_points(segments, limit):
    line = map_line(segments, limit=limit)
    drawn = [s for s in segments if len(s) >= 2]
    if line is None:
        return
    assert len(line.lines) == len(drawn)
    points = [tuple(map(int, p.split(","))) for text in line.lines for p in text.split()]
    assert len(points) <= max(limit, 2 * len(drawn))
    assert all(0 <= x <= line.width and 0 <= y <= line.height for x, y in points)
