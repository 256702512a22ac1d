"""Scheduled jobs, run by Zappa's ``events`` (see README, section API).

``api.jobs.retry_notifications`` resends owner notifications that failed or
were interrupted; schedule it e.g. every 15 minutes.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from . import messages, notify
from .services import Services
from .settings import load_settings

log = logging.getLogger("api.jobs")


Run = Callable[[Services, datetime, Any], dict[str, int]]


def scheduled(name: str) -> Callable[[Run], Callable[..., dict[str, int]]]:
    """Make ``run(services, now, context)`` a job Zappa's ``events`` can call.

    The job takes Zappa's ``(event, context)``, or ``services=`` and ``now=`` in
    tests, and prints one JSON line of counts: print, not log.info, since Zappa's
    log level hides INFO and this line is what the operator checks in CloudWatch.
    Each run, counts or error, is also recorded for the owner's health page
    (``JOBRUN#<name>``, api/health).
    """

    def wrap(run: Run) -> Callable[..., dict[str, int]]:
        @functools.wraps(run)
        def job(
            event: Any = None,
            context: Any = None,
            *,
            services: Services | None = None,
            now: datetime | None = None,
        ) -> dict[str, int]:
            services = services or Services(load_settings())
            started, clock = now or datetime.now(UTC), time.monotonic()
            try:
                counts = run(services, started, context)
            except Exception as exc:
                _remember(services, name, started, clock, None, f"{type(exc).__name__}: {exc}")
                raise
            _remember(services, name, started, clock, counts, None)
            print(json.dumps({"job": name, **counts}), flush=True)
            return counts

        return job

    return wrap


def _remember(
    services: Services,
    name: str,
    started: datetime,
    clock: float,
    counts: dict[str, int] | None,
    error: str | None,
) -> None:
    # For the health page; a run that cannot be recorded still counts as run.
    try:
        from .health.records import record_job_run

        finished = started + timedelta(seconds=time.monotonic() - clock)
        record_job_run(services.table, name, started, finished, counts, error)
    except Exception as exc:
        log.warning(json.dumps({"job": name, "error": f"run not recorded: {exc}"}))


@scheduled("retry_notifications")
def retry_notifications(services: Services, now: datetime, context: Any) -> dict[str, int]:
    """Send every notification still pending after the grace period; return counts."""
    settings = services.settings
    counts = {"sent": 0, "failed": 0, "gone": 0}
    if not settings.notifications_enabled:
        return counts
    cutoff = now - timedelta(seconds=settings.notify_retry_after)
    for marker in messages.pending(services.table, cutoff):
        item = services.table.get(marker["ref"], marker["sk"])
        if item is None:  # deleted by the owner since: nothing to tell
            services.table.delete(messages.PENDING, marker["sk"])
            counts["gone"] += 1
            continue
        try:
            notify.send(services.ses, item, settings)
        except notify.NotifyError as exc:
            counts["failed"] += 1
            log.warning(
                json.dumps({"job": "retry_notifications", "id": item["id"], "error": str(exc)})
            )
            continue
        messages.notified(services.table, item)
        counts["sent"] += 1
    return counts
