"""Transactions that say which condition failed, and strongly consistent reads of a partition.

Every write that changes seats is one ``TransactWriteItems`` whose conditions
hold the invariant. When a condition fails, DynamoDB returns the item as it was
(``ReturnValuesOnConditionCheckFailure``), so the caller knows whether the RSVP
already existed or the seats ran out, and retries with fresh counts without
another read. Transactions that collide on the same item (real DynamoDB cancels
them with ``TransactionConflict``) are retried here after a short random wait.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from .. import storage
from ..storage import ConditionFailed, StorageError, Table, Unavailable

CONFLICT_ATTEMPTS = 8


_NAME = re.compile(r"#([A-Za-z_][A-Za-z0-9_]*)")
_VALUE = re.compile(r":[A-Za-z0-9_]+")


def _used(texts: Iterable[str], values: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    # DynamoDB refuses names and values an expression does not use, so only the
    # used ones are sent. Every attribute is written as #name: some (status,
    # capacity) are reserved words.
    text = " ".join(texts)
    names = {f"#{n}": n for n in _NAME.findall(text)}
    return names, {k: v for k, v in values.items() if k in set(_VALUE.findall(text))}


def update(
    pk: str,
    sk: str,
    *,
    sets: Iterable[str] = (),
    remove: Iterable[str] = (),
    when: Iterable[str] = (),
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An update for ``transact``: ``SET`` and ``REMOVE`` clauses, conditions joined by AND."""
    sets, removes, conditions = list(sets), list(remove), list(when)
    expression = " ".join(
        part
        for part in (
            "SET " + ", ".join(sets) if sets else "",
            "REMOVE " + ", ".join(removes) if removes else "",
        )
        if part
    )
    condition = " AND ".join(f"({c})" for c in conditions) or None
    names, used = _used([expression, condition or ""], values or {})
    return storage.update(pk, sk, expression, used, names=names or None, condition=condition)


def put(
    item: dict[str, Any], *, when: Iterable[str] = (), values: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A put for ``transact``, with conditions joined by AND."""
    condition = " AND ".join(f"({c})" for c in when) or None
    names, used = _used([condition or ""], values or {})
    return storage.put(item, condition, used, names)


def delete(
    pk: str, sk: str, *, when: Iterable[str] = (), values: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A delete for ``transact``, with conditions joined by AND."""
    condition = " AND ".join(f"({c})" for c in when) or None
    names, used = _used([condition or ""], values or {})
    return storage.delete(pk, sk, condition, used, names)


class Refused(Exception):
    """A condition of the transaction failed; ``items`` maps action index to the item as it was."""

    def __init__(self, items: dict[int, dict[str, Any] | None]) -> None:
        super().__init__(f"condition failed on action(s) {sorted(items)}")
        self.items = items


def _reasons(exc: StorageError) -> list[dict[str, Any]]:
    response = getattr(exc.__cause__, "response", None) or {}
    return response.get("CancellationReasons") or []


def _conflict(exc: StorageError) -> bool:
    response = getattr(exc.__cause__, "response", None) or {}
    code = response.get("Error", {}).get("Code", "")
    codes = {r.get("Code") for r in _reasons(exc)}
    return code == "TransactionConflictException" or "TransactionConflict" in codes


def transact(table: Table, actions: list[dict[str, Any]]) -> None:
    """Write ``actions`` all or nothing; raise Refused naming the failed conditions."""
    for action in actions:
        ((_, spec),) = action.items()
        if "ConditionExpression" in spec:
            spec["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    for attempt in range(CONFLICT_ATTEMPTS):
        try:
            table.transact(actions)
            return
        except ConditionFailed as exc:
            failed = {
                i: (table.load(r["Item"]) if r.get("Item") else None)
                for i, r in enumerate(_reasons(exc))
                if r.get("Code") == "ConditionalCheckFailed"
            }
            raise Refused(failed or {-1: None}) from exc
        except (Unavailable, StorageError) as exc:
            if not _conflict(exc) or attempt == CONFLICT_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0, 0.005 * 2**attempt))


def apply(table: Table, action: dict[str, Any]) -> dict[str, Any]:
    """Run one update (built by :func:`update`) on its own; return the item as it now is.

    For a counter that must hand back its new value (a place in line), which a
    transaction cannot. Raises Refused({0: item as it was}) when its condition fails.
    """
    spec = dict(action["Update"], TableName=table.name, ReturnValues="ALL_NEW")
    spec["Key"] = table.dump(spec["Key"])
    if "ExpressionAttributeValues" in spec:
        spec["ExpressionAttributeValues"] = table.dump(spec["ExpressionAttributeValues"])
    if "ConditionExpression" in spec:
        spec["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    for attempt in range(CONFLICT_ATTEMPTS):
        try:
            return table.load(table.call("update_item", **spec)["Attributes"])
        except ConditionFailed as exc:
            old = (getattr(exc.__cause__, "response", None) or {}).get("Item")
            raise Refused({0: table.load(old) if old else None}) from exc
        except StorageError as exc:
            if not _conflict(exc) or attempt == CONFLICT_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0, 0.005 * 2**attempt))
    raise AssertionError("unreachable")


def query_prefix(
    table: Table,
    pk: str,
    prefix: str,
    *,
    limit: int | None = None,
    start: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Return one page of a partition's items whose sort key starts with ``prefix``, in order."""
    kwargs: dict[str, Any] = {
        "TableName": table.name,
        "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
        "ExpressionAttributeValues": table.dump({":pk": pk, ":prefix": prefix}),
        "ConsistentRead": True,
    }
    if limit:
        kwargs["Limit"] = limit
    if start:
        kwargs["ExclusiveStartKey"] = table.dump(start)
    out = table.call("query", **kwargs)
    last = out.get("LastEvaluatedKey")
    return [table.load(i) for i in out.get("Items", [])], (table.load(last) if last else None)


def every_with_prefix(table: Table, pk: str, prefix: str, page: int = 200) -> list[dict[str, Any]]:
    """Return every item of a partition whose sort key starts with ``prefix``."""
    found: list[dict[str, Any]] = []
    start = None
    while True:
        items, start = query_prefix(table, pk, prefix, limit=page, start=start)
        found.extend(items)
        if not start:
            return found


def gsi_before(
    table: Table, key: str, before: str, start: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Return one page of GSI1 items under ``key`` whose sort key is below ``before``."""
    from ..storage import GSI1

    return table.query("gsi1pk", key, index=GSI1, sort_key="gsi1sk", before=before, start=start)


def attempts(seconds: float = 10.0) -> Iterator[int]:
    """Count attempts at a write that may lose races, until ``seconds`` have passed.

    After each lost race the caller waits a random while, longer each time
    (exponential backoff with full jitter): parties racing for one event spread
    out instead of colliding again. The budget stays well inside a Lambda's
    timeout; running out is answered 503 with Retry-After.
    """
    deadline = time.monotonic() + seconds
    attempt = 0
    while True:
        yield attempt
        if time.monotonic() >= deadline:
            return
        attempt += 1


def pause(attempt: int) -> None:
    """Wait before retrying after losing ``attempt`` races (random, up to 4 ms × 2^attempt)."""
    time.sleep(random.uniform(0, min(0.25, 0.004 * 2 ** min(attempt, 8))))
