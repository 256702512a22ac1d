"""Checks of the money log's request bodies: every problem reported at once.

Text fields use ``api.validation``'s rules; money fields are strings read by
``amounts.parse`` (a JSON number is refused); dates are ISO ``yyyy-mm-dd``.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from math import isfinite
from typing import Any

from ..errors import BadRequest, InvalidFields
from ..validation import Field, validate
from . import amounts, keys

NAME = Field(max_length=100, single_line=True, description="A short name.")
GROUP = Field(
    required=False, max_length=100, single_line=True, description="Its group; blank: none."
)
PAYEE = Field(required=False, max_length=200, single_line=True, description="Who was paid.")
RAW_PAYEE = Field(required=False, max_length=500, description="The bank's own text, kept as is.")
NOTES = Field(required=False, max_length=2000, description="Free notes (several lines).")
IMPORT_ID = Field(required=False, max_length=200, single_line=True, description="Bank's id.")
TAG = Field(max_length=40, single_line=True)
MAX_TAGS = 20
# ``?version=N`` of a delete, read by ``validate_query`` (ASCII digits only, in range).
VERSION_QUERY = {
    "version": Field(type=int, minimum=1, maximum=keys.MAX_VERSION, description="The version read.")
}
MAX_SPLITS = 30


class Problems:
    """Collect field problems, then raise them all as one 422."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, name: str, message: str) -> None:
        """Note a problem with ``name`` (the first one per field wins)."""
        self.fields.setdefault(name, message)

    def text(self, data: dict[str, Any], name: str, spec: Field) -> str | None:
        """Return the cleaned text field ``name`` of ``data`` (None when left out)."""
        if name not in data:
            return None
        if data[name] is None:  # the document types it as text: null is not "left out"
            self.add(name, "Must be text.")
            return None
        try:
            return validate({name: data[name]}, {name: spec})[name]
        except InvalidFields as exc:
            self.add(name, exc.fields.get(name, "Is not valid."))
            return None

    def amount(self, data: dict[str, Any], name: str, currency: str | None) -> Decimal | None:
        """Return the amount ``name`` in ``currency``, or note why not.

        With ``currency`` None only the amount's form is checked: the caller
        has already noted the currency (or account) problem.
        """
        if name not in data:
            return None
        try:
            return amounts.parse(data[name], currency)
        except amounts.AmountError as exc:
            self.add(name, str(exc))
            return None

    def date(self, data: dict[str, Any], name: str) -> str | None:
        """Return the ISO date ``name`` (between 1900 and 2199), or note why not."""
        if name not in data:
            return None
        value = data[name]
        try:
            day = Date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or not 1900 <= day.year <= 2199:
            self.add(name, "Must be a date as yyyy-mm-dd (1900 to 2199).")
            return None
        return day.isoformat()

    def ident(self, data: dict[str, Any], name: str, known: set[str] | None = None) -> str | None:
        """Return the id ``name`` ("" when blank), checked against ``known`` ids if given."""
        if name not in data:
            return None
        value = data[name]
        if value in ("", None):
            return ""
        if not keys.is_id(value):
            self.add(name, "Must be an id (16 lowercase letters and digits, as given).")
            return None
        if known is not None and value not in known:
            self.add(name, f"No such {name.split('_')[0]}: {value}.")
            return None
        return value

    def tags(self, data: dict[str, Any], name: str = "tags") -> list[str] | None:
        """Return the tags (distinct, in order), or note why not."""
        if name not in data:
            return None
        value = data[name]
        if not isinstance(value, list) or len(value) > MAX_TAGS:
            self.add(name, f"Must be a list of at most {MAX_TAGS} tags.")
            return None
        out: list[str] = []
        for tag in value:
            clean = self.text({name: tag}, name, TAG)
            if clean and clean not in out:
                out.append(clean)
        return out

    def unknown(self, data: dict[str, Any], allowed: set[str]) -> None:
        """Note every field of ``data`` that is not in ``allowed``."""
        for name in data:
            if name not in allowed:
                self.add(str(name)[:64], "Unknown field.")

    def required(self, data: dict[str, Any], *names: str) -> None:
        """Note every one of ``names`` missing from ``data``."""
        for name in names:
            if data.get(name) in (None, ""):
                self.add(name, "This field is required.")

    def raise_any(self) -> None:
        """Raise the 422 naming every problem, if there is one."""
        if self.fields:
            raise InvalidFields(fields=self.fields)


def body_object(data: Any) -> dict[str, Any]:
    """Return ``data`` if it is a JSON object, or refuse it."""
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object with the fields described in /openapi.json.")
    return data


def version(data: dict[str, Any], problems: Problems) -> int | None:
    """Return the ``version`` an edit was based on (required, a positive integer)."""
    value = data.get("version")
    if isinstance(value, Decimal | float) and isfinite(value) and value == int(value):
        value = int(value)  # 4.0 is an integer in JSON Schema, as the OpenAPI says
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.add("version", "Send the version you read (a whole number) to edit it.")
        return None
    return value
