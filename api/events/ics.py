"""The calendar entry an attendee's email carries: an iTIP invitation, update or cancellation.

Made with ``icalendar`` (imported only here, and this module only by code that
sends), it describes the same date the site's ``.ics`` files do, with the same
UID, ``<event id>@<site host>`` (``sitegen.kinds.events.ical.uid``), so a
calendar that has the event from the site or an earlier email updates one
entry. ``METHOD:REQUEST`` invites (the attendee as ``ATTENDEE`` with their
standing: accepted with a seat, tentative while waiting), ``METHOD:CANCEL``
takes it out of their calendar. ``SEQUENCE`` is the event's, which the
catalogue sync raises with each change of time, place or status: calendars
take an entry with a higher sequence, or the same sequence and a later
``DTSTAMP`` (RFC 5546, 2.1.5), which is how one attendee's own news (moved up,
cancelled) replaces what they had.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from . import keys

REQUEST, CANCEL = "REQUEST", "CANCEL"
ACCEPTED, TENTATIVE = "ACCEPTED", "TENTATIVE"
# As the site's calendars say each status (sitegen.kinds.events.ical.STATUS).
STATUS = {
    keys.SCHEDULED: "CONFIRMED",
    keys.MOVED_ONLINE: "CONFIRMED",
    keys.POSTPONED: "TENTATIVE",
    keys.EVENT_CANCELLED: "CANCELLED",
}
PREFIX = {keys.EVENT_CANCELLED: "Cancelled: ", keys.POSTPONED: "Postponed: "}


def site_host(site_url: str) -> str:
    """Return the host in UIDs, as the site takes it from its base URL."""
    return urlsplit(site_url).hostname or "localhost"


def uid(event_id: str, site_url: str) -> str:
    """Return the event's UID, the one the site's calendar files use."""
    return f"{event_id}@{site_host(site_url)}"


def where(event: dict[str, Any]) -> str:
    """Return the place as one line: name and address, or the online address."""
    place = event.get("location") or {}
    if place and event.get("status") != keys.MOVED_ONLINE:
        return ", ".join(str(place[k]) for k in ("name", "address") if place.get(k))
    return event.get("online_url") or ""


def _moment(event: dict[str, Any], name: str) -> dt.datetime:
    moment = keys.parse_time(event.get(name) or event["start"])
    try:
        return moment.astimezone(ZoneInfo(event.get("timezone") or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC)


def _address(value: str) -> icalendar.vCalAddress:
    return icalendar.vCalAddress(f"mailto:{value}")


def calendar(
    event: dict[str, Any],
    *,
    method: str,
    sequence: int,
    site_url: str,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    partstat: str = ACCEPTED,
    page_url: str = "",
    note: str = "",
    now: dt.datetime,
) -> bytes:
    """Return a VCALENDAR with one VEVENT for this attendee.

    ``organizer`` and ``attendee`` are (name, address); ``partstat`` is the
    attendee's standing (ACCEPTED, TENTATIVE; DECLINED in a CANCEL).
    """
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Frostfolio//{site_host(site_url)}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    entry = icalendar.Event()
    entry.add("uid", uid(event["id"], site_url))
    entry.add("dtstamp", now.astimezone(dt.UTC).replace(microsecond=0))
    entry.add("sequence", sequence)
    start, end = _moment(event, "start"), _moment(event, "end")
    if event.get("all_day"):
        entry.add("dtstart", start.date())
        entry.add("dtend", max(end.date(), start.date() + dt.timedelta(days=1)))
    else:
        entry.add("dtstart", start)
        entry.add("dtend", end)
    status = keys.EVENT_CANCELLED if method == CANCEL else event.get("status", keys.SCHEDULED)
    entry.add("summary", PREFIX.get(status, "") + event.get("title", event["id"]))
    entry.add("status", STATUS.get(status, "CONFIRMED"))
    text = "\n\n".join(p for p in (note, page_url, _online(event)) if p)
    if text:
        entry.add("description", text)
    if page_url:
        entry.add("url", page_url)
    place = where(event)
    if place:
        entry.add("location", place)
    location = event.get("location") or {}
    if event.get("status") != keys.MOVED_ONLINE and location.get("lat") is not None:
        entry.add("geo", (float(location["lat"]), float(location["lon"])))
    name, address = organizer
    entry.add("organizer", _address(address), parameters={"CN": name} if name else {})
    name, address = attendee
    params = {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": partstat, "RSVP": "FALSE"}
    entry.add("attendee", _address(address), parameters={"CN": name, **params})
    cal.add_component(entry)
    if not event.get("all_day"):
        cal.add_missing_timezones(dt.date(start.year, 1, 1), dt.date(end.year + 2, 1, 1))
    return cal.to_ical()


def _online(event: dict[str, Any]) -> str:
    url = event.get("online_url")
    return f"Join online: {url}" if url else ""
