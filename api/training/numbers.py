"""Exact numbers for the training log: kilograms and seconds as ``Decimal``, never float.

JSON numbers arrive as ``int`` or ``Decimal`` (``api.body`` parses with
``parse_float=Decimal``); a weight may also be sent as a string (``"82.5"``),
as money is. Answers carry weights as strings and times as numbers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")
# Kilograms as text: up to 9999.99, at most 2 decimals (a weight sent as a string).
WEIGHT_PATTERN = "[0-9]{1,4}(?:[.][0-9]{1,2})?"
TENTH = Decimal("0.1")


def decimal(value: Any, *, places: int, low: Decimal, high: Decimal) -> Decimal | None:
    """Read ``value`` as a Decimal within [low, high] with at most ``places`` decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        return None
    if isinstance(value, float):  # from a file import (the HTTP body never holds floats)
        value = repr(value)
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < low or number > high:
        return None
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return None
    return number


def text(number: Decimal) -> str:
    """Write a Decimal plainly, without trailing zeros: ``82.5``, ``100``."""
    normal = number.normalize()
    return format(normal.quantize(1) if normal == normal.to_integral() else normal, "f")


def plain(value: Any) -> Any:
    """Turn a stored number into JSON's: ``int`` when whole, else ``float`` (times, coordinates)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def half_up(value: Decimal, step: Decimal = TENTH) -> Decimal:
    """Round to ``step`` the way people do (halves up)."""
    return value.quantize(step, rounding=ROUND_HALF_UP)
