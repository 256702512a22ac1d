"""Reminders before an event starts: each confirmed attendee once, however often the job runs.

``api.events.jobs.send_reminders`` (scheduled in zappa_settings.json) looks
at the events starting within ``FROSTFOLIO_EVENT_REMINDER_HOURS`` (default 24)
and reminds each confirmed attendee. The reminder is one email per attendee
and start time (``reminder#<start>``, see ``deliveries``): a second run, two
runs at once, or a run after one that stopped halfway sends only what was not
sent; an event moved to a later start reminds again for the new time.
Attendees confirmed inside the window are left out: their confirmation is as
recent as a reminder would be.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..settings import Settings
from ..storage import Table
from . import deliveries, keys, mailer, store


def confirmed_at(rsvp: dict[str, Any]) -> str:
    """Return when an RSVP last got its seats (confirmed, claimed or moved up), as a stamp."""
    return max(rsvp.get("confirmed_at") or "", rsvp.get("promoted_at") or "")


def send_reminders(
    table: Table,
    ses: Any,
    settings: Settings,
    now: datetime,
    *,
    time_left: mailer.TimeLeft = None,
) -> dict[str, int]:
    """Remind the confirmed attendees of events starting soon; return counts by outcome."""
    from . import letters

    counts: dict[str, int] = {"events": 0}
    hours = settings.event_reminder_hours
    if not mailer.enabled(settings) or hours <= 0:
        return counts
    for event in mailer.events_starting(table, now, now + timedelta(hours=hours)):
        if event.get("removed_at") or event.get("status") not in keys.TAKES_RSVPS:
            continue
        start = keys.parse_time(event["start"])
        due = keys.stamp(start - timedelta(hours=hours))
        counts["events"] += 1
        for rsvp in store.every_with_prefix(table, event["pk"], keys.RSVP_PREFIX):
            if rsvp["status"] != keys.CONFIRMED:
                continue
            if confirmed_at(rsvp) >= due:
                counts["recent"] = counts.get("recent", 0) + 1
                continue
            if time_left is not None and time_left() < mailer.MARGIN:
                counts["left_for_next_run"] = counts.get("left_for_next_run", 0) + 1
                continue

            def compose(event: dict[str, Any] = event, rsvp: dict[str, Any] = rsvp) -> Any:
                letter = letters.reminder(event, rsvp, mailer.manage_link(settings, rsvp))
                return mailer.compose(settings, letter, event, rsvp, now) if letter else None

            outcome = deliveries.deliver(
                table,
                ses,
                event_id=event["id"],
                what=f"reminder#{keys.stamp(start)}",
                hashed=rsvp["hash"],
                compose=compose,
                now=now,
            )
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts
