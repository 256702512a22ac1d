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
from . import keys, records
from .numbers import decimal, plain
from .store import VersionConflict

RADIUS = (50, 5000)
RECORD_PATTERN = re.compile(
    f"(?:{keys.SPORT_PATTERN}):(?:{'|'.join(records.RECORD_NAMES)})|lift:[^\\x00-\\x1f]{{1,60}}"
)


def _zone(value: Any, at: str, errors: dict[str, str]) -> dict[str, Any] | None:
    if not isinstance(value, Mapping) or set(value) - {"name", "lat", "lon", "radius_m"}:
        errors[at] = "Must be {name, lat, lon, radius_m}."
        return None
    lat = decimal(value.get("lat"), places=7, low=Decimal(-90), high=Decimal(90))
    lon = decimal(value.get("lon"), places=7, low=Decimal(-180), high=Decimal(180))
    radius = value.get("radius_m")
    name = value.get("name", "")
    if lat is None:
        errors[f"{at}.lat"] = "Must be a latitude from -90 to 90 (7 decimals at most)."
    if lon is None:
        errors[f"{at}.lon"] = "Must be a longitude from -180 to 180 (7 decimals at most)."
    if (
        isinstance(radius, bool)
        or not isinstance(radius, int)
        or not RADIUS[0] <= radius <= RADIUS[1]
    ):
        errors[f"{at}.radius_m"] = f"Must be whole metres from {RADIUS[0]} to {RADIUS[1]}."
    if not isinstance(name, str) or len(name) > 60 or not name.isprintable():
        errors[f"{at}.name"] = "Must be a name of at most 60 characters on one line."
    return {"name": name, "lat": lat, "lon": lon, "radius_m": radius}


def clean(data: Any) -> dict[str, Any]:
    """Check new settings; raise InvalidFields listing every problem."""
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    errors = {str(k)[:64]: "Unknown field." for k in data if k not in _FIELDS}
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
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
