"""Saying when an event is, in its own zone: 'Tuesday 5 January 2027, 18:30–21:00'.

The page states the time where the event happens, with the zone named; a small
script adds the visitor's own time when theirs differs (js/events-time.js).
"""

from __future__ import annotations

import datetime as dt

from .model import Occurrence


def _day(d: dt.date, year: bool = True) -> str:
    return f"{d:%A} {d.day} {d:%B}" + (f" {d.year}" if year else "")


def when(occurrence: Occurrence) -> str:
    """The dates and times, e.g. 'Tuesday 5 January 2027, 18:30–21:00'."""
    first, last = occurrence.date, occurrence.last_day
    if occurrence.event.all_day:
        if first == last:
            return f"{_day(first)}, all day"
        return f"{_day(first, first.year != last.year)} to {_day(last)}"
    start, end = occurrence.start, occurrence.end
    if first == last or (end - start) < dt.timedelta(hours=12) and end.hour < 6:
        return f"{_day(first)}, {start:%H:%M}–{end:%H:%M}"
    return f"{_day(first)} {start:%H:%M} to {_day(last)} {end:%H:%M}"


def times(occurrence: Occurrence) -> str:
    """The hours alone, e.g. '18:30–21:00', or 'all day'."""
    if occurrence.event.all_day:
        return "all day"
    return f"{occurrence.start:%H:%M}–{occurrence.end:%H:%M}"


def short_date(occurrence: Occurrence) -> str:
    """A compact date for lists: 'Tue 5 Jan 2027'."""
    d = occurrence.date
    return f"{d:%a} {d.day} {d:%b} {d.year}"


def zone_label(occurrence: Occurrence) -> str:
    """Name the zone the times are in: 'Stockholm time (CET)'; empty for an all-day event."""
    if occurrence.event.all_day:
        return ""
    place = occurrence.event.zone.rsplit("/", 1)[-1].replace("_", " ")
    abbr = occurrence.start.tzname() or ""
    if not abbr or abbr[0] in "+-" or abbr == place:
        offset = occurrence.start.strftime("%z")
        abbr = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    if occurrence.event.zone in ("UTC", "Etc/UTC"):
        return "UTC"
    return f"{place} time ({abbr})"


def iso(moment: dt.datetime | dt.date) -> str:
    """ISO 8601 with the offset, for machines (catalogue, JSON-LD, <time>)."""
    return moment.isoformat()


def rsvp_note(occurrence: Occurrence) -> str:
    """When RSVPs open or close, as a sentence (or empty)."""
    opens, closes = occurrence.rsvp_opens, occurrence.rsvp_closes
    if occurrence.opens_later and opens is not None:
        return f"RSVPs open on {_day(opens.date())} at {opens:%H:%M}."
    if closes is not None and closes != occurrence.start:
        return f"RSVPs close on {_day(closes.date())} at {closes:%H:%M}."
    return ""
