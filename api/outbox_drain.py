"""Send what an outbox still holds, oldest first, within the Lambda time left.

Shared by the comment and event mailers: each records its notifications as
items of one partition (``NOTIFY#<feature>``) in the transaction that made the
change, and a scheduled job drains that partition. A notification younger than
``grace`` is left to the request that wrote it; none is started with less than
``margin`` seconds of Lambda time in hand; one is removed only once its emails
are settled, so a job cut off or run twice sends only what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from .storage import Table

TimeLeft = Callable[[], float] | None
Settle = Callable[[dict[str, Any], dict[str, int]], bool]  # (note, counts) -> all sent


def drain(
    table: Table,
    pending: str,
    settle: Settle,
    done: Callable[[Table, dict[str, Any]], Any],
    now: datetime,
    *,
    grace: timedelta,
    margin: float,
    time_left: TimeLeft = None,
) -> dict[str, int]:
    """Settle every stored notification of partition ``pending``; return the counts."""
    counts: dict[str, int] = {"notifications_done": 0, "notifications_left": 0}
    younger = (now - grace).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    start = None
    while True:
        notes, start = table.query("pk", pending, start=start, limit=100)
        for note in notes:
            if note["sk"] >= younger or (time_left is not None and time_left() < margin):
                counts["notifications_left"] += 1
                continue
            if settle(note, counts):
                done(table, note)
                counts["notifications_done"] += 1
            else:
                counts["notifications_left"] += 1
        if not start:
            return counts
