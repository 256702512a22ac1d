"""Whether an event takes RSVPs (or changes to them) now, and the error that says why not.

Pure functions of the stored event and the time: no I/O, so the views, the
service and the tests ask the same question the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import ApiError, NotFound
from . import keys


class Conflict(ApiError):
    """The event is in a state that refuses this (full, closed, postponed)."""

    status, code = 409, "conflict"


class Gone(ApiError):
    """The event is over or cancelled: it will never take this again."""

    status, code = 410, "gone"


def not_found(event_id: str) -> NotFound:
    """Say that no event has this id."""
    return NotFound(f"No event {event_id!r}: check the link.", code="event_not_found")


def _when(value: str) -> str:
    return keys.parse_time(value).strftime("%d %b %Y, %H:%M (UTC%z)")


def _ends(event: dict[str, Any]) -> datetime:
    return keys.parse_time(event.get("end") or event["start"])


def closes(event: dict[str, Any]) -> datetime:
    """Return when RSVPs close: the set time, else the start."""
    return keys.parse_time(event.get("rsvp_closes") or event["start"])


def refusal(event: dict[str, Any] | None, event_id: str, now: datetime) -> ApiError | None:
    """Return why a new RSVP is refused now, or None if the event takes it."""
    if event is None or event.get("removed_at"):
        return not_found(event_id)
    title = event.get("title") or event_id
    if event.get("status") == keys.EVENT_CANCELLED:
        return Gone(f"{title} is cancelled.", code="event_cancelled")
    if now >= _ends(event):
        return Gone(f"{title} is over.", code="event_past")
    if event.get("status") == keys.POSTPONED:
        return Conflict(
            f"{title} is postponed: RSVPs open again once it has a new date.",
            code="event_postponed",
        )
    if event.get("ticket_url"):
        return Conflict(
            f"{title} takes tickets at {event['ticket_url']}, not RSVPs here.",
            code="tickets_elsewhere",
        )
    opens = event.get("rsvp_opens")
    if opens and now < keys.parse_time(opens):
        return Conflict(f"RSVPs for {title} open on {_when(opens)}.", code="rsvp_not_open")
    if now >= closes(event):
        return Conflict(f"RSVPs for {title} are closed.", code="rsvp_closed")
    return None


def change_refusal(event: dict[str, Any] | None, now: datetime) -> ApiError | None:
    """Return why an existing RSVP may not change now (the event started or ended), or None."""
    if event is None or event.get("removed_at"):
        return Gone("This event is no longer listed: its RSVPs cannot change.", code="event_gone")
    title = event.get("title") or "The event"
    if event.get("status") == keys.EVENT_CANCELLED:
        return Gone(f"{title} is cancelled.", code="event_cancelled")
    if now >= _ends(event):
        return Gone(f"{title} is over.", code="event_past")
    if now >= keys.parse_time(event["start"]):
        return Conflict(f"{title} has started: RSVPs can no longer change.", code="event_started")
    return None


def moves_up(event: dict[str, Any] | None, now: datetime) -> bool:
    """Tell whether freed seats still go to waiting parties (until the event starts)."""
    return change_refusal(event, now) is None and event.get("status") in keys.TAKES_RSVPS  # type: ignore[union-attr]
