"""Converters for the event fields the engine has no type for (see `sitegen.content.schema`).

Each takes `(value, source, name)`, returns the clean value and raises `Invalid` for
a bad value; a bad part of a mapping or list is reported at its own line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ...content.schema import Invalid, Source, to_bool, to_str, to_url
from ...text import suggest
from .model import QUESTION_TYPES, STATUSES, WAITLISTS, Location, Question, RsvpTime

MAX_QUESTIONS = 10
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_BEFORE = re.compile(r"^(\d+)\s*(minute|hour|day|week)s?\s+before(?:\s+the\s+start)?$", re.I)
_UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}


def to_when(value: Any, src: Source, name: str) -> dt.date | dt.datetime:
    """Accept a date (an all-day event) or a date and time in the event's zone.

    A time with an offset (`18:30+01:00`) is kept aware and moved to the event's
    zone later; without one it is the wall-clock time where the event happens.
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    raise Invalid(f"expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got {value!r}")


def to_zone(value: Any, src: Source, name: str) -> str:
    """Accept an IANA time zone name such as Europe/Stockholm."""
    text = to_str(value, src, name)
    return check_zone(text)


def check_zone(text: str) -> str:
    """Return `text` if it names an IANA time zone; raise Invalid with a suggestion if not."""
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        zones = available_timezones()
        same = [z for z in zones if z.lower() == text.lower()]
        meant = same[0] if same else suggest(text, zones, cutoff=0.8)
        hint = f"did you mean {meant!r}? " if meant else ""
        message = f"unknown time zone {text!r}; {hint}use an IANA name like Europe/Oslo"
        raise Invalid(message) from None
    return text


def to_status(value: Any, src: Source, name: str) -> str:
    """Accept scheduled, cancelled, postponed or moved online (any spacing or case)."""
    text = re.sub(r"[\s-]+", "_", to_str(value, src, name).lower())
    text = {"canceled": "cancelled", "online": "moved_online"}.get(text, text)
    if text not in STATUSES:
        raise Invalid(f"expected one of {', '.join(STATUSES)}, got {value!r}")
    return text


def to_waitlist(value: Any, src: Source, name: str) -> str:
    """Accept off, auto or offer (YAML reads a bare off/on as false/true)."""
    if isinstance(value, bool):
        return "auto" if value else "off"
    text = to_str(value, src, name).lower()
    text = {"on": "auto", "no": "off", "none": "off", "yes": "auto"}.get(text, text)
    if text not in WAITLISTS:
        raise Invalid(f"expected off, auto or offer, got {value!r}")
    return text


def to_rsvp_time(value: Any, src: Source, name: str) -> RsvpTime:
    """Accept a date and time in the event's zone, or '14 days before' (each start)."""
    if isinstance(value, str):
        match = _BEFORE.match(value.strip())
        if match:
            amount, unit = int(match.group(1)), match.group(2).lower()
            return RsvpTime(before=dt.timedelta(**{_UNITS[unit]: amount}))
    try:
        when = to_when(value, src, name)
    except Invalid:
        raise Invalid(
            f"expected YYYY-MM-DD HH:MM or a time before the start like '2 days before', "
            f"got {value!r}"
        ) from None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    return RsvpTime(at=when)


def to_location(value: Any, src: Source, name: str) -> Location:
    """Accept a place's name, or {name, address, lat, lon, map_url}."""
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        raise Invalid(f"expected name:, address: and optional lat:, lon:, map_url:, got {value!r}")
    keys = list(value)
    known = ("name", "address", "lat", "lon", "map_url")
    aliases = {"latitude": "lat", "longitude": "lon", "lng": "lon", "map": "map_url"}
    fields: dict[str, Any] = {}
    for index, key in enumerate(keys):
        clean = aliases.get(str(key), str(key))
        if clean not in known:
            meant = suggest(str(key), known)
            hint = f"did you mean {meant!r}? " if meant else ""
            src.entry_error(name, index, f"unknown key {key!r}; {hint}use {', '.join(known)}")
            continue
        fields[clean] = (index, value[key])
    place = str(fields.get("name", (0, ""))[1] or "").strip()
    if not place:
        raise Invalid("a location needs a name: (the venue, e.g. 'Folkets Hus')")
    address = str(fields.get("address", (0, ""))[1] or "").strip()
    lat = _coordinate(fields, "lat", 90, src, name)
    lon = _coordinate(fields, "lon", 180, src, name)
    if ("lat" in fields) != ("lon" in fields):
        raise Invalid("give both lat: and lon:, or neither")
    map_url = ""
    if fields.get("map_url", (0, None))[1]:
        index, raw = fields["map_url"]
        try:
            map_url = to_url(raw, src, name)
        except Invalid as exc:
            src.entry_error(name, index, f"map_url: {exc}")
    return Location(place, address, lat, lon, map_url or map_link(place, address, lat, lon))


def _coordinate(
    fields: dict[str, Any], key: str, limit: int, src: Source, name: str
) -> float | None:
    if key not in fields:
        return None
    index, raw = fields[key]
    if isinstance(raw, int | float) and not isinstance(raw, bool) and -limit <= raw <= limit:
        return float(raw)
    src.entry_error(name, index, f"{key}: expected a number from -{limit} to {limit}, got {raw!r}")
    return None


def map_link(place: str, address: str, lat: float | None, lon: float | None) -> str:
    """Link to the place on OpenStreetMap: a pin at the coordinates, else a search."""
    if lat is not None and lon is not None:
        return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"
    query = ", ".join(part for part in (place, address) if part)
    return "https://www.openstreetmap.org/search?query=" + quote(query)


def to_questions(value: Any, src: Source, name: str) -> tuple[Question, ...]:
    """Accept a short list of questions: a label, or {id, label, type, choices, required}."""
    if not isinstance(value, list):
        raise Invalid("expected a list of questions (- label: Dietary needs)")
    if len(value) > MAX_QUESTIONS:
        raise Invalid(f"ask at most {MAX_QUESTIONS} questions, not {len(value)}")
    questions: list[Question] = []
    for index, raw in enumerate(value):
        try:
            question = _question(raw, src, name)
        except Invalid as exc:
            src.entry_error(name, index, str(exc))
            continue
        if any(q.id == question.id for q in questions):
            src.entry_error(name, index, f"id {question.id!r} is used twice; give each its own id:")
            continue
        questions.append(question)
    return tuple(questions)


def _question(raw: Any, src: Source, name: str) -> Question:
    if isinstance(raw, str):
        raw = {"label": raw}
    if not isinstance(raw, dict):
        raise Invalid(f"expected label: and type: (text, choice or yesno), got {raw!r}")
    unknown = sorted(set(map(str, raw)) - {"id", "label", "type", "choices", "required"})
    if unknown:
        raise Invalid(f"unknown key {unknown[0]!r}; a question has id, label, type, choices")
    label = str(raw.get("label") or "").strip()
    if not label:
        raise Invalid("a question needs a label:, e.g. 'Dietary needs'")
    qid = str(raw.get("id") or re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40])
    if not _ID.match(qid):
        raise Invalid(f"id {qid!r}: use lower-case letters, digits and _ (e.g. diet)")
    kind = str(raw.get("type") or ("choice" if raw.get("choices") else "text")).strip().lower()
    kind = {"yes/no": "yesno", "yes_no": "yesno", "bool": "yesno", "select": "choice"}.get(
        kind, kind
    )
    if kind not in QUESTION_TYPES:
        raise Invalid(f"type: expected text, choice or yesno, got {raw.get('type')!r}")
    choices: tuple[str, ...] = ()
    if kind == "choice":
        given = raw.get("choices")
        if not isinstance(given, list) or len(given) < 2:
            raise Invalid("a choice question needs a list of at least two choices:")
        choices = tuple(str(c).strip() for c in given)
        if len(set(choices)) != len(choices) or not all(choices):
            raise Invalid("choices must be different and not empty")
    elif raw.get("choices") is not None:
        raise Invalid(f"only a choice question has choices:, not a {kind} one")
    required = to_bool(raw["required"], src, name) if raw.get("required") is not None else False
    return Question(qid, label, kind, choices, required)
