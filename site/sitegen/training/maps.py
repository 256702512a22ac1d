"""A workout's map: its simplified track drawn as an inline SVG line, no tiles, no script.

The track is projected flat (longitude scaled by the cosine of the middle latitude,
plenty for the few kilometres of a workout), fitted into the picture with a margin,
thinned with Douglas-Peucker until it has at most `limit` points, and written with
whole-number coordinates, so a map weighs about 1 KB on the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 400, 260, 12


@dataclass(frozen=True)
class MapLine:
    """What the template draws: the viewBox, the line's points, start and finish."""

    width: int
    height: int
    points: str  # "x,y x,y …"
    start: tuple[int, int]
    end: tuple[int, int]


def project(track: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Flat x/y in metres-like units (y grows southwards, as SVG's does)."""
    lats = [lat for lat, _lon in track]
    mid = math.radians((min(lats) + max(lats)) / 2)
    scale = math.cos(mid)
    return [(lon * scale, -lat) for lat, lon in track]


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (a long track must not hit the recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index > 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def map_line(
    track: Sequence[tuple[float, float]],
    limit: int = 120,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> MapLine | None:
    """The track fitted into a `width`×`height` picture, or None with fewer than 2 points."""
    if len(track) < 2:
        return None
    flat = project(track)
    xs, ys = [x for x, _ in flat], [y for _, y in flat]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    if max(span_x, span_y) < 1e-9:
        return None  # every point in one place: nothing to draw
    room_x, room_y = width - 2 * MARGIN, height - 2 * MARGIN
    scale = min(room_x / max(span_x, 1e-12), room_y / max(span_y, 1e-12))
    off_x = (width - span_x * scale) / 2 - min(xs) * scale
    off_y = (height - span_y * scale) / 2 - min(ys) * scale
    fitted = [(x * scale + off_x, y * scale + off_y) for x, y in flat]
    tolerance = 0.5
    thin = simplify(fitted, tolerance)
    while len(thin) > limit:
        tolerance *= 1.6
        thin = simplify(fitted, tolerance)
    whole: list[tuple[int, int]] = []
    for x, y in thin:
        point = (round(x), round(y))
        if not whole or whole[-1] != point:
            whole.append(point)
    if len(whole) < 2:
        whole.append(whole[0])
    text = " ".join(f"{x},{y}" for x, y in whole)
    return MapLine(width, height, text, whole[0], whole[-1])
