"""Per-client rate limits kept in DynamoDB: one counter item per fixed window.

The counter is raised by a single conditional ``UpdateItem`` (never read, then
write), so parallel requests on any number of Lambda instances cannot slip past
the limit. Window items carry a TTL so DynamoDB removes them afterwards. Each
limited thing declares one :class:`Limit`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import RateLimited
from .storage import TTL_ATTRIBUTE, ConditionFailed, Table


@dataclass(frozen=True)
class Limit:
    """At most ``count`` of ``what`` per client in each fixed ``window`` of seconds."""

    scope: str
    count: int
    window: int
    what: str = "messages"

    def _window(self, client: str, now: float | None) -> tuple[str, str, int, int]:
        now_s = int(time.time() if now is None else now)
        start = now_s - now_s % self.window
        return f"RATE#{self.scope}#{client}", f"WINDOW#{start}", start, now_s

    def _refused(self, start: int, now_s: int) -> RateLimited:
        wait = start + self.window - now_s
        return RateLimited(
            f"Too many {self.what} from your connection: try again in {_minutes(wait)}.",
            retry_after=wait,
        )


def hit(table: Table, limit: Limit, client: str, now: float | None = None) -> int:
    """Count one request for ``client``; return how many remain or raise RateLimited."""
    pk, sk, start, now_s = limit._window(client, now)
    try:
        item = table.update(
            pk,
            sk,
            "SET #n = if_not_exists(#n, :zero) + :one, #ttl = :ttl",
            {":zero": 0, ":one": 1, ":limit": limit.count, ":ttl": start + 2 * limit.window},
            names={"#n": "count", "#ttl": TTL_ATTRIBUTE},
            condition="attribute_not_exists(#n) OR #n < :limit",
        )
    except ConditionFailed:
        raise limit._refused(start, now_s) from None
    return limit.count - int(item["count"])


def check(table: Table, limit: Limit, client: str, now: float | None = None) -> None:
    """Raise RateLimited if ``client`` has used up this window, without counting."""
    pk, sk, start, now_s = limit._window(client, now)
    item = table.get(pk, sk)
    if item is not None and int(item["count"]) >= limit.count:
        raise limit._refused(start, now_s)


def _minutes(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{round(seconds / 60)} minutes"
