"""Exchange rates the owner enters, and totals converted with them (no outside service).

``FXRATE#<from>`` / ``<to>`` holds how many ``to`` one ``from`` buys. A total in
``from`` converts with that rate, or divided by the ``to`` -> ``from`` rate when
only that one was entered; the result is rounded half to even to the target's
minor units once per currency total, never per transaction. A currency without
a rate is named in ``missing`` and left out of the converted total.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from ..storage import Table
from . import amounts, keys, store
from .accounts import now

INDEX = "MONEY#RATES"


def every(table: Table) -> dict[tuple[str, str], Decimal]:
    """Return every rate entered, by (from, to)."""
    return {(i["from"], i["to"]): Decimal(i["rate"]) for i in store.index(table, INDEX)}


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a rate for clients (the rate as a string)."""
    return {
        "from": item["from"],
        "to": item["to"],
        "rate": str(item["rate"]),
        "updated_at": item["updated_at"],
    }


def listing(table: Table) -> list[dict[str, Any]]:
    """Return every rate as clients see it."""
    return [public(i) for i in store.index(table, INDEX)]


def put(table: Table, source: str, target: str, rate: Decimal) -> dict[str, Any]:
    """Enter (or replace) the rate from ``source`` to ``target``."""
    item = {
        "pk": keys.fxrate_pk(source),
        "sk": target,
        "gsi1pk": INDEX,
        "gsi1sk": f"{source}#{target}",
        "from": source,
        "to": target,
        "rate": format(rate, "f"),  # a string: kept as entered ("0.9150")
        "updated_at": now(),
    }
    store.save(table, item)
    return item


def delete(table: Table, source: str, target: str) -> bool:
    """Remove a rate; tell whether there was one."""
    return table.delete(keys.fxrate_pk(source), target) is not None


def rate_for(rates: dict[tuple[str, str], Decimal], source: str, target: str) -> Decimal | None:
    """Return the rate from ``source`` to ``target`` (1 for the same currency), or None."""
    if source == target:
        return Decimal(1)
    if (source, target) in rates:
        return rates[(source, target)]
    return None


def convert_total(
    totals: dict[str, Decimal], target: str, rates: dict[tuple[str, str], Decimal]
) -> dict[str, Any]:
    """Convert per-currency totals into ``target``; name the currencies without a rate."""
    total, missing = amounts.ZERO, []
    for ccy, value in sorted(totals.items()):
        rate = rate_for(rates, ccy, target)
        if rate is not None:
            total += amounts.convert(value, rate, target)
        elif (target, ccy) in rates:
            inverse = value / rates[(target, ccy)]
            total += inverse.quantize(amounts.quantum(target), rounding=ROUND_HALF_EVEN)
        else:
            missing.append(ccy)
    return {"currency": target, "total": amounts.text(total, target), "missing": missing}
