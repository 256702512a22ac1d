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
    track: tuple[tuple[float, float], ...] = ()  # (lat, lon), workouts only

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
    """The public summary for this load of the content (None: nothing to publish)."""
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


def _track(value: Any) -> tuple[tuple[float, float], ...]:
    """[[lat, lon, …], …] or [{"lat":, "lon":}, …] → (lat, lon) pairs, bad points left out."""
    if not isinstance(value, list):
        return ()
    out = []
    for point in value[:MAX_TRACK]:
        if isinstance(point, list | tuple) and len(point) >= 2:
            lat, lon = _num(point[0]), _num(point[1])
        elif isinstance(point, dict):
            lat, lon = _num(point.get("lat")), _num(point.get("lon", point.get("lng")))
        else:
            continue
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            out.append((lat, lon))
    return tuple(out)


def _year(entry: Any) -> YearTotal | None:
    if not isinstance(entry, dict) or _num(entry.get("year")) is None:
        return None
    types = entry.get("by_type")
    by_type = []
    if isinstance(types, dict):
        for name, t in sorted(types.items()):
            if isinstance(t, dict):
                by_type.append(
                    (
                        _text(name, 40),
                        int(_first(t, "workouts", "count") or 0),
                        _first(t, "distance_m", "distance") or 0.0,
                        int(_first(t, "duration_s", "moving_s", "duration") or 0),
                    )
                )
    return YearTotal(
        year=int(_num(entry["year"]) or 0),
        workouts=int(_first(entry, "workouts", "count") or 0),
        distance_m=_first(entry, "distance_m", "distance") or 0.0,
        duration_s=int(_first(entry, "duration_s", "moving_s", "duration") or 0),
        ascent_m=_first(entry, "ascent_m", "ascent") or 0.0,
        by_type=tuple(by_type),
    )


def _record(entry: Any) -> Achievement | None:
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    ident = _text(entry["id"], 80)
    value = _num(entry.get("value"))
    unit = _text(entry.get("unit"), 10)
    kind = _text(entry.get("kind") or entry.get("record"), 40)
    label = _text(entry.get("label") or entry.get("title")) or kind.replace("_", " ").capitalize()
    if value is None or not label:
        return None
    if unit == "s":
        headline = clock(value)
    elif unit == "m":
        headline = km(value)
    elif unit == "kg":
        headline = f"{value:,.1f} kg".replace(".0 kg", " kg")
    else:
        headline = f"{value:,.0f} {unit}".strip()
    when = _date(entry.get("date") or entry.get("start"))
    kind_of = _text(entry.get("type") or entry.get("sport"), 40)
    detail = " · ".join(p for p in (sport(kind_of) if kind_of else "", day(when)) if p)
    return Achievement(
        "record", ident, _slug("record", ident), label, headline, detail, when, kind_of
    )


def _goal(entry: Any) -> Achievement | None:
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    reached = entry.get("reached")
    when = _date(entry.get("reached_on") or entry.get("reached_at") or entry.get("done_on"))
    if reached is False or (reached is None and when is None):
        return None  # the page shows goals reached, never goals still open
    ident = _text(entry["id"], 80)
    title = _text(entry.get("title") or entry.get("label"))
    if not title:
        return None
    target = _num(entry.get("target"))
    unit = _text(entry.get("unit"), 12)
    if unit == "m":
        headline = km(target)
    elif unit == "s":
        headline = hours(target)
    elif target is not None:
        headline = f"{target:,.0f} {unit}".strip()
    else:
        headline = "Reached"
    detail = f"Reached {day(when)}" if when else "Reached"
    kind_of = _text(entry.get("type") or entry.get("sport"), 40)
    return Achievement("goal", ident, _slug("goal", ident), title, headline, detail, when, kind_of)


def _workout(entry: Any) -> Achievement | None:
    if not isinstance(entry, dict) or not _text(entry.get("id")):
        return None
    ident = _text(entry["id"], 80)
    kind_of = _text(entry.get("type") or entry.get("sport"), 40) or "workout"
    when = _date(entry.get("start") or entry.get("date"))
    distance = _first(entry, "distance_m", "distance")
    duration = _first(entry, "duration_s", "moving_s", "duration")
    ascent = _first(entry, "ascent_m", "ascent")
    title = _text(entry.get("title") or entry.get("name")) or sport(kind_of)
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


def _listed(data: dict[str, Any], *names: str) -> list[Any]:
    for name in names:
        if isinstance(data.get(name), list):
            return data[name]
    return []


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
    years = [_year(y) for y in _listed(data, "years", "totals")]
    kept_years = tuple(sorted((y for y in years if y), key=lambda y: -y.year))
    records = _unique([_record(r) for r in _listed(data, "records")])
    goals = _unique([_goal(g) for g in _listed(data, "goals")])
    newest = dt.date.min
    workouts = _unique(
        sorted(
            (w for w in (_workout(w) for w in _listed(data, "workouts")) if w),
            key=lambda w: (w.date or newest, w.id),
            reverse=True,
        )
    )
    if not (kept_years or records or goals or workouts):
        return None
    shown = json.dumps(
        [kept_years, records, goals, workouts], default=repr, sort_keys=True, ensure_ascii=False
    )
    digest = hashlib.sha1(shown.encode()).hexdigest()[:16]
    return Summary(kept_years, records, goals, workouts, digest, data)
