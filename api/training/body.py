"""Body weight over time: one item per day, ``BODY#<yyyy>`` / ``<date>``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..errors import InvalidFields
from ..storage import Table
from ..validation import Field, validate
from . import keys
from .numbers import decimal, text

BODY_PATTERN = "[1-9][0-9]{0,2}(?:[.][0-9]{1,2})?"

BODY_FIELDS = {
    "weight_kg": Field(
        pattern=BODY_PATTERN,
        pattern_message="Must be kilograms from 1 to 999.99, like 72.4 (2 decimals at most).",
        description="Kilograms: '72.4' (or a JSON number).",
    ),
    "note": Field(required=False, max_length=200, single_line=True),
}


def clean(data: Any) -> dict[str, Any]:
    """Check a body weight entry (the weight may be a JSON number too)."""
    raw = data.get("weight_kg") if isinstance(data, dict) else None
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        data = dict(data, weight_kg=str(raw))
    fields = validate(data, BODY_FIELDS)
    weight = decimal(fields["weight_kg"], places=2, low=Decimal(1), high=Decimal("999.99"))
    if weight is None:
        raise InvalidFields(fields={"weight_kg": "Must be kilograms from 1 to 999.99, 2 decimals."})
    return {"weight_kg": weight, "note": fields["note"]}


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe one day's weight."""
    return {"date": item["sk"], "weight_kg": text(item["weight_kg"]), "note": item.get("note", "")}


def put(table: Table, day: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Store (or replace) the weight of ``day``."""
    item = {
        "pk": keys.body_pk(day[:4]),
        "sk": day,
        "weight_kg": fields["weight_kg"],
        "note": fields.get("note") or "",
        "updated_at": keys.utc_stamp(datetime.now(UTC)),
    }
    table.call("put_item", TableName=table.name, Item=table.dump(item))
    return item


def remove(table: Table, day: str) -> bool:
    """Delete the weight of ``day``; tell whether there was one."""
    return table.delete(keys.body_pk(day[:4]), day) is not None


def in_year(table: Table, year: int) -> list[dict[str, Any]]:
    """Return a year's weights, oldest first."""
    from .store import partition

    return partition(table, keys.body_pk(year))


def latest(table: Table, year: int) -> dict[str, Any] | None:
    """Return the newest weight of this year or the one before, or None."""
    for y in (year, year - 1):
        items, _ = table.query("pk", keys.body_pk(y), newest_first=True, limit=1)
        if items:
            return items[0]
    return None
