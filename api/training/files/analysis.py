"""A workout's numbers from its points: distance, moving time, ascent, pace, splits, heart rate.

Pure functions over :class:`~api.training.files.model.Activity`; the choices:

- Moving: the stretch between two consecutive points counts (its time and its
  distance) unless the speed over it is below :data:`STOPPED_SPEED` for the
  sport, or the gap is longer than :data:`MAX_GAP` seconds (the watch was
  paused): a wait at a crossing adds no time and no GPS jitter.
- Distance: haversine between the spike-filtered GPS points while moving; a
  file without positions (a pool swim, a treadmill) uses the device's own
  distances.
- Ascent: elevations smoothed by a centred mean of :data:`SMOOTHING` points,
  then climbs counted with a hysteresis of :data:`HYSTERESIS` metres, so GPS
  and barometer noise of a metre or two never adds up.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import timedelta, timezone
from typing import Any

from .geo import drop_spikes, haversine, simplify
from .model import Activity, Point

STOPPED_SPEED = {"ride": 1.0, "swim": 0.2}  # m/s; 0.5 for every other sport
MAX_GAP = 300.0  # seconds without a point: a pause, whatever the distance
SMOOTHING = 5
HYSTERESIS = 3.0
SPLIT = 1000.0


def smoothed(values: Sequence[float], window: int = SMOOTHING) -> list[float]:
    """Return the centred moving mean of ``values`` (the window shrinks at the ends)."""
    half = window // 2
    sums = [0.0]
    for v in values:
        sums.append(sums[-1] + v)
    out = []
    for i in range(len(values)):
        lo, hi = max(0, i - half), min(len(values), i + half + 1)
        out.append((sums[hi] - sums[lo]) / (hi - lo))
    return out


def ascent(elevations: Sequence[float], hysteresis: float = HYSTERESIS) -> float:
    """Return the metres climbed, counting a rise only once it passes ``hysteresis``."""
    if not elevations:
        return 0.0
    total, reference = 0.0, elevations[0]
    for ele in elevations[1:]:
        if ele - reference >= hysteresis:
            total += ele - reference
            reference = ele
        elif reference - ele >= hysteresis:
            reference = ele
    return total


def _series(points: Sequence[Point]) -> list[tuple[float, float]]:
    """Return (seconds since start, metres so far) for every timed point."""
    timed = [p for p in points if p.time is not None]
    if not timed:
        return []
    start = timed[0].time
    located = [p for p in timed if p.located]
    out: list[tuple[float, float]] = []
    if len(located) >= 2:
        metres, previous = 0.0, None
        for p in located:
            if previous is not None:
                metres += haversine(previous, p)
            out.append(((p.time - start).total_seconds(), metres))  # type: ignore[operator]
            previous = p
    else:
        for p in timed:
            if p.distance is not None:
                out.append(((p.time - start).total_seconds(), p.distance))  # type: ignore[operator]
    return out


def moving(series: Sequence[tuple[float, float]], sport: str) -> list[tuple[float, float, float]]:
    """Return (seconds since start, moving metres, moving seconds) so far at each point.

    A stretch between two points counts, time and distance, only while moving:
    standing at a crossing adds neither the wait nor the GPS jitter's metres.
    """
    if not series:
        return []
    stopped = STOPPED_SPEED.get(sport, 0.5)
    out = [(series[0][0], 0.0, 0.0)]
    metres = seconds = 0.0
    for (t0, d0), (t1, d1) in zip(series, series[1:], strict=False):
        dt = t1 - t0
        if 0 < dt <= MAX_GAP and (d1 - d0) / dt >= stopped:
            metres += d1 - d0
            seconds += dt
        out.append((t1, metres, seconds))
    return out


def _interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    i = bisect_left(xs, x)
    if i <= 0:
        return ys[0]
    if i >= len(xs):
        return ys[-1]
    x0, x1 = xs[i - 1], xs[i]
    share = 0.0 if x1 == x0 else (x - x0) / (x1 - x0)
    return ys[i - 1] + share * (ys[i] - ys[i - 1])


def splits(track: Sequence[tuple[float, float, float]]) -> list[dict[str, Any]]:
    """Return one split per full kilometre moved, and the part of one left at the end."""
    if len(track) < 2:
        return []
    times = [t for t, _, _ in track]
    metres = [d for _, d, _ in track]
    moved = [m for _, _, m in track]
    total = metres[-1]
    out: list[dict[str, Any]] = []
    mark, previous_t, previous_m = 0.0, times[0], 0.0
    while mark < total:
        end = min(mark + SPLIT, total)
        at_t = _interpolate(metres, times, end)
        at_m = _interpolate(metres, moved, end)
        if end - mark >= 1:
            out.append(
                {
                    "km": len(out) + 1,
                    "distance_m": round(end - mark, 1),
                    "moving_s": round(at_m - previous_m, 1),
                    "elapsed_s": round(at_t - previous_t, 1),
                }
            )
        mark, previous_t, previous_m = end, at_t, at_m
    return out


def pace(sport: str, metres: float, seconds: float) -> dict[str, float]:
    """Return the average speed, and the pace a runner, walker or swimmer reads."""
    if metres <= 0 or seconds <= 0:
        return {}
    out = {"speed_kmh": round(metres / seconds * 3.6, 2)}
    if sport in {"run", "walk", "hike"}:
        out["pace_s_per_km"] = round(seconds / metres * 1000, 1)
    elif sport == "swim":
        out["pace_s_per_100m"] = round(seconds / metres * 100, 1)
    return out


def _local_start(activity: Activity) -> str | None:
    """Return the start with the device's UTC offset, when the file tells it (FIT)."""
    if activity.start is None or activity.utc_offset_s is None:
        return None
    zone = timezone(timedelta(seconds=activity.utc_offset_s))
    return activity.start.astimezone(zone).isoformat()


def summarize(activity: Activity) -> dict[str, Any]:
    """Return the workout's numbers, splits and simplified track from a parsed file."""
    points, spikes = drop_spikes(activity.points, activity.sport)
    track = moving(_series(points), activity.sport)
    timed = [p.time for p in points if p.time is not None]
    if len(track) >= 2:
        distance, moving_s = track[-1][1], track[-1][2]
    else:
        distance = activity.device_distance or 0.0
        moving_s = activity.device_moving or 0.0
    elapsed = (timed[-1] - timed[0]).total_seconds() if len(timed) >= 2 else 0.0
    elapsed = max(elapsed, activity.device_elapsed or 0.0, moving_s)
    if len(track) < 2 and activity.device_moving:
        moving_s = activity.device_moving
    elevations = [p.ele for p in points if p.ele is not None]
    rates = [p.hr for p in points if p.hr is not None]
    summary: dict[str, Any] = {
        "sport": activity.sport,
        "start": activity.start.strftime("%Y-%m-%dT%H:%M:%SZ") if activity.start else None,
        "start_local": _local_start(activity),
        "name": activity.name,
        "distance_m": round(distance, 1),
        "elapsed_s": round(elapsed),
        "moving_s": round(moving_s),
        "ascent_m": round(ascent(smoothed(elevations)), 1) if elevations else None,
        "avg_hr": round(sum(rates) / len(rates)) if rates else None,
        "max_hr": max(rates) if rates else None,
        **pace(activity.sport, distance, moving_s),
        "splits": splits(track),
        "laps": [
            {"distance_m": lap.distance, "moving_s": lap.seconds}
            for lap in activity.laps
            if lap.seconds is not None or lap.distance is not None
        ],
        "track": simplify(points),
        "points": len(points),
        "spikes_removed": spikes,
    }
    return summary
