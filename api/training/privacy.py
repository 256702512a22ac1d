"""Privacy zones: track points near the owner's private places are cut from public maps.

Strava-style: every point within a zone's radius (plus a safety margin that
covers the rounding of coordinates to 5 decimals, about a metre) is left
out, and the line is broken there, so a map never draws a path into the
zone. Two kept points whose straight line passes through a zone are not
joined either. Pure functions; distances are great-circle (haversine) metres.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

EARTH_M = 6_371_008.8
MARGIN_M = 5.0
PUBLIC_POINTS = 500


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(h)))


def _zones(zones: Iterable[dict[str, Any]]) -> list[tuple[float, float, float]]:
    return [(float(z["lat"]), float(z["lon"]), float(z["radius_m"]) + MARGIN_M) for z in zones]


def _inside(lat: float, lon: float, zones: list[tuple[float, float, float]]) -> bool:
    return any(distance_m(lat, lon, zl, zo) <= r for zl, zo, r in zones)


def _chord_crosses(
    a: tuple[float, float], b: tuple[float, float], zones: list[tuple[float, float, float]]
) -> bool:
    # Closest approach of the straight line a-b to each zone's centre, on a local flat map.
    for zl, zo, r in zones:
        scale = math.cos(math.radians(zl))
        ax, ay = (a[1] - zo) * scale, a[0] - zl
        bx, by = (b[1] - zo) * scale, b[0] - zl
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        cx, cy = ax + t * dx, ay + t * dy
        if math.hypot(cx, cy) * math.pi / 180 * EARTH_M <= r:
            return True
    return False


def thin(points: Sequence[Sequence[Any]], limit: int = PUBLIC_POINTS) -> list[tuple[float, float]]:
    """Keep at most ``limit`` points, evenly spaced, the first and last among them."""
    pairs = [(float(p[0]), float(p[1])) for p in points]
    if len(pairs) <= limit:
        return pairs
    step = (len(pairs) - 1) / (limit - 1)
    return [pairs[round(i * step)] for i in range(limit)]


def cut(
    points: Sequence[Sequence[Any]], zones: Iterable[dict[str, Any]]
) -> list[list[list[float]]]:
    """Return the track as segments of ``[lat, lon]`` outside every zone (5 decimals)."""
    spans = _zones(zones)
    segments: list[list[list[float]]] = []
    current: list[tuple[float, float]] = []
    for point in thin(points):
        if _inside(point[0], point[1], spans):
            current = _close(segments, current)
            continue
        if current and _chord_crosses(current[-1], point, spans):
            current = _close(segments, current)
        current.append(point)
    _close(segments, current)
    return segments


def _close(
    segments: list[list[list[float]]], current: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    if len(current) >= 2:  # a lone point draws nothing
        segments.append([[round(lat, 5), round(lon, 5)] for lat, lon in current])
    return []
