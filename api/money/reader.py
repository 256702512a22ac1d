"""One request's reads: partitions and GSI1 lists fetched once, several at a time.

Reports, budgets, goals and the home summary share a :class:`Reader`, so the
accounts, the categories and each month's aggregates are read once per request
however many figures use them, and the partitions a figure needs are fetched
together on a few threads (one boto3 client is safe to share between threads).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from ..storage import Table
from . import keys, store

THREADS = 8
_INDEX = "gsi1:"
_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def pool() -> ThreadPoolExecutor:
    """Return the process's reading threads, started once (a new pool per request cost
    ~3 ms a thread on a busy machine, more than the reads it ran)."""
    global _POOL
    if _POOL is None:
        with _POOL_LOCK:
            if _POOL is None:
                _POOL = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="money-read")
    return _POOL


AGG_FIELDS = ("account", "category", "sum", "count", "inflow", "outflow")


def _plain(value: dict[str, Any]) -> Any:
    # Aggregates hold only strings and numbers: read them without boto3's generic
    # deserializer, which costs more than the round trip for a month of rows.
    if "N" in value:
        return Decimal(value["N"])
    return value["S"]


def aggregates(table: Table, pk: str) -> list[dict[str, Any]]:
    """Return a month's AGG rows, only the attributes reports use."""
    names = {f"#{f}": f for f in AGG_FIELDS}
    kwargs: dict[str, Any] = {
        "TableName": table.name,
        "KeyConditionExpression": "pk = :pk",
        "ExpressionAttributeValues": {":pk": {"S": pk}},
        "ExpressionAttributeNames": names,
        "ProjectionExpression": ", ".join(names),
    }
    found: list[dict[str, Any]] = []
    while True:
        out = table.call("query", **kwargs)
        found += [{k: _plain(v) for k, v in item.items()} for item in out.get("Items", [])]
        if not out.get("LastEvaluatedKey"):
            return found
        kwargs["ExclusiveStartKey"] = out["LastEvaluatedKey"]


class Reader:
    """Cached reads of partitions (``AGG#2026-11``) and GSI1 lists (``gsi1:MONEY#ACCOUNTS``)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._found: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def _read(self, name: str) -> list[dict[str, Any]]:
        if name.startswith(_INDEX):
            return store.index(self.table, name.removeprefix(_INDEX))
        if name.startswith("AGG#"):
            return aggregates(self.table, name)
        return store.partition(self.table, name)

    def prefetch(self, pks: list[str] = (), indexes: list[str] = ()) -> None:  # type: ignore[assignment]
        """Read every partition and list not read yet, together."""
        names = [*pks, *(_INDEX + i for i in indexes)]
        missing = sorted({n for n in names if n not in self._found})
        if len(missing) == 1:
            self._found[missing[0]] = self._read(missing[0])
        elif missing:
            for name, items in zip(missing, pool().map(self._read, missing), strict=True):
                self._found[name] = items

    def part(self, pk: str) -> list[dict[str, Any]]:
        """Return the items of a partition (read now if not yet)."""
        self.prefetch([pk])
        return self._found[pk]

    def listed(self, index: str) -> list[dict[str, Any]]:
        """Return the items of a GSI1 list (read now if not yet)."""
        self.prefetch(indexes=[index])
        return self._found[_INDEX + index]

    def accounts(self) -> dict[str, dict[str, Any]]:
        """Return every account by id."""
        return {a["id"]: a for a in self.listed(keys.ACCOUNT_INDEX)}

    def categories(self) -> dict[str, dict[str, Any]]:
        """Return every category by id."""
        return {c["id"]: c for c in self.listed(keys.CATEGORY_INDEX)}

    def month_rows(self, months: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Return the AGG items of each month."""
        self.prefetch([keys.agg_pk(m) for m in months])
        return {m: self._found[keys.agg_pk(m)] for m in months}
