"""One request's reads: partitions and GSI1 lists fetched once, several at a time.

Reports, budgets, goals and the home summary share a :class:`Reader`, so the
accounts, the categories and each month's aggregates are read once per request
however many figures use them, and the partitions a figure needs are fetched
together on a few threads (one boto3 client is safe to share between threads).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..storage import Table
from . import keys, store

THREADS = 8
_INDEX = "gsi1:"


class Reader:
    """Cached reads of partitions (``AGG#2026-11``) and GSI1 lists (``gsi1:MONEY#ACCOUNTS``)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._found: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def _read(self, name: str) -> list[dict[str, Any]]:
        if name.startswith(_INDEX):
            return store.index(self.table, name.removeprefix(_INDEX))
        return store.partition(self.table, name)

    def prefetch(self, pks: list[str] = (), indexes: list[str] = ()) -> None:  # type: ignore[assignment]
        """Read every partition and list not read yet, together."""
        names = [*pks, *(_INDEX + i for i in indexes)]
        missing = sorted({n for n in names if n not in self._found})
        if len(missing) == 1:
            self._found[missing[0]] = self._read(missing[0])
        elif missing:
            with ThreadPoolExecutor(max_workers=min(THREADS, len(missing))) as pool:
                for name, items in zip(missing, pool.map(self._read, missing), strict=True):
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
