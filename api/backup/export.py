"""Read the whole table into a backup: a consistent scan, sorted, minus the excluded kinds."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from ..storage import Table
from . import jsonl
from .kinds import EXCLUDED, excluded, item_type, selected


class TooLarge(Exception):
    """The backup grew past the size asked for; ``args[0]`` is its size so far in bytes."""


@dataclass
class Snapshot:
    """One export: its header and item lines, the counts, and what was left out."""

    table: str
    exported_at: str
    only: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    left_out: Counter = field(default_factory=Counter)  # by type: excluded or not --only

    @property
    def header(self) -> str:
        """The file's first line."""
        return jsonl.header(self.table, self.exported_at, self.counts, self.only, list(EXCLUDED))

    def chunks(self) -> Iterator[str]:
        """The file's text, a line at a time (header first)."""
        yield self.header + "\n"
        for line in self.lines:
            yield line + "\n"

    def size(self) -> int:
        """The file's length in bytes (it is ASCII)."""
        return len(self.header) + 1 + sum(len(line) + 1 for line in self.lines)


def scan(table: Table, page: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield every item of the table in botocore's typed form (consistent reads, all pages)."""
    kwargs: dict[str, Any] = {"TableName": table.name, "ConsistentRead": True}
    if page:
        kwargs["Limit"] = page
    while True:
        out = table.call("scan", **kwargs)
        yield from out.get("Items", [])
        if not out.get("LastEvaluatedKey"):
            return
        kwargs["ExclusiveStartKey"] = out["LastEvaluatedKey"]


def snapshot(
    table: Table,
    only: tuple[str, ...] = (),
    now: datetime | None = None,
    page: int | None = None,
    max_bytes: int | None = None,
) -> Snapshot:
    """Read every item to back up, sorted by (pk, sk).

    With ``max_bytes``, stop reading as soon as the items pass that size and
    raise TooLarge, rather than read a whole large table for nothing.
    """
    now = now or datetime.now(UTC)
    snap = Snapshot(table.name, now.strftime("%Y-%m-%dT%H:%M:%SZ"), only)
    keyed = []
    size = 0
    for item in scan(table, page):
        pk, sk = item["pk"]["S"], item["sk"]["S"]
        kind = item_type(pk, sk)
        if excluded(pk) or not selected(kind, only):
            snap.left_out[kind] += 1
            continue
        snap.counts[kind] += 1
        line = jsonl.item_line(item)
        keyed.append((pk, sk, line))
        size += len(line) + 1
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(size)
    keyed.sort()
    snap.lines = [line for _, _, line in keyed]
    return snap


def write_file(snap: Snapshot, path: str) -> None:
    """Write the backup to ``path`` (``-``: standard output), whole or not at all."""
    if path == "-":
        _write(snap, _stdout())
        return
    target = Path(path)
    # A temporary file renamed at the end: a cut-off export never looks like a whole one.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as out:
            _write(snap, out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write(snap: Snapshot, out: TextIO) -> None:
    for chunk in snap.chunks():
        out.write(chunk)
    out.flush()


def _stdout() -> TextIO:
    import sys

    return sys.stdout
