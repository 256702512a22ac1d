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

import json
from datetime import UTC, datetime
from typing import Any

from ..services import Services
from ..settings import load_settings


def expire_offers(
    event: Any = None,
    context: Any = None,
    *,
    services: Services | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Expire offers past their time and move waitlists up; return counts."""
    from . import waitlist

    services = services or Services(load_settings())
    counts = waitlist.expire_offers(services.table, now or datetime.now(UTC))
    # print, not log.info: Zappa's log level hides INFO (as api.jobs does).
    print(json.dumps({"job": "events.expire_offers", **counts}), flush=True)
    return counts


def _mail_job(name: str, run: Any, event: Any, context: Any, services: Any, now: Any) -> dict:
    from . import deliveries

    services = services or Services(load_settings())
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    counts = run(
        services.table,
        deliveries.ses_client(services.settings),
        services.settings,
        now or datetime.now(UTC),
        time_left=(lambda: remaining() / 1000) if remaining else None,
    )
    print(json.dumps({"job": f"events.{name}", **counts}), flush=True)
    return counts


def send_mail(
    event: Any = None,
    context: Any = None,
    *,
    services: Services | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Send what stored notifications still ask for (the fan-out of changes too); return counts."""
    from . import mailer

    return _mail_job("send_mail", mailer.send_pending, event, context, services, now)


def send_reminders(
    event: Any = None,
    context: Any = None,
    *,
    services: Services | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Remind confirmed attendees of events starting soon, each once; return counts."""
    from . import reminders

    return _mail_job("send_reminders", reminders.send_reminders, event, context, services, now)


def ask_for_feedback(
    event: Any = None,
    context: Any = None,
    *,
    services: Services | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Send feedback links to attendees of events that ended lately, each once; return counts."""
    from . import feedback

    return _mail_job("ask_for_feedback", feedback.ask_for_feedback, event, context, services, now)
