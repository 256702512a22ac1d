"""The API's public training summary, read once per build and checked field by field.

`GET /training/public` (docs/training.md) holds only what the owner marked public:
year totals, records, goals reached and selected workouts with their simplified
tracks, privacy zones already cut by the API. The build reads it through
`content.public_data.fetch_public` (short timeout, the last good copy kept in the
cache, never failing the build) and shows only what it holds: a field it does not
know is ignored, a malformed entry is left out. No data at all (no `api_url`, the
API never reached) means no achievements page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SNAPSHOT = "training"  # <cache>/public/training.json
_MEMO = "training.summary"
MAX_TRACK = 5000  # points read from one track: the API keeps fewer (≤ 2,000)
_SLUG = re.compile(r"[^A-Za-z0-9_-]+")  # the API's ids: [A-Za-z0-9_-]{16}, case counts


@dataclass(frozen=True)
class YearTotal:
    """A year's public totals: workouts, distance (m), moving time (s), ascent (m)."""

    year: int
    workouts: int
    distance_m: float
    duration_s: int
    ascent_m: float
    by_type: tuple[tuple[str, int, float, int], ...] = ()  # (type, workouts, m, s)


@dataclass(frozen=True)
class Achievement:
    """A record, a goal reached or a public workout: each has a page and a share image."""

    kind: str  # "record" | "goal" | "workout"
    id: str
    slug: str  # record-<id>, goal-<id>, workout-<id>
    title: str  # "Fastest 5 km", "Run 1,000 km in 2026", "Morning run"
    headline: str  # the figure: "21:34", "1,000 km", "10.2 km"
    detail: str  # one line under it: "Run · 3 May 2026"
    date: dt.date | None
    type: str = ""
    distance_m: float | None = None
    duration_s: int | None = None
    ascent_m: float | None = None
    # Workouts only: the track's segments of (lat, lon), broken where the API cut a zone.
    track: tuple[tuple[tuple[float, float], ...], ...] = ()

    @property
    def path(self) -> str:
        """The achievement's page on the site."""
        return f"/training/{self.slug}/"


@dataclass(frozen=True)
class Summary:
    """What the achievements page shows, in the order it shows it."""

    years: tuple[YearTotal, ...] = ()
    records: tuple[Achievement, ...] = ()
    goals: tuple[Achievement, ...] = ()
    workouts: tuple[Achievement, ...] = ()
    digest: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def achievements(self) -> tuple[Achievement, ...]:
        """Every record, goal reached and workout, each with its own page."""
        return (*self.records, *self.goals, *self.workouts)

    def find(self, slug: str) -> Achievement | None:
        """The achievement whose page is `/training/<slug>/`."""
        return next((a for a in self.achievements if a.slug == slug), None)


def summary(content: Any) -> Summary | None:
    """The public summary: asked once per build (None: nothing to publish).

    The preview with the API on its own origin (`make dev`) asks again for each page,
    as the comments do, so a workout made public a moment ago shows on reload.
    """
    from flask import g, has_request_context, request

    if content.preview and content.site.api_url.startswith("/"):
        # Loading the preview (maybe before its server answers) or checking its links
        # in a made-up request: the copy the last answer left. A page: ask the API.
        if not has_request_context() or "REMOTE_ADDR" not in request.environ:
            return parse(_fetch(content, network=False))
        if "training_summary" not in g:
            g.training_summary = parse(_fetch(content))
        return g.training_summary
    if _MEMO not in content.extras:
        content.extras[_MEMO] = parse(_fetch(content))
    return content.extras[_MEMO]


def _fetch(content: Any, network: bool = True) -> Any:
    from ..comments.baked import api_origin
    from ..content.public_data import fetch_public

    base = api_origin(content.site) if network else ""
    if network and not base:
        return None  # no API: no page, whatever an old copy holds
    cache = Path(content.cache_dir or content.root.parent / ".cache" / "sitegen")
    return fetch_public(base, "/training/public", cache_dir=cache, name=SNAPSHOT)


# Formatting -------------------------------------------------------------------


def km(metres: float | None) -> str:
    """A distance as shown: "10.2 km", "850 m", "1,204 km" (a no-break space before the unit)."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{metres:,.0f}\u00a0m"
    value = metres / 1000
    return f"{value:,.0f}\u00a0km" if value >= 100 else f"{value:,.1f}\u00a0km"


def clock(seconds: float | None) -> str:
    """A duration as "1:02:03" or "21:34" (records) ."""
    if seconds is None:
        return ""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def hours(seconds: float | None) -> str:
    """A long duration as "123 h" (from 10 hours), "2 h 05 min" or "45 min"."""
    if seconds is None:
        return ""
    minutes = int(round(seconds / 60))
    h, m = divmod(minutes, 60)
    if h >= 10:
        return f"{h:,}\u00a0h"
    return f"{h}\u00a0h\u00a0{m:02d}\u00a0min" if h else f"{m}\u00a0min"


def day(date: dt.date | None) -> str:
    """A date as "3 May 2026"."""
    return f"{date.day} {date:%B %Y}" if date else ""


def sport(name: str) -> str:
    """A workout type as shown: "run" → "Run", "my_sport" → "My sport"."""
    return name.replace("_", " ").strip().capitalize() or "Workout"


# Parsing ----------------------------------------------------------------------


def _num(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            found = float(value)
        except ValueError:
            return None
        return found if math.isfinite(found) else None
    return None


def _first(entry: dict[str, Any], *names: str) -> float | None:
    for name in names:
        found = _num(entry.get(name))
        if found is not None:
            return found
    return None


def _text(value: Any, limit: int = 120) -> str:
    return " ".join(str(value).split())[:limit] if isinstance(value, str | int) else ""


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None


def _slug(kind: str, ident: str) -> str:
    return f"{kind}-{_SLUG.sub('-', ident).strip('-')[:60]}"


def _pair(point: Any) -> tuple[float, float] | None:
    if isinstance(point, list | tuple) and len(point) >= 2:
        lat, lon = _num(point[0]), _num(point[1])
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            return (lat, lon)
    return None


def _track(value: Any) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The API's segments ``[[[lat, lon], …], …]`` (broken where a privacy zone was cut),
    or one flat ``[[lat, lon], …]``; bad points left out, at most MAX_TRACK in all."""
    if not isinstance(value, list) or not value:
        return ()
    flat = isinstance(value[0], list | tuple) and not isinstance(value[0][0], list | tuple)
    segments = [value] if flat else value
    out, left = [], MAX_TRACK
    for segment in segments:
        if not isinstance(segment, list):
            continue
        points = tuple(p for p in (_pair(q) for q in segment[:left]) if p)
        left -= len(points)
        if len(points) >= 2:
            out.append(points)
    return tuple(out)


def _year(entry: Any) -> YearTotal | None:
    """``{year, workouts, distance_m, duration_s, ascent_m, by_type: {sport: {…}}}``."""
    if not isinstance(entry, dict) or _num(entry.get("year")) is None:
        return None
    sports = entry.get("by_type") if isinstance(entry.get("by_type"), dict) else {}
    by_type = tuple(
        (
            _text(name, 40),
            int(_first(t, "workouts") or 0),
            _first(t, "distance_m") or 0.0,
            int(_first(t, "duration_s") or 0),
        )
        for name, t in sorted(sports.items())
        if isinstance(t, dict)
    )
    workouts = int(_first(entry, "workouts") or 0)
    if not workouts:
        return None
    return YearTotal(
        year=int(_num(entry["year"]) or 0),
        workouts=workouts,
        distance_m=_first(entry, "distance_m") or 0.0,
        duration_s=int(_first(entry, "duration_s") or 0),
        ascent_m=_first(entry, "ascent_m") or 0.0,
        by_type=by_type,
    )


def _figure(value: float, unit: str, kind: str = "") -> str:
    if unit == "s":
        return clock(value)
    if unit == "m":
        return f"{value:,.0f}\u00a0m" if kind == "most_ascent" else km(value)
    if unit == "kg":
        return f"{value:g}\u00a0kg"
    return f"{value:,g} {unit}".strip()


def _record(entry: Any) -> Achievement | None:
    """``{id: "run:fastest_5k", kind, label, sport, value, unit, date, workout}``."""
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    value = _num(entry.get("value"))
    label = _text(entry.get("label"))
    if value is None or not label:
        return None
    ident = _text(entry["id"], 80)
    kind = _text(entry.get("kind"), 40)
    kind_of = _text(entry.get("sport"), 40)
    when = _date(entry.get("date"))
    title = (
        label if kind_of in ("", "strength") else f"{sport(kind_of)}: {label[0].lower()}{label[1:]}"
    )
    detail = " · ".join(p for p in (sport(kind_of) if kind_of else "", day(when)) if p)
    headline = _figure(value, _text(entry.get("unit"), 12), kind)
    slug = _slug("record", ident.replace(":", "-").replace("_", "-").replace(" ", "-"))
    return Achievement("record", ident, slug, title, headline, detail, when, kind_of)


def _goal(entry: Any) -> Achievement | None:
    """A public goal the API says is reached, else None:
    ``{id, title, kind, target, unit, reached, progress: {done, period_start, …}}``."""
    if (
        not isinstance(entry, dict)
        or not _text(entry.get("id"))
        or entry.get("reached") is not True
    ):
        return None
    title = _text(entry.get("title"))
    if not title:
        return None
    ident = _text(entry["id"], 80)
    progress = entry.get("progress") if isinstance(entry.get("progress"), dict) else {}
    done = _num(progress.get("done"))
    if done is None:
        done = _num(entry.get("target"))
    unit = _text(entry.get("unit"), 12)
    if done is None:
        headline = "Reached"
    elif unit == "s":
        headline = hours(done)
    elif unit == "workouts":
        headline = f"{done:,g} workout" + ("" if done == 1 else "s")
    else:
        headline = _figure(done, unit)
    first, last = _date(progress.get("period_start")), _date(progress.get("period_end"))
    when = last or _date(entry.get("date"))
    period = entry.get("period")
    if period == "week" and first:
        span = f"week of {day(first)}"
    elif period == "month" and first:
        span = f"{first:%B %Y}"
    elif period == "year" and first:
        span = str(first.year)
    else:
        span = day(when)
    detail = " · ".join(p for p in ("Goal reached", span) if p)
    kind_of = _text(entry.get("sport"), 40)
    return Achievement("goal", ident, _slug("goal", ident), title, headline, detail, when, kind_of)


def _workout(entry: Any) -> Achievement | None:
    """``{id, sport, title, date, duration_s, distance_m, ascent_m, segments, track}``."""
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    ident = _text(entry["id"], 80)
    kind_of = _text(entry.get("sport"), 40) or "workout"
    when = _date(entry.get("date"))
    distance = _first(entry, "distance_m") or None
    duration = _first(entry, "duration_s")
    ascent = _first(entry, "ascent_m") or None
    title = _text(entry.get("title")) or sport(kind_of)
    headline = km(distance) if distance else clock(duration) or sport(kind_of)
    detail = " · ".join(p for p in (sport(kind_of), day(when)) if p)
    track = _track(entry.get("segments")) or _track(entry.get("track"))
    return Achievement(
        "workout",
        ident,
        _slug("workout", ident),
        title,
        headline,
        detail,
        when,
        kind_of,
        distance_m=distance,
        duration_s=int(duration) if duration is not None else None,
        ascent_m=ascent,
        track=track,
    )


def _listed(data: dict[str, Any], name: str) -> list[Any]:
    return data[name] if isinstance(data.get(name), list) else []


def _unique(found: list[Achievement | None]) -> tuple[Achievement, ...]:
    seen: set[str] = set()
    out = []
    for one in found:
        if one is not None and one.slug not in seen:
            seen.add(one.slug)
            out.append(one)
    return tuple(out)


def parse(data: Any) -> Summary | None:
    """Check the API's answer; None when it holds nothing the page could show."""
    if not isinstance(data, dict) or data.get("ok") is False:
        return None
    years = tuple(
        sorted((y for y in map(_year, _listed(data, "years")) if y), key=lambda y: -y.year)
    )
    records = _unique([_record(r) for r in _listed(data, "records")])
    goals = _unique([_goal(g) for g in _listed(data, "goals")])
    workouts = _unique([_workout(w) for w in _listed(data, "workouts")])  # newest first
    if not (years or records or goals or workouts):
        return None
    shown = json.dumps(
        [years, records, goals, workouts], default=repr, sort_keys=True, ensure_ascii=False
    )
    digest = hashlib.sha1(shown.encode()).hexdigest()[:16]
    return Summary(years, records, goals, workouts, digest, data)
