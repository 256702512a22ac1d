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
_SLUG = re.compile(r"[^a-z0-9]+")


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
    from flask import g, has_request_context

    if content.preview and content.site.api_url.startswith("/"):
        if not has_request_context():
            return None  # loading the preview, maybe before its server answers: pages ask
        if "training_summary" not in g:
            g.training_summary = parse(_fetch(content))
        return g.training_summary
    if _MEMO not in content.extras:
        content.extras[_MEMO] = parse(_fetch(content))
    return content.extras[_MEMO]


def _fetch(content: Any) -> Any:
    from ..comments.baked import api_origin
    from ..content.public_data import fetch_public

    base = api_origin(content.site)
    if not base:
        return None
    cache = Path(content.cache_dir or content.root.parent / ".cache" / "sitegen")
    return fetch_public(base, "/training/public", cache_dir=cache, name=SNAPSHOT)


# Formatting -------------------------------------------------------------------


def km(metres: float | None) -> str:
    """A distance as the page shows it: "10.2 km", "850 m", "1,204 km"."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{metres:,.0f} m"
    value = metres / 1000
    return f"{value:,.0f} km" if value >= 100 else f"{value:,.1f} km"


def clock(seconds: float | None) -> str:
    """A duration as "1:02:03" or "21:34" (records) ."""
    if seconds is None:
        return ""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def hours(seconds: float | None) -> str:
    """A long duration as "123 h 05 min"."""
    if seconds is None:
        return ""
    minutes = int(round(seconds / 60))
    h, m = divmod(minutes, 60)
    return f"{h:,} h {m:02d} min" if h else f"{m} min"


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
    return f"{kind}-{_SLUG.sub('-', ident.lower()).strip('-')[:40]}"


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


def _total(entry: Any) -> tuple[int, float, int, float]:
    if not isinstance(entry, dict):
        return (0, 0.0, 0, 0.0)
    return (
        int(_first(entry, "workouts") or 0),
        _first(entry, "distance_m") or 0.0,
        int(_first(entry, "duration_s") or 0),
        _first(entry, "ascent_m") or 0.0,
    )


def _years(value: Any) -> tuple[YearTotal, ...]:
    """``{"2026": {"all": {…}, "sports": {"run": {…}}}}``, newest first."""
    if not isinstance(value, dict):
        return ()
    found = []
    for year, entry in value.items():
        if not (isinstance(year, str) and year.isdigit() and isinstance(entry, dict)):
            continue
        workouts, metres, seconds, ascent = _total(entry.get("all"))
        sports = entry.get("sports") if isinstance(entry.get("sports"), dict) else {}
        by_type = tuple(
            (_text(name, 40), *_total(total)[:3]) for name, total in sorted(sports.items())
        )
        if workouts:
            found.append(YearTotal(int(year), workouts, metres, seconds, ascent, by_type))
    return tuple(sorted(found, key=lambda y: -y.year))


RECORD_LABELS = {
    "fastest_1k": ("Fastest 1 km", "s"),
    "fastest_5k": ("Fastest 5 km", "s"),
    "fastest_10k": ("Fastest 10 km", "s"),
    "longest_distance": ("Longest distance", "m"),
    "longest_duration": ("Longest time", "h"),
    "most_ascent": ("Most ascent", "ascent"),
}


def _figure(value: float, unit: str) -> str:
    if unit == "s":
        return clock(value)
    if unit == "h":
        return hours(value)
    if unit == "m":
        return km(value)
    if unit == "ascent":
        return f"{value:,.0f} m"
    return f"{value:,g} {unit}".strip()


def _records(value: Any) -> list[Achievement]:
    """``{"sports": {sport: {name: {value, workout, day}}}, "lifts": {key: {name, e1rm_kg…}}}``."""
    if not isinstance(value, dict):
        return []
    out = []
    sports = value.get("sports") if isinstance(value.get("sports"), dict) else {}
    for name_of_sport, found in sorted(sports.items()):
        if not isinstance(found, dict):
            continue
        for name, held in found.items():
            figure = _num(held.get("value")) if isinstance(held, dict) else None
            if name not in RECORD_LABELS or figure is None:
                continue
            label, unit = RECORD_LABELS[name]
            when = _date(held.get("day"))
            kind_of = _text(name_of_sport, 40)
            ident = f"{kind_of}-{name}"
            out.append(
                Achievement(
                    "record",
                    ident,
                    _slug("record", ident),
                    f"{sport(kind_of)}: {label[0].lower()}{label[1:]}",
                    _figure(figure, unit),
                    " · ".join(p for p in (sport(kind_of), day(when)) if p),
                    when,
                    kind_of,
                )
            )
    lifts = value.get("lifts") if isinstance(value.get("lifts"), dict) else {}
    for key, held in sorted(lifts.items()):
        best = _num(held.get("e1rm_kg")) if isinstance(held, dict) else None
        if best is None:
            continue
        name = _text(held.get("name") or key, 60)
        when = _date(held.get("day"))
        weight, reps = _num(held.get("weight_kg")), _num(held.get("reps"))
        lifted = f"{weight:g} kg × {reps:g}" if weight is not None and reps is not None else ""
        out.append(
            Achievement(
                "record",
                f"lift-{key}",
                _slug("record", f"lift-{key}"),
                f"{name}: estimated one-rep max",
                f"{best:g} kg",
                " · ".join(p for p in (lifted, day(when)) if p),
                when,
                "strength",
            )
        )
    return out


PERIODS = {"week": "a week", "month": "a month", "year": "a year"}


def _goal_title(goal: dict[str, Any]) -> str:
    name = _text(goal.get("name"))
    if name:
        return name
    kind, what = goal.get("kind"), sport(_text(goal.get("sport"), 40)) if goal.get("sport") else ""
    every = PERIODS.get(str(goal.get("period")), "")
    target = _num(goal.get("target"))
    if kind == "distance" and target is not None:
        return " ".join(p for p in (what, km(target), every) if p)
    if kind == "duration" and target is not None:
        return " ".join(p for p in (what, hours(target), every) if p)
    if kind == "count" and target is not None:
        return f"{target:g} {(what or 'workout').lower()}s {every}".strip()
    if kind == "lift":
        return f"{_text(goal.get('exercise'), 60)} {goal.get('target_kg')} kg"
    if kind == "event" and _num(goal.get("distance_m")) is not None:
        return f"{km(_num(goal['distance_m']))} on {day(_date(goal.get('date')))}"
    return ""


def _goal(entry: Any) -> Achievement | None:
    """A public goal the API says is reached now (its progress), else None."""
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    progress = entry.get("progress") if isinstance(entry.get("progress"), dict) else {}
    if progress.get("reached") is not True:
        return None
    ident = _text(entry["id"], 80)
    title = _goal_title(entry)
    if not title:
        return None
    kind = entry.get("kind")
    done = _num(progress.get("done"))
    if kind == "distance" or kind == "event":
        headline = km(done)
    elif kind == "duration":
        headline = hours(done)
    elif kind == "lift":
        headline = f"{done:g} kg" if done is not None else "Reached"
    elif kind == "count" and done is not None:
        headline = f"{done:g} workouts"
    else:
        headline = "Reached"
    first, last = _date(progress.get("period_start")), _date(progress.get("period_end"))
    when = last or _date(entry.get("date"))
    if entry.get("period") == "week" and first:
        period = f"week of {day(first)}"
    elif entry.get("period") == "month" and first:
        period = f"{first:%B %Y}"
    elif entry.get("period") == "year" and first:
        period = str(first.year)
    else:
        period = day(when)
    kind_of = _text(entry.get("sport"), 40)
    detail = " · ".join(p for p in ("Goal reached", period) if p)
    return Achievement("goal", ident, _slug("goal", ident), title, headline, detail, when, kind_of)


def _workout(entry: Any) -> Achievement | None:
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    ident = _text(entry["id"], 80)
    kind_of = _text(entry.get("sport"), 40) or "workout"
    when = _date(entry.get("day"))
    distance = _first(entry, "distance_m") or None
    duration = _first(entry, "duration_s")
    ascent = _first(entry, "ascent_m") or None
    title = _text(entry.get("title")) or sport(kind_of)
    headline = km(distance) if distance else clock(duration) or sport(kind_of)
    detail = " · ".join(p for p in (sport(kind_of), day(when)) if p)
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
        track=_track(entry.get("track")),
    )


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
    years = _years(data.get("totals"))
    records = _unique(list(_records(data.get("records"))))
    goals_given = data.get("goals") if isinstance(data.get("goals"), list) else []
    goals = _unique([_goal(g) for g in goals_given])
    given = data.get("workouts") if isinstance(data.get("workouts"), list) else []
    workouts = _unique([_workout(w) for w in given])  # newest first, as the API lists them
    if not (years or records or goals or workouts):
        return None
    shown = json.dumps(
        [years, records, goals, workouts], default=repr, sort_keys=True, ensure_ascii=False
    )
    digest = hashlib.sha1(shown.encode()).hexdigest()[:16]
    return Summary(years, records, goals, workouts, digest, data)
