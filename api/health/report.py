"""Read the health page: a few gets and queries, never a scan."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..storage import GSI1, Table
from . import records

# Queues of notifications still to send: the owner's emails, the events', the comments'.
# A feature with a queue of its own adds its partition here.
QUEUES = ("NOTIFY#pending", "NOTIFY#events", "NOTIFY#comments")
RECENT_ERRORS = 20
JOB_FIELDS = (
    "job",
    "started_at",
    "finished_at",
    "seconds",
    "ok",
    "counts",
    "error",
    "runs",
    "failures",
    "failed_at",
    "last_error",
)
ERROR_FIELDS = ("at", "request_id", "method", "path", "status", "error", "exception")


def _plain(value: Any) -> Any:
    # Decimal from the table -> int or float for JSON.
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def deploy(table: Table) -> dict[str, Any] | None:
    """Return the last deploy, or None if none was recorded."""
    item = table.get(*records.DEPLOY_KEY)
    if item is None:
        return None
    return {k: item.get(k) for k in ("stage", "finished_at", "commit", "api")}


def jobs(table: Table) -> list[dict[str, Any]]:
    """Return every job's last run, by name."""
    found, start = [], None
    while True:
        items, start = table.query("gsi1pk", records.JOBS_LISTING, index=GSI1, start=start)
        found += [{k: _plain(item.get(k)) for k in JOB_FIELDS} for item in items]
        if not start:
            return found


def _count(table: Table, pk: str) -> int:
    kwargs: dict[str, Any] = {
        "TableName": table.name,
        "KeyConditionExpression": "pk = :pk",
        "ExpressionAttributeValues": table.dump({":pk": pk}),
        "Select": "COUNT",
        "ConsistentRead": True,
    }
    total = 0
    while True:
        out = table.call("query", **kwargs)
        total += out.get("Count", 0)
        if not out.get("LastEvaluatedKey"):
            return total
        kwargs["ExclusiveStartKey"] = out["LastEvaluatedKey"]


def _queued_at(item: dict[str, Any]) -> str | None:
    # Notes say when (in their own ISO 8601); the owner's markers are keyed by their time.
    try:
        if item.get("created_at"):
            when = datetime.fromisoformat(str(item["created_at"]))
        else:
            when = datetime.strptime(item["sk"].split("#", 1)[0], "%Y%m%dT%H%M%S%fZ")
    except (ValueError, KeyError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def notifications(table: Table) -> dict[str, Any]:
    """Count the notifications still to send, per queue, and the oldest one's time."""
    queues = {pk: _count(table, pk) for pk in QUEUES}
    oldest = None
    for pk, count in queues.items():
        if count:
            items, _ = table.query("pk", pk, limit=1)
            when = _queued_at(items[0]) if items else None
            if when and (oldest is None or when < oldest):
                oldest = when
    return {"pending": sum(queues.values()), "queues": queues, "oldest": oldest}


def errors(table: Table, now: datetime, limit: int = RECENT_ERRORS) -> list[dict[str, Any]]:
    """Return the latest server errors of the last 14 days, newest first."""
    # TTL removes an item some time after it expires, not at once: skip those.
    since = records.stamp(now - records.KEEP_ERRORS)
    items, _ = table.query(
        "gsi1pk", records.ERRORS_LISTING, index=GSI1, newest_first=True, limit=limit
    )
    return [{k: _plain(item.get(k)) for k in ERROR_FIELDS} for item in items if item["at"] >= since]


def health(table: Table, now: datetime | None = None) -> dict[str, Any]:
    """Return everything the health page shows."""
    now = now or datetime.now(UTC)
    return {
        "now": records.stamp(now),
        "deploy": deploy(table),
        "jobs": jobs(table),
        "notifications": notifications(table),
        "errors": errors(table, now),
    }
