"""Hypothesis strategies: workouts as the store keeps them, and as the API takes them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

FIRST_DAY = date(2026, 10, 1)
SPORTS = ("run", "ride", "strength")
LIFTS = ("Bench press", "bench  PRESS", "Squat")


@st.composite
def bodies(draw: Any) -> dict[str, Any]:
    """Return a workout body as the owner sends it."""
    day = FIRST_DAY + timedelta(days=draw(st.integers(0, 90)))
    hour = draw(st.integers(0, 23))
    sport = draw(st.sampled_from(SPORTS))
    body: dict[str, Any] = {
        "sport": sport,
        "start": f"{day.isoformat()}T{hour:02d}:{draw(st.integers(0, 59)):02d}:00+01:00",
        "duration_s": draw(st.integers(60, 5 * 3600)),
        "distance_m": draw(st.integers(0, 25_000)),
        "ascent_m": draw(st.integers(0, 500)),
    }
    if draw(st.booleans()):
        tenths = st.integers(1500, 4000).map(lambda t: Decimal(t) / 10)
        body["splits"] = draw(st.lists(tenths, max_size=14))
    if sport == "strength":
        weights = st.integers(0, 2000).map(lambda q: Decimal(q) / 4)
        sets = st.lists(
            st.fixed_dictionaries({"reps": st.integers(1, 15), "weight_kg": weights}),
            min_size=1,
            max_size=4,
        )
        body["exercises"] = draw(
            st.lists(
                st.fixed_dictionaries({"name": st.sampled_from(LIFTS), "sets": sets}), max_size=3
            )
        )
    return body


def stored(body: dict[str, Any], number: int) -> dict[str, Any]:
    """Return the fields the reports read from a stored workout made from ``body``."""
    from datetime import UTC, datetime

    start = datetime.fromisoformat(body["start"]).astimezone(UTC)
    return {
        "id": f"w{number:015d}",
        "day": body["start"][:10],
        "start_utc": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "distance_m": 0,
        "ascent_m": 0,
        **body,
    }


workout_lists = st.lists(bodies(), max_size=25).map(
    lambda found: [stored(b, i) for i, b in enumerate(found)]
)
