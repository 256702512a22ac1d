"""iCalendar files: one `.ics` per date of an event, and the feed of all of them (`/events.ics`).

Made with the `icalendar` library. Each date has a stable UID (`<id>@<site host>`,
the same the API puts in its emails, so a calendar updates one entry instead of
adding another), DTSTART/DTEND with the event's TZID and a VTIMEZONE describing
that zone over the years the events span, all-day dates as DATE values, and
SEQUENCE 0: the site publishes; updates with higher sequences come by email.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .calendar_links import details
from .model import Occurrence

if TYPE_CHECKING:  # imported when a calendar is made: every build imports this module
    import icalendar

STATUS = {
    "scheduled": "CONFIRMED",
    "moved_online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
PREFIX = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}
REFRESH = dt.timedelta(hours=12)  # how often a subscribed calendar should look again


def site_host(base_url: str) -> str:
    """The host in UIDs: `ada-lindqvist.dev` for https://ada-lindqvist.dev/."""
    return urlsplit(base_url).hostname or "localhost"


def uid(occurrence: Occurrence, host: str) -> str:
    """The date's UID, shared with the API's emails."""
    return f"{occurrence.id}@{host}"


def vevent(occurrence: Occurrence, host: str, page_url: str) -> icalendar.Event:
    """Describe one date of an event as a VEVENT."""
    event = occurrence.event
    import icalendar

    entry = icalendar.Event()
    entry.add("uid", uid(occurrence, host))
    # The build's day, not the clock: a rebuild the same day writes the same bytes.
    built = event.built_on
    entry.add("dtstamp", dt.datetime(built.year, built.month, built.day, tzinfo=dt.UTC))
    entry.add("sequence", 0)
    if event.all_day:
        entry.add("dtstart", occurrence.start.date())
        entry.add("dtend", occurrence.end.date())
    else:
        entry.add("dtstart", occurrence.start)
        entry.add("dtend", occurrence.end)
    entry.add("summary", PREFIX.get(event.status, "") + event.title)
    entry.add("description", details(occurrence, page_url))
    entry.add("url", page_url)
    entry.add("status", STATUS[event.status])
    place = event.location
    if event.status == "moved_online" or place is None:
        if event.online_url:
            entry.add("location", event.online_url)
    else:
        entry.add("location", ", ".join(p for p in (place.name, place.address) if p))
        if place.lat is not None and place.lon is not None:
            entry.add("geo", (place.lat, place.lon))
    return entry


def calendar(
    occurrences: Iterable[Occurrence],
    host: str,
    url_of: Callable[[Occurrence], str],
    name: str,
) -> bytes:
    """A VCALENDAR (METHOD:PUBLISH) holding every given date, with their time zones."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Frostfolio//{host}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    dated = list(occurrences)
    for occurrence in dated:
        cal.add_component(vevent(occurrence, host, url_of(occurrence)))
    if dated:
        first = min(o.start for o in dated).year
        last = max(o.end for o in dated).year
        cal.add_missing_timezones(dt.date(first, 1, 1), dt.date(last + 2, 1, 1))
        zones_in_order(cal)
    return cal.to_ical()


def zones_in_order(cal: Any) -> None:
    """Put the calendar's VTIMEZONEs first, by TZID: the same bytes on every build.

    icalendar adds the missing zones in the order of a set of names, which
    changes from one Python process to the next.
    """
    zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    rest = [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    cal.subcomponents = sorted(zones, key=lambda zone: str(zone.get("TZID"))) + rest
