"""The events' scheduled job, run by Zappa's ``events`` (see zappa_settings.json).

``api.events.jobs.expire_offers`` passes unclaimed waitlist offers on to the
next party, and moves up any line that has free seats (a request cut off
between freeing seats and moving the line leaves such seats). Schedule it
often enough for the offers' hours, e.g. every 5 minutes.
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
