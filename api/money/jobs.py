"""Scheduled money jobs (Zappa ``events``, see zappa_settings.json and docs/money.md).

``api.money.jobs.create_recurring`` makes the recurring transactions due up to
today (catching up after a pause; each period once, see ``recurring``), then
checks the budgets of this month and year. ``api.money.jobs.check_budgets``
sends the budget alerts the latest writes call for (and retries any SES
refused). Dates are UTC days.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..jobs import scheduled
from ..services import Services


def _alerts(services: Services, now: datetime) -> dict[str, int]:
    from . import alerts

    day = now.date()
    sent = {"alerts_sent": 0, "alerts_failed": 0}
    for period in (f"{day:%Y-%m}", f"{day:%Y}"):
        counts = alerts.check(services.table, services.ses, services.settings, period, day)
        sent["alerts_sent"] += counts["sent"]
        sent["alerts_failed"] += counts["failed"]
    return sent


@scheduled("money.create_recurring")
def create_recurring(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Make every recurring transaction due up to today, once each; return counts."""
    from . import recurring

    counts = recurring.run(services.table, now.date())
    return {**counts, **_alerts(services, now)}


@scheduled("money.check_budgets")
def check_budgets(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Send the budget alerts this month's and year's spending calls for; return counts."""
    return _alerts(services, now)
