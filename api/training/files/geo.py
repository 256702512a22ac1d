"""Distances on the Earth, GPS spikes, and the simplified track kept with a workout."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from .model import Point

EARTH_RADIUS = 6_371_008.8  # metres, the mean radius
MAX_TRACK_POINTS = 2_000
MAX_TRACK_BYTES = 100_000
MAX_SIMPLIFIED_INPUT = 20_000  # more points are thinned evenly first (RDP is n² at worst)
# Faster than this between two points (m/s) is a GPS error, not the athlete.
MAX_SPEED = {"run": 12.0, "walk": 7.0, "hike": 7.0, "swim": 5.0, "ride": 35.0, "other": 70.0}


def haversine(a: Point, b: Point) -> float:
    """Return the great-circle distance between two located points, in metres."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(h)))


def _too_fast(a: Point, b: Point, limit: float) -> bool:
    metres = haversine(a, b)
    if a.time is None or b.time is None:
        return metres > limit * 60  # no clock: only a jump of a minute at top speed
    seconds = (b.time - a.time).total_seconds()
    return metres > limit * max(seconds, 1.0)


def drop_spikes(points: Sequence[Point], sport: str) -> tuple[list[Point], int]:
    """Remove located points reached at an implausible speed for the sport.

    A point is a spike when getting to it from the last good point is too fast
    and so is leaving it for the next point (an out-and-back jump), or when it
    is the first or last point and its only neighbour is out of reach while the
    rest of the track is not. Points without a position pass through untouched.
    Return the kept points and how many were dropped.
    """
    limit = MAX_SPEED.get(sport, MAX_SPEED["other"])
    located = [p for p in points if p.located]
    if len(located) < 3:
        return list(points), 0
    spikes: set[int] = set()
    if _too_fast(located[0], located[1], limit) and not _too_fast(located[1], located[2], limit):
        spikes.add(0)
    start = 2 if spikes else 1
    last = located[start - 1]
    for i in range(start, len(located)):
        here = located[i]
        if _too_fast(last, here, limit):
            following = located[i + 1] if i + 1 < len(located) else None
            if following is None or _too_fast(here, following, limit):
                spikes.add(i)
                continue
        last = here
    if not spikes:
        return list(points), 0
    bad = {id(located[i]) for i in spikes}
    return [p for p in points if id(p) not in bad], len(spikes)


def _rdp(xy: list[tuple[float, float]], epsilon: float) -> list[int]:
    """Return the indices Ramer–Douglas–Peucker keeps (iterative, so no recursion limit)."""
    keep = [False] * len(xy)
    keep[0] = keep[-1] = True
    stack = [(0, len(xy) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = xy[first], xy[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index, middle = 0.0, -1, (first + last) / 2
        for i in range(first + 1, last):
            x, y = xy[i]
            if norm == 0:
                d = math.hypot(x - x1, y - y1)
            else:
                d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if d > worst + 1e-6:
                worst, index = d, i
            elif d > worst - 1e-6 and abs(i - middle) < abs(index - middle):
                index = i  # of equal points the middle one: balanced splits, n log n
        if index >= 0 and worst > epsilon:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [i for i, k in enumerate(keep) if k]


def simplify(points: Sequence[Point], epsilon: float = 2.0) -> list[list[float]]:
    """Return the track as ``[[lat, lon], ...]`` (5 decimals, about 1 m) within the bounds.

    Starting at ``epsilon`` metres, the tolerance doubles until the track has at
    most :data:`MAX_TRACK_POINTS` points and its JSON at most
    :data:`MAX_TRACK_BYTES` bytes.
    """
    located = [p for p in points if p.located]
    if not located:
        return []
    if len(located) > MAX_SIMPLIFIED_INPUT:
        step = -(-len(located) // MAX_SIMPLIFIED_INPUT)
        located = located[::step] + ([located[-1]] if (len(located) - 1) % step else [])
    lat0 = math.radians(sum(p.lat for p in located) / len(located))  # type: ignore[misc]
    scale = EARTH_RADIUS * math.pi / 180
    xy = [(p.lon * scale * math.cos(lat0), p.lat * scale) for p in located]  # type: ignore[operator]
    rounded = [[round(p.lat, 5), round(p.lon, 5)] for p in located]  # type: ignore[arg-type]
    if len(located) == 1:
        return rounded
    while True:
        track = [rounded[i] for i in _rdp(xy, epsilon)]
        size = len(json.dumps(track, separators=(",", ":")))
        if len(track) <= MAX_TRACK_POINTS and size <= MAX_TRACK_BYTES:
            return track
        epsilon *= 2
