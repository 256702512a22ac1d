"""Read a TCX file (Garmin Training Center) with the standard library's ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .model import Activity, FileProblem, Lap, Point, sport_from
from .xmltext import parse_time, syntax_problem, xml_text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, *path: str) -> str | None:
    node: ET.Element | None = element
    for name in path:
        node = _child(node, name) if node is not None else None
    return node.text.strip() if node is not None and node.text else None


def _number(element: ET.Element, *path: str) -> float | None:
    value = _text(element, *path)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def read_tcx(name: str, data: bytes) -> Activity:
    """Parse the first activity of a TCX file: its laps and their track points."""
    text = xml_text(name, data)  # refuses DTDs before ElementTree sees the file
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise syntax_problem(name, exc) from None
    if _local(root.tag) != "TrainingCenterDatabase":
        raise FileProblem(name, f"not a TCX file (its root element is <{_local(root.tag)}>)")
    activities = _child(root, "Activities")
    activity = _child(activities, "Activity") if activities is not None else None
    if activity is None:
        raise FileProblem(name, "holds no <Activity>")
    laps: list[Lap] = []
    points: list[Point] = []
    for lap in activity:
        if _local(lap.tag) != "Lap":
            continue
        laps.append(
            Lap(
                start=parse_time(lap.get("StartTime")),
                seconds=_number(lap, "TotalTimeSeconds"),
                distance=_number(lap, "DistanceMeters"),
            )
        )
        for track in lap:
            if _local(track.tag) == "Track":
                points.extend(_point(tp) for tp in track if _local(tp.tag) == "Trackpoint")
    if not laps:
        raise FileProblem(name, "holds an activity with no laps")
    moving = [lap.seconds for lap in laps if lap.seconds is not None]
    distances = [lap.distance for lap in laps if lap.distance is not None]
    return Activity(
        sport=sport_from(activity.get("Sport")),
        name=_text(activity, "Notes"),
        points=points,
        laps=laps,
        device_distance=sum(distances) if distances else None,
        device_moving=sum(moving) if moving else None,
    )


def _point(tp: ET.Element) -> Point:
    hr = _number(tp, "HeartRateBpm", "Value")
    return Point(
        time=parse_time(_text(tp, "Time")),
        lat=_number(tp, "Position", "LatitudeDegrees"),
        lon=_number(tp, "Position", "LongitudeDegrees"),
        ele=_number(tp, "AltitudeMeters"),
        hr=round(hr) if hr is not None else None,
        distance=_number(tp, "DistanceMeters"),
    )
