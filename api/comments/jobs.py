"""The comments' scheduled job, run by Zappa's ``events`` (see zappa_settings.json).

``api.comments.jobs.send_mail`` sends what the comments' stored notifications
still ask for (``mailer.send_pending``): the owner's notifications, double
opt-in and reply emails a request could not send (SES down, a crash), each
once however often it runs (``api.events.deliveries``). Schedule it every 5
minutes; it stops taking new emails with 10 s of Lambda time left, and the
next run goes on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..jobs import scheduled
from ..services import Services


@scheduled("comments.send_mail")
def send_mail(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Send what stored comment notifications still ask for; return counts."""
    from ..events import deliveries
    from . import mailer

    remaining = getattr(context, "get_remaining_time_in_millis", None)
    return mailer.send_pending(
        services.table,
        deliveries.ses_client(services.settings),
        services.settings,
        now,
        time_left=(lambda: remaining() / 1000) if remaining else None,
    )
