"""The training log's settings: privacy zones and which records the site may show.

``TSETTINGS`` / ``META``: ``privacy_zones`` (``{name, lat, lon, radius_m}``,
at most 10) and ``public_records`` (``run:fastest_5k``, ``lift:bench press``).
A change replaces both and carries the ``version`` read (0 before the first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..errors import BadRequest, InvalidFields
from ..events.store import Refused, put, transact
from ..storage import Table
from ..validation import Field, validate
from . import keys, records
from .numbers import decimal, plain
from .store import VersionConflict

RADIUS = (50, 5000)
SEVEN_PLACES = Decimal("1e-7")
VERSION = Field(type=int, minimum=0, maximum=10**9, description="0 before the first change.")
ZONE_FIELDS = {
    "name": Field(required=False, max_length=60, single_line=True, description="e.g. Home"),
    "lat": Field(description="Latitude, -90 to 90 (kept to 7 decimals)."),
    "lon": Field(description="Longitude, -180 to 180 (kept to 7 decimals)."),
    "radius_m": Field(type=int, minimum=RADIUS[0], maximum=RADIUS[1], description="Metres."),
}
RECORD_PATTERN = re.compile(
    f"(?:{keys.SPORT_PATTERN}):(?:{'|'.join(records.RECORD_NAMES)})|lift:[^\\x00-\\x1f]{{1,60}}"
)


def _coordinate(value: Any, limit: int) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    number = decimal(value, places=10**6, low=Decimal(-limit), high=Decimal(limit))
    return None if number is None else number.quantize(SEVEN_PLACES)


def _zone(value: Any, at: str, errors: dict[str, str]) -> dict[str, Any] | None:
    if not isinstance(value, Mapping) or set(value) - set(ZONE_FIELDS):
        errors[at] = "Must be {name, lat, lon, radius_m}."
        return None
    lat, lon = _coordinate(value.get("lat"), 90), _coordinate(value.get("lon"), 180)
    radius = value.get("radius_m")
    if lat is None:
        errors[f"{at}.lat"] = "Must be a latitude from -90 to 90."
    if lon is None:
        errors[f"{at}.lon"] = "Must be a longitude from -180 to 180."
    try:
        checked = validate(
            {"name": value.get("name"), "radius_m": radius},
            {n: ZONE_FIELDS[n] for n in ("name", "radius_m")},
        )
        name, radius = checked["name"], checked["radius_m"]
    except InvalidFields as exc:
        errors.update({f"{at}.{n}": problem for n, problem in exc.fields.items()})
        name = ""
    if "name" in value and value["name"] is None:
        errors[f"{at}.name"] = "Must not be null: leave the field out instead."
    return {"name": name, "lat": lat, "lon": lon, "radius_m": radius}


def clean(data: Any) -> dict[str, Any]:
    """Check new settings; raise InvalidFields listing every problem."""
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    errors = {str(k)[:64]: "Unknown field." for k in data if k not in _FIELDS}
    version = 0
    try:
        version = validate({"version": data.get("version")}, {"version": VERSION})["version"]
    except InvalidFields:
        errors["version"] = "Must be the version you read (0 before the first change)."
    zones_in = data.get("privacy_zones", [])
    zones = []
    if not isinstance(zones_in, list) or len(zones_in) > keys.MAX_ZONES:
        errors["privacy_zones"] = f"Must be a list of at most {keys.MAX_ZONES} zones."
    else:
        zones = [_zone(z, f"privacy_zones[{i}]", errors) for i, z in enumerate(zones_in)]
    chosen = data.get("public_records", [])
    if not isinstance(chosen, list) or len(chosen) > 200:
        errors["public_records"] = "Must be a list of at most 200 record names."
    else:
        for i, name in enumerate(chosen):
            if not isinstance(name, str) or not RECORD_PATTERN.fullmatch(name):
                errors[f"public_records[{i}]"] = "Must be like run:fastest_5k or lift:bench press."
    if errors:
        raise InvalidFields(fields=errors)
    return {
        "version": version,
        "privacy_zones": zones,
        "public_records": list(dict.fromkeys(chosen)),
    }


_FIELDS = ("version", "privacy_zones", "public_records")


def read(table: Table) -> dict[str, Any]:
    """Return the settings (empty ones before the first change)."""
    item = table.get(*keys.SETTINGS) or {}
    return {
        "version": int(item.get("version", 0)),
        "privacy_zones": list(item.get("privacy_zones", [])),
        "public_records": list(item.get("public_records", [])),
    }


def public(settings: dict[str, Any]) -> dict[str, Any]:
    """Describe the settings for the owner (coordinates as numbers)."""
    zones = [{k: plain(v) for k, v in z.items()} for z in settings["privacy_zones"]]
    return {**settings, "privacy_zones": zones}


def write(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Replace the settings if their version is still ``fields['version']``."""
    pk, sk = keys.SETTINGS
    item = {
        "pk": pk,
        "sk": sk,
        "privacy_zones": fields["privacy_zones"],
        "public_records": fields["public_records"],
        "version": fields["version"] + 1,
    }
    if fields["version"] == 0:
        when, values = ["attribute_not_exists(#pk)"], {}
    else:
        when, values = ["#version = :v"], {":v": fields["version"]}
    try:
        transact(table, [put(item, when=when, values=values)])
    except Refused as exc:
        raise VersionConflict() from exc
    return read(table)
