"""An event's dates in its time zone: the site's default zone, occurrences, past or upcoming.

Times are written as wall-clock times where the event happens; here they become
aware datetimes in the event's IANA zone. A date is over once its last day is
before the build's day, so an event stays "upcoming" through the day it happens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from ...content.frontmatter import Lines
from ...content.problems import Problem
from ...content.schema import Invalid
from .fields import check_zone
from .model import Event, Occurrence

DEFAULT_ZONE = "UTC"
SITE_SETTING = "timezone"  # site.yml: the zone of events that name none


def first_and_length(
    start: dt.date | dt.datetime, end: dt.date | dt.datetime, all_day: bool
) -> tuple[dt.datetime, dt.timedelta]:
    """Return the first start as a datetime and how long each date lasts."""
    if all_day:
        first = dt.datetime(start.year, start.month, start.day)
        return first, dt.timedelta(days=(end - start).days + 1)
    assert isinstance(start, dt.datetime) and isinstance(end, dt.datetime)
    return start, end - start


def site_zone(content: Any) -> tuple[str, list[Problem]]:
    """The site's default zone for events (site.yml `timezone:`), and a problem if it is bad."""
    raw = content.site.params.get(SITE_SETTING)
    if raw in (None, ""):
        return DEFAULT_ZONE, []
    try:
        return check_zone(str(raw).strip()), []
    except Invalid as exc:
        path = content.root / "site.yml"
        text = path.read_text("utf-8") if path.is_file() else ""
        shown = f"{content.root.name}/site.yml"
        return DEFAULT_ZONE, [Problem(shown, Lines(text, 1)(SITE_SETTING), SITE_SETTING, str(exc))]


def occurrences(event: Event) -> list[Occurrence]:
    """Every date of `event` that has a page, soonest first, in the event's zone."""
    zone = ZoneInfo(event.zone)
    start, end = event.start, event.end
    if not event.all_day and start.tzinfo is not None:  # written with an offset
        start = start.astimezone(zone).replace(tzinfo=None)
        end = end.astimezone(zone).replace(tzinfo=None)
    first, length = first_and_length(start, end, event.all_day)
    starts = event.starts if event.recurring else (first,)
    found = []
    for begin in starts:
        finish = begin + length
        last_day = (finish - dt.timedelta(microseconds=1)).date()
        if event.recurring:
            day = begin.date().isoformat()
            oid, path = f"{event.slug}--{day}", f"/events/{event.slug}/{day}/"
        else:
            oid, path = event.slug, event.path
        aware = begin.replace(tzinfo=zone)
        occurrence = Occurrence(
            event=event,
            id=oid,
            path=path,
            start=aware,
            end=finish.replace(tzinfo=zone),
            past=last_day < event.built_on,
        )
        closes = event.rsvp_closes
        occurrence.rsvp_opens = event.rsvp_opens.resolve(aware, zone) if event.rsvp_opens else None
        occurrence.rsvp_closes = closes.resolve(aware, zone) if closes else aware
        found.append(occurrence)
    return found
