"""What an event is once its file is validated: the Event item, its occurrences and parts.

An `Event` is one file. Its `occurrences` are the dates it happens on: one for a
single event, one per date in the window for a recurring one. Each occurrence has
its own page, its own RSVPs and capacity on the API, and its own calendar entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ...content.items import Image, Item
from ...render.markdown import render_body
from ...urls import site_url

STATUSES = ("scheduled", "cancelled", "postponed", "moved_online")
WAITLISTS = ("off", "auto", "offer")
QUESTION_TYPES = ("text", "choice", "yesno")


@dataclass(frozen=True)
class Location:
    """Where an event happens: a place with an address, maybe on a map."""

    name: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    map_url: str = ""  # as given, or an OpenStreetMap link made from coordinates or address


@dataclass(frozen=True)
class Question:
    """Something asked with each RSVP (dietary needs, first time?)."""

    id: str  # the form field is answer_<id>
    label: str
    type: str  # text, choice or yesno
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Recurrence:
    """An RRULE and how many of its dates get pages."""

    rule: str  # RFC 5545 RRULE value, e.g. FREQ=MONTHLY;BYDAY=1TU
    upcoming: int = 6  # pages for the next this many dates
    skip: tuple[dt.date, ...] = ()  # dates left out (EXDATE)
    label: str = ""  # how to say it, e.g. "Every first Tuesday"; made from the rule if empty


@dataclass(frozen=True)
class RsvpTime:
    """When RSVPs open or close: a moment in the event's zone, or a time before each start."""

    at: dt.datetime | None = None  # naive, in the event's zone
    before: dt.timedelta | None = None

    def resolve(self, start: dt.datetime, zone: ZoneInfo) -> dt.datetime:
        """Return the moment for an occurrence starting at `start` (aware).

        Whole days before keep the clock time ('7 days before' a 07:45 start is 07:45
        then, across a daylight-saving change too); hours and minutes are elapsed time.
        """
        if self.at is not None:
            return self.at.replace(tzinfo=zone)
        assert self.before is not None
        if self.before.seconds or self.before.microseconds:
            return (start.astimezone(dt.UTC) - self.before).astimezone(zone)
        return start - self.before


class Event(Item):
    """One event file: what it is, where, who may come, and its dates."""

    kind = "events"
    start: dt.date | dt.datetime  # as written, naive: a date for an all-day event
    end: dt.date | dt.datetime  # a date is the last day of an all-day event
    all_day: bool
    timezone: str | None  # as written; None: the site's default (set in `zone`)
    location: Location | None
    online_url: str | None
    capacity: int | None
    max_party: int
    waitlist: str
    offer_hours: int
    rsvp_opens: RsvpTime | None
    rsvp_closes: RsvpTime | None  # None: at the start
    questions: tuple[Question, ...]
    ticket_url: str | None
    price: float | None
    currency: str
    status: str
    cover: Image | None
    summary: str
    recap_markdown: str  # shown once the event is over (how it went, feedback)
    recurrence: Recurrence | None
    starts: tuple[dt.datetime, ...]  # a recurring event's starts with pages, wall-clock time
    built_on: dt.date  # the build's day: what is past and upcoming
    # Set by `finish` on every load (the site's default zone may change, the file not):
    zone: str = "UTC"
    occurrences: list[Occurrence] = []

    @property
    def recurring(self) -> bool:
        """Tell whether the event repeats (pages per date and a series page)."""
        return self.recurrence is not None

    @property
    def recap_html(self) -> str:
        """The recap as HTML (links honour the site's sub-path)."""
        if not self.recap_markdown:
            return ""
        return Markup(render_body(self.recap_markdown, site_url("/")[:-1]).html)

    @property
    def upcoming(self) -> list[Occurrence]:
        """Its dates that are not over, soonest first."""
        return [o for o in self.occurrences if not o.past]

    @property
    def past(self) -> list[Occurrence]:
        """Its dates that are over, newest first."""
        return [o for o in reversed(self.occurrences) if o.past]

    def __getstate__(self) -> dict:
        # Occurrences are made again by `finish` on every load: not cached.
        state = super().__getstate__()
        state.pop("occurrences", None)
        return state


@dataclass(eq=False)
class Occurrence:
    """One date of an event: its own page, RSVPs and calendar entry."""

    event: Event
    id: str  # the API's id: the slug, or slug--YYYY-MM-DD for a date of a recurring event
    path: str  # site path of its page (without the site's sub-path)
    start: dt.datetime  # aware, in the event's zone (midnight for an all-day event)
    end: dt.datetime  # aware; for an all-day event midnight after the last day
    past: bool
    rsvp_opens: dt.datetime | None = None
    rsvp_closes: dt.datetime | None = None

    @property
    def url(self) -> str:
        """URL of its page."""
        return site_url(self.path)

    @property
    def title(self) -> str:
        """The event's title."""
        return self.event.title

    @property
    def date(self) -> dt.date:
        """Its first day, in the event's zone."""
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        """Its last day, in the event's zone."""
        if self.event.all_day:
            return (self.end - dt.timedelta(days=1)).date()
        return self.end.date()

    @property
    def takes_rsvps(self) -> bool:
        """Tell whether visitors RSVP on the site (free, not cancelled)."""
        return not self.event.ticket_url

    @property
    def form_shown(self) -> bool:
        """Tell whether the page offers the RSVP form (not paid, over, cancelled, closed)."""
        event = self.event
        closed = self.rsvp_closes is not None and self.rsvp_closes.date() < event.built_on
        return (
            self.takes_rsvps
            and not self.past
            and not closed
            and event.status in ("scheduled", "moved_online")
        )

    @property
    def opens_later(self) -> bool:
        """Tell whether RSVPs open after the build's day (the page says when)."""
        return self.rsvp_opens is not None and self.rsvp_opens.date() > self.event.built_on
