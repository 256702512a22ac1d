"""The events' scheduled jobs, run by Zappa's ``events`` (see zappa_settings.json).

``api.events.jobs.expire_offers`` passes unclaimed waitlist offers on to the
next party, and moves up any line that has free seats (a request cut off
between freeing seats and moving the line leaves such seats). Schedule it
often enough for the offers' hours, e.g. every 5 minutes.

The email jobs (``mailer``, ``reminders``, ``feedback``; each email goes out
once however often they run, see ``deliveries``): ``send_mail`` sends what
the outbox's notifications still ask for (retries, offers, an event's
changes to every attendee), every 5 minutes; ``send_reminders`` reminds
attendees ``FROSTFOLIO_EVENT_REMINDER_HOURS`` before the start, every 15
minutes; ``ask_for_feedback`` sends feedback links after the end, hourly.
Each stops taking new emails with 10 s of Lambda time left; the next run goes on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..jobs import scheduled
from ..services import Services


@scheduled("events.expire_offers")
def expire_offers(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Expire offers past their time and move waitlists up; return counts."""
    from . import waitlist

    return waitlist.expire_offers(services.table, now)


def _mail(run: Any, services: Services, now: datetime, context: Any) -> dict[str, int]:
    from . import deliveries

    remaining = getattr(context, "get_remaining_time_in_millis", None)
    return run(
        services.table,
        deliveries.ses_client(services.settings),
        services.settings,
        now,
        time_left=(lambda: remaining() / 1000) if remaining else None,
    )


@scheduled("events.send_mail")
def send_mail(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Send what stored notifications still ask for (the fan-out of changes too); return counts."""
    from . import mailer

    return _mail(mailer.send_pending, services, now, context)


@scheduled("events.send_reminders")
def send_reminders(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Remind confirmed attendees of events starting soon, each once; return counts."""
    from . import reminders

    return _mail(reminders.send_reminders, services, now, context)


@scheduled("events.ask_for_feedback")
def ask_for_feedback(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Send feedback links to attendees of events that ended lately, each once; return counts."""
    from . import feedback

    return _mail(feedback.ask_for_feedback, services, now, context)
