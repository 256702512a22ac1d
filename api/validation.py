"""Declared request fields and one pass that reports every problem at once.

A focused module rather than a schema library: it costs nothing at Lambda cold
start (jsonschema or pydantic add ~90 ms of imports) and the same declarations
produce the OpenAPI schemas, so docs and checks cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import BadRequest, InvalidFields

# Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is
# SES's job; this catches typos and header-injection attempts.
EMAIL_RE = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f.]+$")
_LINE_BREAKS = re.compile(r"[\r\n\x00\x85\u2028\u2029]")

_TYPE_NAMES = {str: "string", bool: "boolean", int: "integer"}


@dataclass(frozen=True)
class Field:
    """One declared field: its type, whether it is required, length and format."""

    type: type = str
    required: bool = True
    min_length: int = 0
    max_length: int | None = None
    format: str | None = None  # "email"
    single_line: bool = False
    description: str = ""

    def json_schema(self) -> dict[str, Any]:
        """Describe this field as JSON Schema (for the OpenAPI document)."""
        schema: dict[str, Any] = {"type": _TYPE_NAMES[self.type]}
        if self.type is str:
            if self.required:
                schema["minLength"] = max(1, self.min_length)
            elif self.min_length:
                schema["minLength"] = self.min_length
            if self.max_length is not None:
                schema["maxLength"] = self.max_length
            if self.format:
                schema["format"] = self.format
            if self.single_line:
                schema["pattern"] = r"^[^\r\n]*$"
        if self.description:
            schema["description"] = self.description
        return schema


Schema = Mapping[str, Field]


def object_schema(fields: Schema) -> dict[str, Any]:
    """Describe a declared body as a JSON Schema object with no extra keys."""
    return {
        "type": "object",
        "properties": {name: f.json_schema() for name, f in fields.items()},
        "required": [name for name, f in fields.items() if f.required],
        "additionalProperties": False,
    }


def _check(name: str, spec: Field, value: Any) -> tuple[Any, str | None]:
    if spec.type is bool:
        if isinstance(value, bool):
            return value, None
        return None, "Must be true or false."
    if spec.type is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        return None, "Must be a whole number."
    if not isinstance(value, str):
        return None, "Must be text."
    if spec.single_line and _LINE_BREAKS.search(value):
        return None, "Must be on one line."
    value = value.strip()
    if not value:
        return "", ("This field is required." if spec.required else None)
    if len(value) < spec.min_length:
        return None, f"Must be at least {spec.min_length} characters."
    if spec.max_length is not None and len(value) > spec.max_length:
        return None, f"Must be at most {spec.max_length} characters (got {len(value)})."
    if spec.format == "email" and not EMAIL_RE.match(value):
        return None, "Must be an email address like name@example.com."
    return value, None


def validate(data: Any, fields: Schema) -> dict[str, Any]:
    """Return the cleaned values of ``data`` or raise with every field problem.

    Strings are stripped; optional fields left out or blank come back as ``""``
    (text) or are omitted (other types); unknown fields are errors.
    """
    if not isinstance(data, Mapping):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name in data:
        if name not in fields:
            errors[str(name)[:64]] = "Unknown field."
    for name, spec in fields.items():
        if name not in data or data[name] is None:
            if spec.required:
                errors[name] = "This field is required."
            elif spec.type is str:
                clean[name] = ""
            continue
        value, problem = _check(name, spec, data[name])
        if problem:
            errors[name] = problem
        else:
            clean[name] = value
    if errors:
        raise InvalidFields(fields=errors)
    return clean
