"""Write a backup into a table: checked whole first, into an empty table, in batches of 25.

The file is read twice: once to check every line and count what would be
written (all a dry run does), then again to write. So a file with a bad line
or cut short (fewer items than its header counts) writes nothing at all.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..storage import Table, TableMissing
from . import jsonl
from .jsonl import BackupError
from .kinds import excluded, item_type, selected

BATCH = 25  # BatchWriteItem's limit
RETRY_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0, 5.0)


@dataclass
class Plan:
    """What a restore writes: counts per type, and what it skips."""

    header: dict[str, Any]
    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # excluded kinds, or not --only


def _lines(path: str) -> Iterator[str]:
    with Path(path).open(encoding="utf-8", newline="\n") as source:
        yield from source


def items(path: str, only: tuple[str, ...], plan: Plan | None = None) -> Iterator[dict[str, Any]]:
    """Yield the items of the file to write, counting them (and what is skipped) in ``plan``."""
    _, found = jsonl.read(_lines(path))
    for item in found:
        pk, sk = item["pk"]["S"], item["sk"]["S"]
        kind = item_type(pk, sk)
        if excluded(pk) or not selected(kind, only):
            if plan is not None:
                plan.skipped[kind] += 1
            continue
        if plan is not None:
            plan.counts[kind] += 1
        yield item


def check(path: str, only: tuple[str, ...] = ()) -> Plan:
    """Read the whole file, check every line, and return what a restore would write."""
    try:
        header, _ = jsonl.read(_lines(path))
    except UnicodeDecodeError as exc:
        raise BackupError(f"not a Frostfolio backup: {exc}") from exc
    plan = Plan(header)
    try:
        for _ in items(path, only, plan):
            pass
    except UnicodeDecodeError as exc:
        raise BackupError(f"the file is not text: {exc}") from exc
    found = sum(plan.counts.values()) + sum(plan.skipped.values())
    if found != header["items"]:
        raise BackupError(
            f"the file holds {found} items but its header counts {header['items']}: "
            "it is incomplete or was edited; nothing was written"
        )
    return plan


def is_empty(table: Table) -> bool:
    """Tell whether the table holds no item at all."""
    try:
        out = table.call("scan", TableName=table.name, Limit=1, ConsistentRead=True)
    except TableMissing:
        raise BackupError(
            f"there is no table {table.name!r}: create it first with "
            f"`python -m api.tables create --table {table.name}`"
        ) from None
    return not out.get("Items") and not out.get("LastEvaluatedKey")


def write(
    table: Table,
    found: Iterable[dict[str, Any]],
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Put every item, 25 per request, retrying what DynamoDB leaves unprocessed."""
    written = 0
    batch: list[dict[str, Any]] = []
    for item in found:
        batch.append(item)
        if len(batch) == BATCH:
            written += _write_batch(table, batch, sleep)
            batch = []
    if batch:
        written += _write_batch(table, batch, sleep)
    return written


def _write_batch(table: Table, batch: list[dict[str, Any]], sleep: Callable[[float], None]) -> int:
    requests = {table.name: [{"PutRequest": {"Item": item}} for item in batch]}
    for wait in (0.0, *RETRY_WAITS):
        if wait:
            sleep(wait)
        out = table.call("batch_write_item", RequestItems=requests)
        requests = out.get("UnprocessedItems") or {}
        if not requests.get(table.name):
            return len(batch)
    left = len(requests[table.name])
    raise BackupError(
        f"DynamoDB kept refusing {left} items (throttled?): run the restore again "
        "with --force to write the rest (items already written are written again)"
    )
