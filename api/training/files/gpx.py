"""Read a GPX file with gpxpy: track points with elevation and heart rate when present."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .model import Activity, FileProblem, Point, sport_from
from .xmltext import syntax_problem, xml_text


def read_gpx(name: str, data: bytes) -> Activity:
    """Parse a GPX file's tracks (or, without any, its routes) into one activity."""
    import gpxpy  # lazy: only an import request pays for it
    import gpxpy.gpx

    text = xml_text(name, data)
    try:
        doc = gpxpy.parse(text)
    except gpxpy.gpx.GPXXMLSyntaxException as exc:
        raise syntax_problem(name, exc.__cause__ or exc) from None
    except (gpxpy.gpx.GPXException, ValueError) as exc:
        raise FileProblem(name, f"not a GPX file the reader understands ({exc})") from None
    points: list[Point] = []
    for track in doc.tracks:
        for segment in track.segments:
            points.extend(_point(p) for p in segment.points)
    if not points:
        for route in doc.routes:
            points.extend(_point(p) for p in route.points)
    if not points:
        raise FileProblem(name, "holds no track points")
    first = doc.tracks[0] if doc.tracks else None
    points.sort(key=lambda p: p.time or datetime.min.replace(tzinfo=UTC))
    return Activity(
        sport=sport_from(first.type if first else None),
        name=(first.name if first else None) or doc.name,
        points=points,
    )


def _point(p: Any) -> Point:
    time = p.time
    if time is not None:
        time = time.replace(tzinfo=UTC) if time.tzinfo is None else time.astimezone(UTC)
    return Point(
        time=time, lat=p.latitude, lon=p.longitude, ele=p.elevation, hr=_heart_rate(p.extensions)
    )


def _heart_rate(extensions: list[Any]) -> int | None:
    # Garmin's TrackPointExtension (<gpxtpx:hr>) or a bare <hr>, at any depth.
    for root in extensions:
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1].lower()
            if tag in {"hr", "heartrate"} and element.text:
                try:
                    value = round(float(element.text))
                except ValueError:
                    return None
                return value if 20 <= value <= 250 else None
    return None
