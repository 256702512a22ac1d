"""Budget alerts: one email to the owner when a category passes 80%, one at 100%.

:func:`check` reads a period's budget vs actual (``budgets.figures``, from the
aggregates only) and, for each threshold a category has passed, claims
``BUDGETALERT#<period>`` / ``<category>#<currency>#<threshold>`` with a
conditional put: only the first check to claim it sends, so an alert goes once
per category, period and threshold however many imports, edits and job runs
see it. An import that jumps past both thresholds sends one email (the 100%
one) and claims both. If SES fails, the claims are taken back and the next
check (the hourly job) sends it. The email goes like the contact notification
(``api/notify.py``): from ``FROSTFOLIO_SES_SENDER`` to ``FROSTFOLIO_SES_RECIPIENT``,
plain text; with either unset no alert is sent or claimed.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from ..settings import Settings
from ..storage import ConditionFailed, Table

log = logging.getLogger("api.money.alerts")
THRESHOLDS = (80, 100)


def alert_pk(period: str) -> str:
    """Return the partition of a period's sent alerts."""
    return f"BUDGETALERT#{period}"


def passed(figure: dict[str, Any]) -> list[int]:
    """Return the thresholds (percent) a budget figure has reached."""
    available, spent = Decimal(figure["available"]), Decimal(figure["spent"])
    if available <= 0:
        return []
    return [t for t in THRESHOLDS if spent * 100 >= available * t]


def compose(settings: Settings, figure: dict[str, Any], threshold: int) -> dict[str, Any]:
    """Build the SES SendEmail arguments of one alert."""
    name, ccy, period = figure["name"] or figure["category"], figure["currency"], figure["period"]
    verb = "reached" if threshold >= 100 else "passed"
    subject = f"Budget: {name} {verb} {threshold}% for {period}"
    body = (
        f"{name}: {figure['spent']} {ccy} spent of {figure['available']} {ccy} "
        f"for {period} ({figure['percent_used']}%).\n"
        f"Left: {figure['left']} {ccy}; days left in the period: {figure['days_left']}.\n\n"
        "You get this once per budget, period and threshold (80% and 100%).\n"
    )
    return {
        "Source": settings.ses_sender,
        "Destination": {"ToAddresses": [settings.ses_recipient]},
        "Message": {
            "Subject": {"Data": subject[:200], "Charset": "UTF-8"},
            "Body": {"Text": {"Data": body, "Charset": "UTF-8"}},
        },
    }


def _claim(table: Table, period: str, key: str, threshold: int) -> bool:
    try:
        table.put_new({"pk": alert_pk(period), "sk": f"{key}#{threshold}", "threshold": threshold})
        return True
    except ConditionFailed:
        return False


def check(table: Table, ses: Any, settings: Settings, period: str, today: date) -> dict[str, int]:
    """Send each alert a period's budgets call for, once; return counts."""
    from . import budgets

    counts = {"sent": 0, "failed": 0}
    if not (settings.ses_sender and settings.ses_recipient):
        return counts
    for figure in budgets.figures(table, period, today):
        key = f"{figure['category']}#{figure['currency']}"
        claimed = [t for t in passed(figure) if _claim(table, period, key, t)]
        if not claimed:
            continue
        try:
            ses.send_email(**compose(settings, figure, max(claimed)))
            counts["sent"] += 1
        except Exception as exc:  # SES down or refusing: give the claims back for a retry
            log.warning("budget alert for %s %s not sent: %s", period, key, exc)
            for threshold in claimed:
                table.delete(alert_pk(period), f"{key}#{threshold}")
            counts["failed"] += 1
    return counts


def check_dates(table: Table, ses: Any, settings: Settings, days: list[str], today: date) -> dict:
    """Check this month and year if any of the given ISO dates falls in them (after an import).

    Periods already over get no alert: an old statement imported late changes
    nothing the owner can still act on.
    """
    month, year = f"{today:%Y-%m}", f"{today:%Y}"
    periods = [p for p in (month, year) if any(d.startswith(p) for d in days)]
    totals = {"sent": 0, "failed": 0}
    for period in periods:
        for name, value in check(table, ses, settings, period, today).items():
            totals[name] += value
    return totals
