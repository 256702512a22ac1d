"""'Add to calendar' links for web calendars: Google Calendar and Outlook (personal and work).

Each opens the calendar's own "new event" form filled in; nothing is sent until
the visitor saves it there. Desktop and phone calendars take the `.ics` file.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from .model import Occurrence

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/action/compose"
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/action/compose"


def where(occurrence: Occurrence) -> str:
    """The place as one line for a calendar: name and address, or the online address."""
    event = occurrence.event
    if event.location and event.status != "moved_online":
        return ", ".join(p for p in (event.location.name, event.location.address) if p)
    return event.online_url or ""


def details(occurrence: Occurrence, page_url: str) -> str:
    """The calendar entry's description: the summary and the page's address."""
    parts = [occurrence.event.summary, page_url]
    if occurrence.event.online_url:
        parts.append(f"Join online: {occurrence.event.online_url}")
    return "\n\n".join(p for p in parts if p)


def google(occurrence: Occurrence, page_url: str) -> str:
    """A Google Calendar 'create event' link, in the event's own zone."""
    if occurrence.event.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"
    else:
        dates = f"{occurrence.start:%Y%m%dT%H%M%S}/{occurrence.end:%Y%m%dT%H%M%S}"
    query = {
        "action": "TEMPLATE",
        "text": occurrence.title,
        "dates": dates,
        "details": details(occurrence, page_url),
        "location": where(occurrence),
    }
    if not occurrence.event.all_day:
        query["ctz"] = occurrence.event.zone
    return GOOGLE + "?" + urlencode(query)


def outlook(occurrence: Occurrence, page_url: str, work: bool = False) -> str:
    """An Outlook on the web 'new event' link (outlook.com, or Microsoft 365 with `work`)."""
    event = occurrence.event
    if event.all_day:
        start, end = occurrence.start.date().isoformat(), occurrence.end.date().isoformat()
    else:
        start, end = _utc(occurrence.start), _utc(occurrence.end)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": occurrence.title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if event.all_day else "false",
        "body": details(occurrence, page_url),
        "location": where(occurrence),
    }
    return (OUTLOOK_WORK if work else OUTLOOK_PERSONAL) + "?" + urlencode(query)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
