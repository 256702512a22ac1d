"""What every parser returns: one activity of points, laps and the file's own totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SPORTS = ("run", "ride", "swim", "walk", "hike", "other")


class FileProblem(Exception):
    """A file that cannot be imported, with what is wrong in words the owner can act on."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Point:
    """One recorded sample; any reading the device did not take is None."""

    time: datetime | None
    lat: float | None = None
    lon: float | None = None
    ele: float | None = None
    hr: int | None = None
    distance: float | None = None  # the device's running total in metres (FIT, TCX)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Lap:
    """A lap as the device closed it (TCX ``Lap``, FIT ``lap``)."""

    start: datetime | None
    seconds: float | None  # timer time: pauses left out by the device
    distance: float | None


@dataclass(slots=True)
class Activity:
    """A parsed file: its sport, points in time order, laps, and the device's totals."""

    sport: str = "other"
    name: str | None = None
    points: list[Point] = field(default_factory=list)
    laps: list[Lap] = field(default_factory=list)
    device_distance: float | None = None  # metres, the device's own total (pool swims)
    device_moving: float | None = None  # seconds of timer time
    device_elapsed: float | None = None
    utc_offset_s: int | None = None  # the owner's clock then (FIT's local_timestamp)

    @property
    def start(self) -> datetime | None:
        times = [p.time for p in self.points if p.time is not None]
        if times:
            return times[0]
        starts = [lap.start for lap in self.laps if lap.start is not None]
        return starts[0] if starts else None


# Words each format uses for a sport, to ours. Strava's GPX export writes a word
# ("running") or, in older files, a number (9 = run, 1 = ride, 10 = walk, ...).
_SPORT_WORDS = {
    "run": "run", "running": "run", "9": "run", "trail_running": "run", "treadmill": "run",
    "ride": "ride", "biking": "ride", "cycling": "ride", "1": "ride", "e_biking": "ride",
    "virtualride": "ride", "mountain_biking": "ride", "gravel_cycling": "ride",
    "swim": "swim", "swimming": "swim", "lap_swimming": "swim", "open_water": "swim",
    "walk": "walk", "walking": "walk", "10": "walk",
    "hike": "hike", "hiking": "hike", "4": "hike",
}  # fmt: skip


def sport_from(word: str | None) -> str:
    """Map a file's or Strava's word for a sport to ours ("other" when unknown)."""
    if not word:
        return "other"
    key = str(word).strip().lower().replace(" ", "_").replace("-", "_")
    return _SPORT_WORDS.get(key, "other")
