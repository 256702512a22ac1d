"""The event's front matter: its fields and the other names they go by.

Only `title` and `start` are required. Rules between fields (an end after the
start, a place or an online address, a party no larger than the room) are checked
by `load.make`, at the line of the field they are about.
"""

from __future__ import annotations

from ...content.schema import Field, Schema
from .fields import (
    to_location,
    to_questions,
    to_rsvp_time,
    to_status,
    to_waitlist,
    to_when,
    to_zone,
)
from .recurrence import to_recurrence

DEFAULT_MAX_PARTY = 4

ALIASES = {
    "tz": "timezone", "time_zone": "timezone", "venue": "location", "place": "location",
    "where": "location", "online": "online_url", "stream_url": "online_url",
    "description": "summary", "image": "cover", "seats": "capacity", "rrule": "recurrence",
    "repeat": "recurrence", "repeats": "recurrence", "tickets": "ticket_url",
    "party_max": "max_party", "max_party_size": "max_party", "rsvp_open": "rsvp_opens",
    "rsvp_close": "rsvp_closes", "feedback": "recap",
}  # fmt: skip

SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the event's name", example="{title}"),
        Field(
            "start",
            convert=to_when,
            required=True,
            doc="YYYY-MM-DD HH:MM in the event's zone; a date alone: an all-day event",
        ),
        Field(
            "end",
            convert=to_when,
            doc="as start; required with a time; for an all-day event the last day",
        ),
        Field("timezone", convert=to_zone, doc="IANA name; default: site.yml `timezone:`"),
        Field("summary", doc="a sentence for lists; default: the body's first paragraph"),
        Field(
            "location",
            convert=to_location,
            doc="{name, address, lat, lon, map_url}, or the place's name",
        ),
        Field("online_url", "url", doc="where to join online (a hybrid event has both)"),
        Field("capacity", "int", min=1, max=100_000, doc="seats; none: no limit"),
        Field("max_party", "int", default=DEFAULT_MAX_PARTY, min=1, max=50, doc="per RSVP"),
        Field("waitlist", convert=to_waitlist, default="auto", doc="off, auto or offer"),
        Field("offer_hours", "int", default=24, min=1, max=168, doc="how long an offer holds"),
        Field("rsvp_opens", convert=to_rsvp_time, doc="YYYY-MM-DD HH:MM or '14 days before'"),
        Field("rsvp_closes", convert=to_rsvp_time, doc="as rsvp_opens; default: the start"),
        Field("questions", convert=to_questions, default=(), doc="- {label, type, choices}"),
        Field("ticket_url", "url", doc="a paid event: tickets there, no RSVP here"),
        Field("price", "number", min=0, doc="the ticket price, for search engines"),
        Field("currency", doc="three letters, e.g. SEK; with price"),
        Field(
            "status",
            convert=to_status,
            default="scheduled",
            doc=", ".join(("scheduled", "cancelled", "postponed", "moved_online")),
        ),  # fmt: skip
        Field("cover", "image", doc="{src: /images/..., alt: ...}"),
        Field("recurrence", convert=to_recurrence, doc="an RRULE, e.g. FREQ=MONTHLY;BYDAY=1TU"),
        Field("recap", doc="Markdown shown once it is over: how it went, feedback"),
        Field("draft", "bool", default=False, doc="true keeps it out of the build"),
    ],
    aliases=ALIASES,
)
