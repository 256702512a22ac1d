"""The money API's schemas and parameters, shared by the paths in ``api.money.openapi``."""

from __future__ import annotations

from typing import Any

from . import amounts, keys
from .fields import GROUP, IMPORT_ID, NAME, NOTES, PAYEE, RAW_PAYEE, TAG, VERSION_QUERY

MONEY = {
    "type": "string",
    "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$",
    "description": "An exact amount as a string, in the currency's minor units "
    '("-12.30"; "1500" in JPY). JSON numbers are refused.',
    "example": "-12.30",
}
ID = {"type": "string", "pattern": f"^{keys.ID_PATTERN}$", "example": keys.ID_EXAMPLE}
# An id that may be left blank ("": none), as a transaction's category or a goal's link.
OPT_ID = {**ID, "pattern": f"^(?:{keys.ID_PATTERN})?$", "description": "An id, or blank for none."}
# A budget is zero or more: no minus sign.
NOT_NEGATIVE = {**MONEY, "pattern": "^[0-9]{1,15}(\\.[0-9]{1,4})?$", "example": "250.00"}
CCY = {
    "type": "string",
    "pattern": f"^{keys.CURRENCY_PATTERN}$",
    "enum": sorted(amounts.CURRENCIES),
    "example": "EUR",
    "description": "ISO 4217 code.",
}
DATE = {
    "type": "string",
    "format": "date",
    "pattern": f"^{keys.YEAR_PATTERN}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
    "description": "yyyy-mm-dd, 1900 to 2199.",
    "example": "2026-11-03",
}


def _choice(*values: str) -> dict[str, Any]:
    """Return a text field taking one of ``values`` (the pattern says no other text will do)."""
    return {"type": "string", "enum": list(values), "pattern": f"^(?:{'|'.join(values)})$"}


TEXT = {"type": "string"}
VERSION = {"type": "integer", "minimum": 1, "description": "The version read; a stale one is 409."}
SPLIT = {
    "type": "object",
    "required": ["amount"],
    "properties": {"category": OPT_ID, "amount": MONEY, "notes": NOTES.json_schema()},
}
ACCOUNT_IN = {
    "type": "object",
    "properties": {
        "name": NAME.json_schema(),
        "type": _choice("checking", "savings", "cash", "credit_card"),
        "currency": CCY,
        "opening_balance": MONEY,
        "version": VERSION,
    },
}
ACCOUNT = {
    "type": "object",
    "properties": {
        **ACCOUNT_IN["properties"],
        "id": ID,
        "balance": {**MONEY, "description": "Opening balance plus every transaction."},
    },
}
CATEGORY = {
    "type": "object",
    "properties": {
        "id": ID,
        "name": NAME.json_schema(),
        "group": GROUP.json_schema(),
        "kind": _choice("expense", "income"),
        "version": VERSION,
    },
}
TXN_IN = {
    "type": "object",
    "properties": {
        "date": DATE,
        "account": ID,
        "amount": {**MONEY, "description": "Negative is money out. " + MONEY["description"]},
        "payee": PAYEE.json_schema(),
        "raw_payee": RAW_PAYEE.json_schema(),
        "category": OPT_ID,
        "splits": {
            "type": "array",
            "items": SPLIT,
            "maxItems": 30,
            "not": {"minItems": 1, "maxItems": 1},
            "description": "2 to 30 lines adding up to the amount exactly; or empty.",
        },
        "notes": NOTES.json_schema(),
        "tags": {"type": "array", "items": TAG.json_schema(), "maxItems": 20},
        "import_id": IMPORT_ID.json_schema(),
        "version": VERSION,
    },
}
TXN = {
    "type": "object",
    "properties": {
        **TXN_IN["properties"],
        "id": ID,
        "currency": CCY,
        "transfer_id": TEXT,
        "counterpart": {"type": "string", "description": "The other leg of a transfer."},
    },
}
TRANSFER_IN = {
    "type": "object",
    "required": ["date", "from_account", "to_account", "amount"],
    "properties": {
        "date": DATE,
        "from_account": ID,
        "to_account": ID,
        "amount": {**MONEY, "description": "What leaves from_account (more than zero)."},
        "to_amount": {**MONEY, "description": "What arrives; required across currencies."},
        "payee": PAYEE.json_schema(),
        "notes": NOTES.json_schema(),
        "tags": {"type": "array", "items": TAG.json_schema(), "maxItems": 20},
    },
}
BUDGET_IN = {
    "type": "object",
    "required": ["amount", "currency"],
    "properties": {"amount": NOT_NEGATIVE, "currency": CCY, "rollover": {"type": "boolean"}},
}
GOAL_IN = {
    "type": "object",
    "properties": {
        "name": NAME.json_schema(),
        "target": MONEY,
        "currency": CCY,
        "by": DATE,
        "account": OPT_ID,
        "category": OPT_ID,
        "start": {"type": "string", "pattern": f"^{keys.MONTH_PATTERN}$"},
        "version": VERSION,
    },
}
RATE_IN = {
    "type": "object",
    "required": ["rate"],
    "properties": {
        "rate": {"type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,12})?$", "example": "1.0850"}
    },
}
REPORT = {"type": "object", "description": "See docs/money.md, section Reports."}


def _param(name: str, schema: dict, where: str = "path", text: str = "") -> dict[str, Any]:
    param = {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": text,
    }
    if "example" in schema:  # as every path parameter of the document has it (tests fill ids)
        param["example"] = schema["example"]
    return param


PERIOD = _param(
    "period",
    {"type": "string", "pattern": f"^(?:{keys.PERIOD_PATTERN})$", "example": "2026-03"},
    text="A month (YYYY-MM) or a year (YYYY).",
)
QUERY_VERSION = {
    **_param("version", VERSION_QUERY["version"].json_schema(), "query", "The version read."),
    "required": True,
}
MONTH = {"type": "string", "pattern": f"^{keys.MONTH_PATTERN}$"}
CONVERT = _param("convert", CCY, "query", "Also total in this currency with the entered rates.")
RANGE = [
    _param("from", MONTH, "query", "First month (yyyy-mm), before 'to'."),
    _param("to", MONTH, "query", "Last month (yyyy-mm)."),
]


def _needs(schema: dict[str, Any], *names: str) -> dict[str, Any]:
    """Return a request body schema: these fields required, no others taken.

    ``version`` is taken by edits only (those that require it).
    """
    properties = dict(schema["properties"])
    if "version" not in names:
        properties.pop("version", None)
    properties.pop("id", None)
    return {
        "type": "object",
        "properties": properties,
        "required": list(names),
        "additionalProperties": False,
    }
