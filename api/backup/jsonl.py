"""The backup file: JSON Lines, a header first, then one item per line.

Line 1 is the header::

    {"format": "frostfolio-backup", "version": 1, "table": "frostfolio-prod",
     "exported_at": "2026-12-07T04:00:00Z", "items": 1234,
     "counts": {"CONTACT": 200, "EVENT/META": 3, ...}, "only": [], "excluded": [...]}

Every other line is one item in DynamoDB's own typed JSON, as the AWS CLI
prints it: ``{"pk": {"S": "EVENT#x"}, "seats_left": {"N": "12"}, "tags":
{"SS": ["a", "b"]}, "photo": {"B": "<base64>"}}``. Numbers stay the digits
DynamoDB holds (never a float), sets stay sets, binary is base64. Items come
sorted by (pk, sk), attribute names sorted, set members sorted: the same
table always gives the same bytes, so two exports can be compared with
``cmp`` or ``diff``. Text is ASCII (``\\u00e9``), so no newline or line
separator can ever appear inside a line.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

FORMAT = "frostfolio-backup"
VERSION = 1
_SCALARS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}


class BackupError(Exception):
    """A backup file or table that cannot be used; the message says what to do."""


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def header(
    table: str, exported_at: str, counts: dict[str, int], only: tuple[str, ...], excluded: list
) -> str:
    """Return the header line (without its newline)."""
    return _dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "table": table,
            "exported_at": exported_at,
            "items": sum(counts.values()),
            "counts": dict(sorted(counts.items())),
            "only": list(only),
            "excluded": sorted(excluded),
        }
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def to_json(value: dict[str, Any]) -> dict[str, Any]:
    """Turn one attribute value as botocore returns it into its file form."""
    ((kind, inner),) = value.items()
    if kind == "B":
        return {"B": _b64(inner)}
    if kind == "BS":
        return {"BS": [_b64(b) for b in sorted(bytes(b) for b in inner)]}
    if kind == "SS":
        return {"SS": sorted(inner)}
    if kind == "NS":
        return {"NS": sorted(inner, key=lambda n: (Decimal(n), n))}
    if kind == "M":
        return {"M": {k: to_json(v) for k, v in inner.items()}}
    if kind == "L":
        return {"L": [to_json(v) for v in inner]}
    return {kind: inner}


def item_line(item: dict[str, Any]) -> str:
    """Return one item (botocore's typed form) as its line (without the newline)."""
    return _dumps({name: to_json(value) for name, value in item.items()})


def _unb64(text: Any, where: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{where}: binary must be base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"{where}: not base64") from exc


def _number(text: Any, where: str) -> str:
    try:
        finite = isinstance(text, str) and Decimal(text).is_finite()
    except InvalidOperation:
        finite = False
    if not finite:
        raise ValueError(f"{where}: a number must be its digits as text")
    return text


def from_json(value: Any, where: str) -> dict[str, Any]:
    """Turn one attribute value of the file back into botocore's typed form."""
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(f'{where}: expected one typed value such as {{"S": "text"}}')
    ((kind, inner),) = value.items()
    if kind in _SCALARS:
        if not isinstance(inner, _SCALARS[kind]):
            raise ValueError(f"{where}: {kind} holds a {_SCALARS[kind].__name__}")
        return {kind: _number(inner, where) if kind == "N" else inner}
    if kind == "B":
        return {"B": _unb64(inner, where)}
    if kind in ("SS", "NS", "BS", "L") and not isinstance(inner, list):
        raise ValueError(f"{where}: {kind} holds a list")
    if kind == "SS" and all(isinstance(s, str) for s in inner):
        return {"SS": inner}
    if kind == "NS":
        return {"NS": [_number(n, where) for n in inner]}
    if kind == "BS":
        return {"BS": [_unb64(b, where) for b in inner]}
    if kind == "L":
        return {"L": [from_json(v, f"{where}[{i}]") for i, v in enumerate(inner)]}
    if kind == "M" and isinstance(inner, dict):
        return {"M": {k: from_json(v, f"{where}.{k}") for k, v in inner.items()}}
    raise ValueError(f"{where}: unknown or malformed type {kind!r}")


def parse_item(line: str, number: int) -> dict[str, Any]:
    """Read one item line; raise BackupError naming the line if it is not one."""
    where = f"line {number}"
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an item (a JSON object)")
        item = {name: from_json(value, f"{where}: {name}") for name, value in data.items()}
        for key in ("pk", "sk"):
            if "S" not in item.get(key, {}):
                raise ValueError(f"{where}: the item has no text {key}")
    except ValueError as exc:  # json.JSONDecodeError is one
        raise BackupError(str(exc) if str(exc).startswith("line") else f"{where}: {exc}") from exc
    return item


def read_header(line: str) -> dict[str, Any]:
    """Read and check the header line."""
    try:
        data = json.loads(line) if line.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"not a Frostfolio backup: line 1 is not a {FORMAT!r} header")
    if data.get("version") != VERSION:
        raise BackupError(
            f"backup format version {data.get('version')!r}: this Frostfolio reads {VERSION}"
        )
    if not isinstance(data.get("items"), int):
        raise BackupError("the header has no item count: the file is not a whole backup")
    return data


def read(lines: Iterable[str]) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """Return the header and the items of a backup's lines (items read lazily)."""
    it = iter(lines)
    head = read_header(next(it, ""))

    def items() -> Iterator[dict[str, Any]]:
        for number, line in enumerate(it, start=2):
            if line.strip():
                yield parse_item(line, number)

    return head, items()
