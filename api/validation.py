"""Declared request fields and one pass that reports every problem at once.

A focused module rather than a schema library: it costs nothing at Lambda cold
start (jsonschema or pydantic add ~90 ms of imports) and the same declarations
produce the OpenAPI schemas, so docs and checks cannot drift apart.

Rules every declared field inherits:

- Text never holds C0 or C1 control characters (nor DEL). A multi-line field
  accepts line breaks (CR, LF) and tab, nothing else of the kind.
- A single-line field (names, subjects, emails: what lands in an email header,
  a list or a file name) also refuses line and paragraph separators and the
  bidirectional controls that make text display in another order than it was
  typed (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).
- Text is valid Unicode: a lone surrogate is refused.
- Numbers are integers within a declared range. In a query string they are
  ASCII digits only: ``str.isdigit`` also accepts ``²`` and ``①``.
- Emails are checked by ``email-validator`` (imported on first use: compiling
  its patterns costs ~40 ms, which only requests carrying an email pay).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import BadRequest, InvalidFields

_C0_C1 = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"  # tab, LF and CR excepted
_BIDI = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
_LINE_BREAKS = "\\t\\n\\r\\u2028\\u2029"
# Both patterns go into the OpenAPI document as they are: ECMA-262 and Python read them alike.
MULTI_LINE_PATTERN = f"^[^{_C0_C1}]*$"
SINGLE_LINE_PATTERN = f"^[^{_C0_C1}{_LINE_BREAKS}{_BIDI}]*$"

SURROGATE = re.compile("[\ud800-\udfff]")
INVALID_UNICODE = "Must be valid Unicode text (it holds a lone surrogate)."
_LINE_BREAK = re.compile(f"[\\n\\r\\x85{_LINE_BREAKS}]")
_CONTROL = re.compile(f"[{_C0_C1}\\t]")
_MULTI_LINE_CONTROL = re.compile(f"[{_C0_C1}]")
_BIDI_CONTROL = re.compile(f"[{_BIDI}]")
_DIGITS = re.compile("[0-9]+")

_TYPE_NAMES = {str: "string", bool: "boolean", int: "integer"}


@dataclass(frozen=True)
class Field:
    """One declared field: its type, whether it is required, its limits and format.

    ``minimum``/``maximum`` bound integers; ``default`` is what an optional
    field left out becomes (text defaults to ``""``).
    """

    type: type = str
    required: bool = True
    min_length: int = 0
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    format: str | None = None  # "email"
    single_line: bool = False
    pattern: str | None = None  # the whole value must match (implies single line)
    pattern_message: str = "Is not in the expected form."
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
            if self.pattern:
                schema["pattern"] = f"^{self.pattern}$"
            else:
                schema["pattern"] = SINGLE_LINE_PATTERN if self.single_line else MULTI_LINE_PATTERN
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.default is not None:
            schema["default"] = self.default
        if self.description:
            schema["description"] = self.description
        return schema

    def range_text(self) -> str:
        """Say which whole numbers this field accepts."""
        if self.minimum is not None and self.maximum is not None:
            return f"Must be a whole number from {self.minimum} to {self.maximum}."
        if self.minimum is not None:
            return f"Must be a whole number of at least {self.minimum}."
        if self.maximum is not None:
            return f"Must be a whole number of at most {self.maximum}."
        return "Must be a whole number."


Schema = Mapping[str, Field]


def object_schema(fields: Schema) -> dict[str, Any]:
    """Describe a declared body as a JSON Schema object with no extra keys."""
    return {
        "type": "object",
        "properties": {name: f.json_schema() for name, f in fields.items()},
        "required": [name for name, f in fields.items() if f.required],
        "additionalProperties": False,
    }


def parse_email(value: str) -> Any:
    """Return email-validator's reading of an address, or raise its EmailNotValidError."""
    from email_validator import validate_email

    # No DNS lookups (deliverability is SES's job); no quoted local parts or
    # [IP] domains: valid in RFC 5322, but what a Reply-To should never carry.
    # Domains need a dot and must not be special-use (.local, .localhost,
    # .onion, .invalid, .arpa); .test is let through (test_environment): it is
    # reserved for tests, and refusing it would protect nothing.
    return validate_email(
        value,
        check_deliverability=False,
        allow_quoted_local=False,
        allow_domain_literal=False,
        test_environment=True,
    )


def _text_problem(spec: Field, value: str) -> str | None:
    if SURROGATE.search(value):
        return INVALID_UNICODE
    if spec.pattern:
        return None if re.fullmatch(spec.pattern, value) else spec.pattern_message
    if spec.single_line:
        if _LINE_BREAK.search(value):
            return "Must be on one line."
        if _CONTROL.search(value):
            return "Must not contain control characters."
        if _BIDI_CONTROL.search(value):
            return "Must not contain characters that change the text direction."
    elif _MULTI_LINE_CONTROL.search(value):
        return "Must not contain control characters (line breaks and tabs are fine)."
    return None


def _check_text(spec: Field, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, "Must be text."
    # Before stripping: str.strip() removes some controls (\x1c-\x1f, \x85) silently.
    problem = _text_problem(spec, value)
    if problem:
        return None, problem
    value = value.strip()
    if not value:
        return "", ("This field is required." if spec.required else None)
    if len(value) < spec.min_length:
        return None, f"Must be at least {spec.min_length} characters."
    if spec.max_length is not None and len(value) > spec.max_length:
        return None, f"Must be at most {spec.max_length} characters (got {len(value)})."
    if spec.format == "email":
        from email_validator import EmailNotValidError

        try:
            return parse_email(value).normalized, None
        except EmailNotValidError:
            return None, "Must be an email address like name@example.com."
    return value, None


def _integral(value: Any) -> bool:
    """A JSON number written with a fraction of zero (`4.0`, read as Decimal or float)."""
    if isinstance(value, float):
        return value.is_integer() and abs(value) <= 2**53
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value() and abs(value) <= 2**53
    return False


def _check(spec: Field, value: Any) -> tuple[Any, str | None]:
    if spec.type is bool:
        if isinstance(value, bool):
            return value, None
        return None, "Must be true or false."
    if spec.type is int:
        if _integral(value):
            value = int(value)  # `4.0` is an integer in JSON Schema, as the OpenAPI says
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (spec.minimum is None or value >= spec.minimum)
            and (spec.maximum is None or value <= spec.maximum)
        ):
            return value, None
        return None, spec.range_text()
    return _check_text(spec, value)


def validate(data: Any, fields: Schema) -> dict[str, Any]:
    """Return the cleaned values of ``data`` or raise with every field problem.

    Strings are stripped; optional fields left out or blank come back as their
    default (``""`` for text); unknown fields are errors.
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
            elif spec.default is not None or spec.type is str:
                clean[name] = "" if spec.default is None else spec.default
            continue
        value, problem = _check(spec, data[name])
        if problem:
            errors[name] = problem
        elif value == "" and spec.default is not None:
            clean[name] = spec.default
        else:
            clean[name] = value
    if errors:
        raise InvalidFields(fields=errors)
    return clean


def _query_value(spec: Field, raw: str) -> Any:
    if spec.type is not int:
        return raw
    if not _DIGITS.fullmatch(raw):
        return raw  # left as text: the integer check names the expected range
    digits = raw.lstrip("0") or "0"
    # int() refuses strings of more than 4,300 digits; anything this long is out of range.
    return int(digits) if len(digits) <= 18 else 10**18


def validate_query(args: Any, fields: Schema) -> dict[str, Any]:
    """Validate query parameters: each given once, integers as ASCII digits.

    ``args`` is a Werkzeug ``MultiDict`` (``request.args``).
    """
    repeated = {name[:64]: "Give this parameter once." for name, v in args.lists() if len(v) > 1}
    if repeated:
        raise InvalidFields(fields=repeated)
    data = {
        name: _query_value(fields[name], raw) if name in fields else raw
        for name, raw in args.items()
    }
    return validate(data, fields)
