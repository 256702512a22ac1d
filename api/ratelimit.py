"""Per-client rate limits kept in DynamoDB: one counter item per fixed window.

The counter is raised by a single conditional ``UpdateItem`` (never read, then
write), so parallel requests on any number of Lambda instances cannot slip past
the limit. Window items carry a TTL so DynamoDB removes them afterwards.
"""

from __future__ import annotations

import time

from .errors import RateLimited
from .storage import TTL_ATTRIBUTE, ConditionFailed, Table


def _window(now: float | None, window: int) -> tuple[int, int]:
    now = time.time() if now is None else now
    return int(now) - int(now) % window, int(now)


def _limited(what: str, wait: int) -> RateLimited:
    return RateLimited(
        f"Too many {what} from your connection: try again in {_minutes(wait)}.",
        retry_after=wait,
    )


def hit(
    table: Table,
    scope: str,
    client: str,
    *,
    limit: int,
    window: int,
    now: float | None = None,
    what: str = "messages",
) -> int:
    """Count one request for ``client``; return how many remain or raise RateLimited."""
    start, now_s = _window(now, window)
    try:
        item = table.update(
            f"RATE#{scope}#{client}",
            f"WINDOW#{start}",
            "SET #n = if_not_exists(#n, :zero) + :one, #ttl = :ttl",
            {":zero": 0, ":one": 1, ":limit": limit, ":ttl": start + 2 * window},
            names={"#n": "count", "#ttl": TTL_ATTRIBUTE},
            condition="attribute_not_exists(#n) OR #n < :limit",
        )
    except ConditionFailed:
        raise _limited(what, start + window - now_s) from None
    return limit - int(item["count"])


def check(
    table: Table,
    scope: str,
    client: str,
    *,
    limit: int,
    window: int,
    now: float | None = None,
    what: str = "messages",
) -> None:
    """Raise RateLimited if ``client`` has used up this window, without counting."""
    start, now_s = _window(now, window)
    item = table.get(f"RATE#{scope}#{client}", f"WINDOW#{start}")
    if item is not None and int(item["count"]) >= limit:
        raise _limited(what, start + window - now_s)


def _minutes(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{round(seconds / 60)} minutes"
