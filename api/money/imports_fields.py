"""Checks of the import requests, every problem at once, and the schemas the OpenAPI shows.

Each field is checked for its type, control and text-direction characters and
form before anything is looked up, so a bad body is a 422 naming each field
whatever else is wrong; the same declarations give the OpenAPI schemas, so the
document and the checks cannot drift apart.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from typing import Any

from ..errors import InvalidFields
from ..validation import Field
from . import keys
from .csvbank import DELIMITERS, ENCODINGS, THOUSANDS, Mapping
from .fields import Problems, body_object

BANK_PATTERN = "[a-z0-9][a-z0-9-]{0,39}"
BANK_EXAMPLE = "an-example-bank-name-forty-characters-ok"  # the longest: one more char is no route
COLUMN = Field(required=False, max_length=100, single_line=True, description="A header.")
COLUMNS = ("date", "payee", "date_format", "amount", "money_in", "money_out", "notes")
COLUMNS += ("reference",)
CHOICES: dict[str, tuple[str, ...]] = {
    "decimal": (".", ","),
    "thousands": THOUSANDS,
    "encoding": ENCODINGS,
    "delimiter": ("", *DELIMITERS),
    "format": ("", "csv", "ofx"),
}
# Base64 (RFC 4648, padded), at least one byte: what the pattern allows decodes.
CONTENT = Field(
    pattern="(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})",
    pattern_message="Must be base64 (padded with = to a multiple of 4 characters).",
)
BANK = Field(required=False, pattern=f"(|{BANK_PATTERN})", pattern_message="Use a-z, 0-9 and -.")
OFX_ACCOUNT = Field(required=False, max_length=100, single_line=True)
PREVIEW_FIELDS = {"account", "content_base64", "format", "bank", "mapping", "save_mapping"}
PREVIEW_FIELDS |= {"ofx_account"}


def choice(p: Problems, data: dict[str, Any], name: str) -> str | None:
    """Return ``data[name]`` if it is one of the allowed strings (None if absent or wrong)."""
    if name not in data:
        return None
    value, allowed = data[name], CHOICES[name]
    if isinstance(value, str) and value in allowed:
        return value
    p.add(name, "Must be one of " + ", ".join(repr(a) for a in allowed) + ".")
    return None


def boolean(p: Problems, data: dict[str, Any], name: str) -> bool | None:
    """Return ``data[name]`` if it is true or false (None if absent or wrong)."""
    if name not in data:
        return None
    if isinstance(data[name], bool):
        return data[name]
    p.add(name, "Must be true or false.")
    return None


def mapping(p: Problems, data: Any, prefix: str = "") -> Mapping | None:
    """Check a column mapping; note its problems in ``p`` (under ``prefix.``), or return it."""
    where = (lambda name: f"{prefix}.{name}") if prefix else (lambda name: name)
    if not isinstance(data, dict):
        p.add(prefix or "mapping", "Must be an object: the column mapping.")
        return None
    sub = Problems()
    sub.unknown(data, set(Mapping.__dataclass_fields__))
    values: dict[str, Any] = {}
    for name in COLUMNS:
        if (text := sub.text(data, name, COLUMN)) is not None:
            values[name] = text
    for name in ("decimal", "thousands", "encoding", "delimiter"):
        if (value := choice(sub, data, name)) is not None:
            values[name] = value
    if (flip := boolean(sub, data, "flip_sign")) is not None:
        values["flip_sign"] = flip
    if "skip_lines" in data:
        skip = data["skip_lines"]
        if isinstance(skip, int) and not isinstance(skip, bool) and 0 <= skip <= 50:
            values["skip_lines"] = skip
        else:
            sub.add("skip_lines", "Must be a whole number from 0 to 50.")
    sub.required(data, "date", "payee")
    result = None
    if not sub.fields:
        result = Mapping(**values)
        for name, message in result.problems().items():
            sub.add(name, message)
    for name, message in sub.fields.items():
        p.add(where(name), message)
    return None if sub.fields else result


def content(p: Problems, data: dict[str, Any]) -> bytes | None:
    """Return the decoded ``content_base64``, or note why not."""
    text = p.text(data, "content_base64", CONTENT)
    if not text:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if not raw:
        p.add("content_base64", "Send the bank file, base64-encoded.")
        return None
    return raw


def preview_request(data: Any) -> dict[str, Any]:
    """Check a preview request; return its cleaned fields (``content`` as bytes) or raise."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, PREVIEW_FIELDS)
    clean: dict[str, Any] = {"account": p.ident(data, "account")}
    clean["content"] = content(p, data)
    clean["format"] = choice(p, data, "format") or ""
    clean["bank"] = p.text(data, "bank", BANK) or ""
    clean["ofx_account"] = p.text(data, "ofx_account", OFX_ACCOUNT) or ""
    save = boolean(p, data, "save_mapping")
    clean["save_mapping"] = True if save is None else save
    clean["mapping"] = mapping(p, data["mapping"], "mapping") if "mapping" in data else None
    p.required(data, "account", "content_base64")
    p.raise_any()
    return clean


FILE_TYPES = ("text/csv", "text/plain", "application/octet-stream", "application/x-ofx")
FILE_TYPES += ("application/ofx", "application/vnd.intu.qfx", "application/x-qfx")
UPLOAD_QUERY = ("account", "format", "bank", "mapping", "save_mapping", "ofx_account")


def query_fields(args: Any) -> dict[str, Any]:
    """Return the query string as body fields (unknown or repeated ones kept to be refused)."""
    import json

    data: dict[str, Any] = {}
    for name, values in args.lists():
        data[name] = values[0] if len(values) == 1 else values
    if data.get("save_mapping") in ("true", "false"):
        data["save_mapping"] = data["save_mapping"] == "true"
    if isinstance(data.get("mapping"), str):
        with contextlib.suppress(ValueError):  # else left as text: "must be an object"
            data["mapping"] = json.loads(data["mapping"], parse_float=str)
    return data


def upload_request(args: Any, raw: bytes) -> dict[str, Any]:
    """Check a file sent as the body itself, its fields in the query string; return them."""
    p = Problems()
    data = query_fields(args)
    p.unknown(data, set(UPLOAD_QUERY))
    for name, value in data.items():
        if isinstance(value, list) and name in UPLOAD_QUERY:
            p.add(name, "Give this parameter once.")
    clean: dict[str, Any] = {"account": p.ident(data, "account"), "content": raw or None}
    clean["format"] = choice(p, data, "format") or ""
    clean["bank"] = p.text(data, "bank", BANK) or ""
    clean["ofx_account"] = p.text(data, "ofx_account", OFX_ACCOUNT) or ""
    save = boolean(p, data, "save_mapping")
    clean["save_mapping"] = True if save is None else save
    clean["mapping"] = mapping(p, data["mapping"], "mapping") if "mapping" in data else None
    p.required(data, "account")
    if not raw:
        p.add("file", "Send the bank file as the request body.")
    p.raise_any()
    return clean


def decisions_request(data: Any) -> dict[str, str]:
    """Check a confirm request's shape (the rows are checked against the preview later)."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, {"decisions"})
    given = data.get("decisions", {})
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        p.add("decisions", 'Must be an object like {"3": "skip"} (row index to decision).')
    p.raise_any()
    return given


def restore_request(data: Any) -> bytes:
    """Check a restore request; return the file's bytes or raise."""
    data = body_object(data)
    p = Problems()
    p.unknown(data, {"content_base64"})
    raw = content(p, data)
    p.required(data, "content_base64")
    p.raise_any()
    assert raw is not None
    return raw


def bank_request(data: Any) -> Mapping:
    """Check a saved mapping's body (the mapping itself); return it or raise."""
    p = Problems()
    found = mapping(p, body_object(data))
    if found is None:
        raise InvalidFields(fields=p.fields)
    return found


# -- the same, as OpenAPI schemas ---------------------------------------------


def choice_schema(name: str) -> dict[str, Any]:
    """Describe an allowed-strings field (with the pattern the hostile-input tests read)."""
    allowed = CHOICES[name]
    pattern = "^(" + "|".join(re.escape(a) for a in allowed) + ")$"
    return {"type": "string", "enum": list(allowed), "pattern": pattern}


def id_schema(blank: bool = False) -> dict[str, Any]:
    """Describe an id field (``blank``: or "" for none)."""
    pattern = f"^({'|' if blank else ''}{keys.ID_PATTERN})$"
    return {"type": "string", "pattern": pattern, "example": keys.ID_EXAMPLE}


def mapping_schema() -> dict[str, Any]:
    """Describe a column mapping."""
    props: dict[str, Any] = {name: COLUMN.json_schema() for name in COLUMNS}
    props["date_format"]["description"] = "strftime, e.g. %d.%m.%Y (default %Y-%m-%d)."
    props["amount"]["description"] = "One signed amount column (or money_in/money_out)."
    props["reference"]["description"] = "The bank's own id of each row, if any."
    for name in ("decimal", "thousands", "encoding", "delimiter"):
        props[name] = choice_schema(name)
    props["delimiter"]["description"] = "'' (the default): detected from the file."
    props["flip_sign"] = {"type": "boolean", "default": False}
    props["skip_lines"] = {"type": "integer", "minimum": 0, "maximum": 50, "default": 0}
    return {
        "type": "object",
        "required": ["date", "payee"],
        "additionalProperties": False,
        "description": "How the bank writes its CSV; columns are named by their header text.",
        "properties": props,
    }


def preview_schema() -> dict[str, Any]:
    """Describe a preview request."""
    return {
        "type": "object",
        "required": ["account", "content_base64"],
        "additionalProperties": False,
        "properties": {
            "account": id_schema(),
            "content_base64": {**CONTENT.json_schema(), "description": "The file, base64."},
            "format": {**choice_schema("format"), "description": "'': detected."},
            "bank": {**BANK.json_schema(), "description": "Use (or save) this bank's mapping."},
            "mapping": mapping_schema(),
            "save_mapping": {"type": "boolean", "default": True},
            "ofx_account": {**OFX_ACCOUNT.json_schema(), "description": "Which statement."},
        },
    }
