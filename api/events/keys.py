"""Where the events live in the one table, and the words for their states.

``EVENT#<id>`` / ``META``           the event: catalogue facts and its seat counters
``EVENT#<id>`` / ``RSVP#<hash>``    one RSVP, by a hash of the attendee's email
``EVENT#<id>`` / ``WAIT#<seq>``     a waiting party's place in line (arrival order)
``NOTIFY#events`` / ``<stamp>#<r>`` a notification to send (see ``outbox``)

GSI1 lists every event (``EVENTS`` / ``<start, UTC>#<id>``) and every open
offer (``EVENTOFFERS`` / ``<expires, UTC>#<id>#<hash>``) for the offer job.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

# An event id is a slug, or slug--YYYY-MM-DD for one occurrence of a recurring event.
ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,119}"
ID_EXAMPLE = "board-games"
QUESTION_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}"
MAX_PARTY = 50  # no event takes more people per RSVP than this

META = "META"
RSVP_PREFIX = "RSVP#"
WAIT_PREFIX = "WAIT#"
EVENTS = "EVENTS"
OFFERS = "EVENTOFFERS"

# RSVP statuses. Active ones hold a seat or a place in line.
CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
OFFERED = "offered"  # a freed seat is held for this party until offer_expires
CANCELLED = "cancelled"
EXPIRED = "expired"  # an offer nobody claimed in time
ACTIVE = (CONFIRMED, WAITLISTED, OFFERED)
ENDED = (CANCELLED, EXPIRED)

# Event statuses (from content) and waitlist modes.
SCHEDULED, EVENT_CANCELLED, POSTPONED, MOVED_ONLINE = (
    "scheduled",
    "cancelled",
    "postponed",
    "moved_online",
)
EVENT_STATUSES = (SCHEDULED, EVENT_CANCELLED, POSTPONED, MOVED_ONLINE)
TAKES_RSVPS = (SCHEDULED, MOVED_ONLINE)
WAITLIST_MODES = ("off", "auto", "offer")


def event_pk(event_id: str) -> str:
    """Return the partition of an event and its RSVPs."""
    return f"EVENT#{event_id}"


def email_hash(email: str) -> str:
    """Return the key of an attendee: one RSVP per address, whatever its case."""
    return hashlib.sha256(email.casefold().encode()).hexdigest()[:32]


def rsvp_sk(hashed: str) -> str:
    """Return the sort key of the RSVP of an email hash."""
    return RSVP_PREFIX + hashed


def wait_sk(seq: int) -> str:
    """Return the sort key of a place in line (zero-padded, so keys sort as numbers)."""
    return f"{WAIT_PREFIX}{seq:012d}"


def stamp(when: datetime) -> str:
    """Return a UTC time as fixed-width ISO 8601, which sorts as text."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """Read an ISO 8601 time with an offset (``Z`` too)."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("needs a UTC offset, e.g. 2027-01-05T18:30:00+01:00")
    return parsed
