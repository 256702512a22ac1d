"""Cooking times: minutes (45), ISO 8601 ('PT1H20M') or the way people write them ('1h 20m')."""

from __future__ import annotations

import re

_ISO_RE = re.compile(r"P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?")
_PART_RE = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>d|days?|h|hrs?|hours?|m|mins?|minutes?)\b", re.IGNORECASE
)
HINT = "write minutes (45), '1h 20m', '1 hour 20 minutes' or ISO 8601 like PT1H20M"


class DurationError(ValueError):
    """A time that cannot be read."""


def parse_minutes(value: object) -> int:
    """Read a duration as whole minutes."""
    if isinstance(value, bool):
        raise DurationError(f"bad time {value!r}: {HINT}")
    if isinstance(value, int | float):
        if value < 0:
            raise DurationError(f"bad time {value!r}: must not be negative")
        return round(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    iso = _ISO_RE.fullmatch(text.upper())
    if iso and any(iso.groupdict().values()):
        d, h, m, s = (int(iso[k] or 0) for k in "dhms")
        return d * 1440 + h * 60 + m + round(s / 60)
    total = 0.0
    consumed = 0
    for part in _PART_RE.finditer(text):
        unit = part["unit"].lower()
        factor = 1440 if unit.startswith("d") else 60 if unit.startswith("h") else 1
        total += float(part["n"]) * factor
        consumed += len(part.group())
    leftover = _PART_RE.sub("", text).replace("and", "").strip(" ,")
    if not consumed or leftover:
        raise DurationError(f"bad time {text!r}: {HINT}")
    return round(total)


def iso_duration(minutes: int) -> str:
    """Write minutes as ISO 8601, as schema.org wants ('PT1H20M')."""
    hours, mins = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins or not hours else "")


def human_duration(minutes: int) -> str:
    """Write minutes for people ('1 h 20 min')."""
    hours, mins = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    return " ".join(parts)
