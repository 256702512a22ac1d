"""Count what one API request consumed: DynamoDB capacity, time waiting on AWS, emails, logs.

Used only by the load run. The hooks go on boto3 clients the load run creates
and hands the app, so the API's own code, and production, are unchanged: the
meter asks every DynamoDB call for ``ReturnConsumedCapacity="TOTAL"`` and adds
up what the responses report.

DynamoDB Local reports 2 units for any transaction, whatever its items, so
the meter prices transactions itself, as AWS bills them: each item of a
``TransactWriteItems`` 2 units per started KB (prepare and commit; an Update,
Delete or ConditionCheck is taken as 1 KB, since the stored item is not in
the request), plus 1 per KB for the index copy of a Put carrying ``gsi1pk``;
each item of a ``TransactGetItems`` 2 units. A write refused by its condition reports nothing; AWS
bills it as a write, counted here as 1 unit per item. A read that finds
nothing reports 0 units locally; AWS bills its minimum, 1 unit strongly
consistent or 0.5 eventually consistent, and so does the meter.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

READS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
TRANSACTIONS = {"TransactGetItems", "TransactWriteItems"}
EMAILS = {"SendEmail", "SendRawEmail"}


@dataclass
class Usage:
    """What one request used."""

    rru: Decimal = Decimal(0)
    wru: Decimal = Decimal(0)
    ddb_calls: int = 0
    emails: int = 0
    email_bytes: int = 0
    aws_seconds: float = 0.0  # waiting on DynamoDB and SES
    log_bytes: int = 0
    operations: dict[str, int] = field(default_factory=dict)


def _units(consumed: Any) -> Decimal:
    if isinstance(consumed, list):
        return sum((_units(c) for c in consumed), Decimal(0))
    if isinstance(consumed, dict):
        return Decimal(str(consumed.get("CapacityUnits", 0)))
    return Decimal(0)


def _size(value: Any) -> int:
    """Return about how many bytes DynamoDB counts for an attribute value."""
    ((kind, inner),) = value.items()
    if kind in ("S", "B"):
        return len(inner.encode() if isinstance(inner, str) else inner)
    if kind == "N":
        return len(inner) // 2 + 1
    if kind == "M":
        return 3 + sum(len(k) + _size(v) + 1 for k, v in inner.items())
    if kind == "L":
        return 3 + sum(_size(v) + 1 for v in inner)
    if kind in ("SS", "NS", "BS"):
        return sum(len(str(v)) for v in inner)
    return 1  # BOOL, NULL


def _kb(item: dict[str, Any]) -> int:
    return max(1, -(-sum(len(k) + _size(v) for k, v in item.items()) // 1024))


def transaction_units(params: dict[str, Any], operation: str) -> Decimal:
    """Return what AWS bills for a transaction's items (see the module's docstring)."""
    units = 0
    for entry in params.get("TransactItems", []):
        if operation == "TransactGetItems":
            units += 2
            continue
        if "Put" in entry:
            item = entry["Put"]["Item"]
            units += 2 * _kb(item) + (_kb(item) if "gsi1pk" in item else 0)
        else:
            units += 2
    return Decimal(units)


def _items(params: dict[str, Any]) -> int:
    if "TransactItems" in params:
        return len(params["TransactItems"])
    if "RequestItems" in params:
        return sum(len(v) for v in params["RequestItems"].values())
    return 1


class _CountingStream(io.StringIO):
    """A stream that keeps nothing but how many bytes were written to it.

    A StringIO (always empty) rather than a bare text stream: code that finds it
    as ``sys.stdout`` may ask for ``getvalue()``, as pytest's capture does.
    """

    def __init__(self, meter: Meter) -> None:
        super().__init__()
        self._meter = meter

    def write(self, text: str) -> int:
        self._meter.usage.log_bytes += len(text.encode())
        return len(text)


class _CountingHandler(logging.Handler):
    def __init__(self, meter: Meter) -> None:
        super().__init__(logging.WARNING)
        self._meter = meter

    def emit(self, record: logging.LogRecord) -> None:
        self._meter.usage.log_bytes += len(record.getMessage().encode()) + 1


class Meter:
    """Add up what the hooked clients did since the last ``start()``."""

    def __init__(self) -> None:
        self.usage = Usage()
        self._started: list[float] = []
        self._items = 1
        self._consistent = False
        self._transaction = Decimal(0)
        self.stream = _CountingStream(self)
        self.handler = _CountingHandler(self)

    def start(self) -> None:
        """Begin a new request: forget the previous one's figures."""
        self.usage = Usage()

    def attach_dynamodb(self, client: Any) -> Any:
        """Make ``client`` report and count consumed capacity; return it."""
        events = client.meta.events
        events.register("provide-client-params.dynamodb.*", self._ask_capacity)
        events.register("before-call.dynamodb.*", self._before)
        events.register("after-call.dynamodb.*", self._after_dynamodb)
        return client

    def attach_ses(self, client: Any) -> Any:
        """Make ``client`` count the emails it sends and their size; return it."""
        events = client.meta.events
        events.register("before-call.ses.*", self._before)
        events.register("after-call.ses.*", self._after_ses)
        return client

    # -- hooks --------------------------------------------------------------
    def _ask_capacity(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name in READS | WRITES:
            params.setdefault("ReturnConsumedCapacity", "TOTAL")
            self._items = _items(params)
            self._consistent = bool(params.get("ConsistentRead"))
            if model.name in TRANSACTIONS:
                self._transaction = transaction_units(params, model.name)

    def _before(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        self._started.append(time.perf_counter())
        if model.name in EMAILS:
            body = params.get("body", {})
            # The request body's size: the message, its attachments, the headers.
            self.usage.email_bytes += len(str(body).encode())

    def _waited(self) -> None:
        if self._started:
            self.usage.aws_seconds += time.perf_counter() - self._started.pop()

    def _after_dynamodb(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        self._waited()
        name = model.name
        usage = self.usage
        usage.ddb_calls += 1
        usage.operations[name] = usage.operations.get(name, 0) + 1
        if name not in READS | WRITES:
            return
        units = _units(parsed.get("ConsumedCapacity"))
        if name in TRANSACTIONS:
            units = self._transaction
        if not units and "Error" in parsed and name in WRITES:
            units = Decimal(self._items)
        if not units and name in READS and "Error" not in parsed:
            units = Decimal(1) if self._consistent else Decimal("0.5")
        if name in READS:
            usage.rru += units
        else:
            usage.wru += units

    def _after_ses(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        self._waited()
        if model.name in EMAILS and "Error" not in parsed:
            self.usage.emails += 1
