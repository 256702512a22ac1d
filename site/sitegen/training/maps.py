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
    """What the template draws: the viewBox, one line per segment, start and finish."""

    width: int
    height: int
    lines: tuple[str, ...]  # "x,y x,y …" per segment (a privacy zone breaks the line)
    start: tuple[int, int]
    end: tuple[int, int]


def project(track: Sequence[tuple[float, float]], mid_lat: float) -> list[tuple[float, float]]:
    """Flat x/y (longitude scaled at the middle latitude; y grows southwards, as SVG's does)."""
    scale = math.cos(math.radians(mid_lat))
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


@dataclass(frozen=True)
class Fit:
    """How a track's (lat, lon) become the picture's x, y: one scale, one offset."""

    mid_lat: float
    scale: float
    off_x: float
    off_y: float

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """Where a point falls in the picture."""
        [(x, y)] = project([(lat, lon)], self.mid_lat)
        return (x * self.scale + self.off_x, y * self.scale + self.off_y)

    def metres(self) -> float:
        """How many picture units one metre takes (north-south)."""
        return self.scale / 111_195.0


def fit(
    segments: Sequence[Sequence[tuple[float, float]]], width: int = WIDTH, height: int = HEIGHT
) -> Fit | None:
    """Fit every point into the picture with a margin, keeping the shape; None for a dot."""
    points = [p for s in segments for p in s]
    if len(points) < 2:
        return None
    lats = [lat for lat, _lon in points]
    mid = (min(lats) + max(lats)) / 2
    flat = project(points, mid)
    xs, ys = [x for x, _ in flat], [y for _, y in flat]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    if max(span_x, span_y) < 1e-9:
        return None  # every point in one place: nothing to draw
    room_x, room_y = width - 2 * MARGIN, height - 2 * MARGIN
    scale = min(room_x / max(span_x, 1e-12), room_y / max(span_y, 1e-12))
    off_x = (width - span_x * scale) / 2 - min(xs) * scale
    off_y = (height - span_y * scale) / 2 - min(ys) * scale
    return Fit(mid, scale, off_x, off_y)


def map_line(
    segments: Sequence[Sequence[tuple[float, float]]],
    limit: int = 120,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> MapLine | None:
    """The track's segments fitted into a `width`×`height` picture, at most `limit` points
    in all; None when there is no line to draw."""
    segments = [s for s in segments if len(s) >= 2]
    where = fit(segments, width, height)
    if where is None:
        return None
    fitted = [[where.xy(lat, lon) for lat, lon in s] for s in segments]
    tolerance = 0.5
    thin = [simplify(s, tolerance) for s in fitted]
    while sum(map(len, thin)) > max(limit, 2 * len(thin)):
        tolerance *= 1.6
        thin = [simplify(s, tolerance) for s in fitted]
    lines: list[list[tuple[int, int]]] = []
    for segment in thin:
        whole: list[tuple[int, int]] = []
        for x, y in segment:
            point = (round(x), round(y))
            if not whole or whole[-1] != point:
                whole.append(point)
        if len(whole) == 1:
            whole.append(whole[0])
        lines.append(whole)
    text = tuple(" ".join(f"{x},{y}" for x, y in line) for line in lines)
    return MapLine(width, height, text, lines[0][0], lines[-1][-1])
