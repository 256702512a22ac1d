"""Making an Event from a validated file: the rules between its fields, and its dates.

`make` checks what one field cannot check alone and reports each problem at the
line of the field it is about. Dates are worked out in the event's wall-clock
time there (the load cache keeps them per build day); `finish` puts them in the
event's zone, which may come from site.yml, on every load.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from ...content.record import Record
from ...render.markdown import render_body
from . import timeline
from .model import Event
from .recurrence import expand
from .schema import DEFAULT_MAX_PARTY


def make(record: Record) -> Event | None:
    """Build an Event from a validated file, or report why it cannot be one."""
    v = record.values
    start, end = v["start"], v["end"]
    all_day = not isinstance(start, dt.datetime)
    end = _check_times(record, start, end, all_day)
    _check_place(record, v)
    max_party = _check_party(record, v)
    _check_rsvp(record, v)
    _check_paid(record, v)
    starts: tuple[dt.datetime, ...] = ()
    if v["recurrence"] is not None and end is not None:
        starts = _dates(record, start, end, all_day)
    if record.src.problems:
        return None
    return record.item(
        Event,
        f"/events/{record.slug}/",
        start=start,
        end=end,
        all_day=all_day,
        timezone=v["timezone"],
        location=v["location"],
        online_url=v["online_url"],
        capacity=v["capacity"],
        max_party=max_party,
        waitlist=v["waitlist"],
        offer_hours=v["offer_hours"],
        rsvp_opens=v["rsvp_opens"],
        rsvp_closes=v["rsvp_closes"],
        questions=tuple(v["questions"]),
        ticket_url=v["ticket_url"],
        price=v["price"],
        currency=(v["currency"] or "").upper(),
        status=v["status"],
        cover=record.image(v["cover"]),
        summary=v["summary"] or _first_paragraph(record),
        recap_markdown=v["recap"] or "",
        recurrence=v["recurrence"],
        starts=starts,
        built_on=record.today,
        occurrences=[],
    )


def _check_times(record: Record, start: Any, end: Any, all_day: bool) -> Any:
    if all_day:
        if end is None:
            return start
        if isinstance(end, dt.datetime):
            record.error("end", "an all-day event (start is a date) ends on a date: YYYY-MM-DD")
            return None
        if end < start:
            record.error("end", f"the last day {end} is before the first day {start}")
        return end
    if end is None:
        message = "an event with a start time needs an end: YYYY-MM-DD HH:MM"
        record.error("end", message, record.line("end") or record.line("start"))
        return None
    if not isinstance(end, dt.datetime):
        record.error("end", "give the end as a date and time, as start is: YYYY-MM-DD HH:MM")
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        record.error("end", "give start and end both with an offset (+01:00) or both without")
        return None
    if end <= start:
        record.error("end", f"ends at {end:%Y-%m-%d %H:%M}, not after the start")
    return end


def _check_place(record: Record, v: dict[str, Any]) -> None:
    if v["location"] is None and not v["online_url"]:
        message = "say where: a location: (name and address) or an online_url:"
        record.error("location", message, record.line("location") or record.line("title"))
    if v["status"] == "moved_online" and not v["online_url"]:
        record.error("status", "an event moved online needs online_url: (where to join)")


def _check_party(record: Record, v: dict[str, Any]) -> int:
    capacity, max_party = v["capacity"], v["max_party"]
    if capacity is None or max_party <= capacity:
        return max_party
    if record.line("max_party") is None:  # the default: no larger than the room
        return min(DEFAULT_MAX_PARTY, capacity)
    record.error("max_party", f"{max_party} is more than the capacity of {capacity}")
    return max_party


def _check_rsvp(record: Record, v: dict[str, Any]) -> None:
    opens, closes = v["rsvp_opens"], v["rsvp_closes"]
    if v["recurrence"] is not None:
        for name, when in (("rsvp_opens", opens), ("rsvp_closes", closes)):
            if when is not None and when.at is not None:
                record.error(
                    name, "a recurring event opens and closes RSVPs for each date: '7 days before'"
                )
        return
    if opens is None or closes is None:
        return
    both_at = opens.at is not None and closes.at is not None
    both_before = opens.before is not None and closes.before is not None
    if both_at and opens.at >= closes.at or both_before and opens.before <= closes.before:
        record.error("rsvp_closes", "closes before RSVPs open (rsvp_opens)")


def _check_paid(record: Record, v: dict[str, Any]) -> None:
    if v["ticket_url"] and v["questions"]:
        record.error(
            "questions", "a paid event's guests answer the ticket provider; remove questions:"
        )
    if v["price"] is not None and not v["currency"]:
        record.error("price", "give the currency too, e.g. currency: SEK")
    if v["currency"] and not re.fullmatch(r"[A-Za-z]{3}", v["currency"]):
        record.error("currency", f"expected a three-letter code like SEK, got {v['currency']!r}")


def _dates(record: Record, start: Any, end: Any, all_day: bool) -> tuple[dt.datetime, ...]:
    if not all_day and start.tzinfo is not None:
        message = "a recurring event's start is the wall-clock time in its timezone: no offset"
        record.error("start", message)
        return ()
    first, length = timeline.first_and_length(start, end, all_day)
    try:
        found = expand(record.values["recurrence"], first, length, record.today)
    except ValueError as exc:
        record.error("recurrence", str(exc))
        return ()
    days = [s.date() for s, _past in found]
    twice = next((d for d in days if days.count(d) > 1), None)
    if twice is not None:
        record.error("recurrence", f"the rule starts twice on {twice}: one date per day")
    if not found:
        record.error("recurrence", f"the rule gives no date from {first.date()} on")
    return tuple(s for s, _past in found)


def _first_paragraph(record: Record) -> str:
    rendered = render_body(record.body, "", record.body_images).html
    match = re.search(r"<p>(.*?)</p>", rendered, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def finish(events: list[Event], content: Any) -> None:
    """Put every date in its event's zone; order events by their next date, then past ones."""
    default, problems = timeline.site_zone(content)
    content.extras["event_problems"] = problems
    for event in events:
        event.zone = event.timezone or default
        event.occurrences = timeline.occurrences(event)
    dated = [o for event in events for o in event.occurrences]
    upcoming = sorted((o for o in dated if not o.past), key=lambda o: (o.start, o.id))
    past = sorted((o for o in dated if o.past), key=lambda o: (o.start, o.id), reverse=True)
    content.extras["event_upcoming"] = upcoming
    content.extras["event_past"] = past
    events.sort(key=lambda e: _order(e))


def _order(event: Event) -> tuple:
    upcoming = event.upcoming
    if upcoming:
        return (0, upcoming[0].start.timestamp(), event.slug)
    newest = event.occurrences[-1].start.timestamp() if event.occurrences else 0
    return (1, -newest, event.slug)
